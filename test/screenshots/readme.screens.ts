/**
 * `npm run screenshots`: the pictures of the popup in the README, taken from the built extension
 * in real Chromium. Kept out of `npm test`, so running the tests leaves the tree as it was.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { AuditPage, OptionsPage, PopupPage } from '../e2e/support/pages';
import { useBrowserSuite } from '../e2e/support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;
const folder = resolve(import.meta.dirname, '../../docs/screenshots');

beforeAll(async () => {
  await mkdir(folder, { recursive: true });
});

/**
 * A toolbar popup is as tall as what it shows, up to 600 px: the picture is taken at that height,
 * not with a page's worth of empty space under it.
 */
async function popupShot(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Ask', exact: true }).waitFor();
  const height = await page.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().height));
  await page.setViewportSize({ width: 440, height: Math.min(600, height) });
  await page.screenshot({ path: join(folder, name) });
}

async function configure() {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-screens', baseUrl: server.url, model: 'gpt-4o', detail: 'low', sendImagesAs: 'url' });
  await options.page.close();
}

it('shows the popup answering, comparing and remembering, in light and dark', async () => {
  await configure();
  server.reply({
    text: 'A **red rectangle** on a white page.\n\n- Size: about 200 × 150 pixels\n- No text, no people\n\nIt looks like a placeholder or a colour swatch.',
    usage: { input: 1210, output: 48 },
  });
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
  const popup = await PopupPage.open(suite.extension);
  // The popup at the size browsers give it: at most 600 px tall.
  await popup.page.setViewportSize({ width: 440, height: 600 });
  await expect.poll(() => popup.answer.textContent(), { message: 'the answer on screen' }).toContain('colour swatch');
  await popupShot(popup.page, 'popup-answer.png');
  await popup.page.emulateMedia({ colorScheme: 'dark' });
  await popupShot(popup.page, 'popup-answer-dark.png');
  await popup.page.emulateMedia({ colorScheme: 'light' });

  await suite.extension.chooseMenuItem(page, '#plain', 'compare-add', { waitForAnswer: true });
  await suite.extension.chooseMenuItem(page, '#in-picture', 'compare-add', { waitForAnswer: true });
  await suite.extension.chooseMenuItem(page, '#large', 'compare-add', { waitForAnswer: true });
  const tray = await PopupPage.open(suite.extension);
  await tray.page.setViewportSize({ width: 440, height: 520 });
  await tray.page.getByRole('button', { name: 'Compare (3)' }).click();
  await tray.page.getByLabel('Question about all 3 pictures').fill('Which of these is the largest?');
  await tray.page.screenshot({ path: join(folder, 'popup-compare.png') });
  await tray.page.getByRole('button', { name: 'Remove all' }).click();
  await tray.page.getByRole('button', { name: 'History' }).click();
  await expect.poll(() => tray.page.locator('.history-list li').count(), { message: 'history entries' }).toBeGreaterThan(0);
  await tray.page.screenshot({ path: join(folder, 'popup-history.png') });
});

it('shows alt text for one picture, and the page audit', async () => {
  await configure();
  server.reply({
    text: JSON.stringify({ alt: 'Image of fishing boats moored in a harbour at dawn', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }),
    usage: { input: 512, output: 31 },
  });
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/alt.html'));
  await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text', { waitForAnswer: true });
  const popup = await PopupPage.open(suite.extension);
  await popup.page.setViewportSize({ width: 440, height: 600 });
  await popup.page.getByRole('button', { name: 'Apply to page' }).waitFor();
  await popupShot(popup.page, 'popup-alt-text.png');

  await suite.extension.runCommand(page, 'audit-page');
  const suggestions = ['Fishing boats in the harbour at dawn', 'A red rectangle', 'Home', 'Print this page', 'Submit', 'A blue bar', 'Summer sale banner', 'Un bateau vert'];
  for (const alt of suggestions) server.reply({ text: JSON.stringify({ alt, kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }), usage: { input: 420, output: 20 } });
  const audit = await AuditPage.open(suite.extension);
  await audit.page.setViewportSize({ width: 440, height: 760 });
  await audit.button('Describe all').click();
  await audit.page.getByText(/8 of 8 described/).waitFor();
  await audit.page.screenshot({ path: join(folder, 'popup-audit.png') });
});

it('shows the side panel beside a long answer, at a tall window\'s height', async () => {
  await configure();
  const panel = await suite.extension.context.newPage();
  await panel.setViewportSize({ width: 440, height: 900 });
  await panel.goto(suite.extension.url('sidepanel.html'));
  const paragraphs = [
    'The picture shows a **red rectangle** on a plain white page, filling about a third of the width.',
    'Its edges are sharp and straight, with no border, shadow or gradient, so it was most likely drawn by a program rather than photographed.',
    'There is no text, logo or person anywhere in it, and nothing in the background.',
    '1. **Colour**: a saturated red, close to #FF0000.\n2. **Shape**: a rectangle about 4:3.\n3. **Use**: most often a placeholder or a colour swatch.',
    'If you want to know where it comes from, the page around it may say more: ask a follow-up, or look at its caption.',
  ];
  server.reply({ text: paragraphs.join('\n\n'), usage: { input: 1210, output: 142 } });
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
  const view = new PopupPage(panel);
  await expect.poll(() => view.answer.textContent(), { message: 'the answer in the side panel' }).toContain('look at its caption');
  await panel.bringToFront();
  await panel.screenshot({ path: join(folder, 'sidepanel-answer.png') });
});
