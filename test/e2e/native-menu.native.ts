/**
 * The real native context menu, in headed Chromium under Xvfb: right-click a picture, pick
 * "Ask about this image" with the keyboard through xdotool, and the server gets the question.
 * `npm test` runs this file under xvfb-run (scripts/test.mjs).
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { Extension } from './support/extension';
import { held } from './support/held';
import { OptionsPage, PopupPage } from './support/pages';
import { SidePanel } from './support/side-panel';
import { TestSite } from './support/site';

const server = new FakeOpenAI();
const site = new TestSite();
const otherSite = new TestSite();
let extension: Extension;

/** The X windows on screen now; the native menu is a window of its own. */
function visibleWindows(): Set<string> {
  const out = execFileSync('xdotool', ['search', '--onlyvisible', '--name', ''], { encoding: 'utf8' });
  return new Set(out.split('\n').filter(Boolean));
}

beforeAll(async () => {
  if (!process.env.DISPLAY) throw new Error('No X display: run this test under xvfb-run (npm test does).');
  await Promise.all([server.start(), site.start(), otherSite.start()]);
  extension = await Extension.launch({ headless: false });
  const options = await OptionsPage.open(extension);
  await options.save({ apiKey: 'sk-native', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'auto', sendImagesAs: 'url' });
  await options.page.close();
});
afterAll(async () => {
  await extension?.close();
  await Promise.all([server.stop(), site.stop(), otherSite.stop()]);
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  server.reset();
  await extension.clearAnswerCache();
});

/** Our items in the order the group lists them. */
const ITEMS = ['ask', 'alt-text', 'compare'] as const;

/**
 * Right-clicks at a point of the page with the real mouse path and picks one of our items. With
 * several items Chrome groups them under the extension's name, just above "Inspect": Up, Up, then
 * Right opens the group on its first item ("Ask about this image"); Down reaches the next ones.
 */
async function chooseFromNativeMenu(page: Page, x: number, y: number, item: (typeof ITEMS)[number] = 'ask') {
  await page.bringToFront();
  const windowsBefore = visibleWindows().size;
  await page.mouse.click(x, y, { button: 'right' });
  await expect.poll(() => visibleWindows().size, { timeout: 10_000 }).toBeGreaterThan(windowsBefore);
  const withMenu = visibleWindows().size;
  execFileSync('xdotool', ['key', '--delay', '80', 'Up', 'Up', 'Right']);
  // The group opens as a window of its own, a moment later.
  await expect.poll(() => visibleWindows().size, { timeout: 10_000 }).toBeGreaterThan(withMenu);
  execFileSync('xdotool', ['key', '--delay', '80', ...Array<string>(ITEMS.indexOf(item)).fill('Down'), 'Return']);
}

it('"Ask about this image" in the native context menu asks about the picture under the pointer', async () => {
  const page = await extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await page.bringToFront();
  const box = await page.locator('#plain').boundingBox();
  if (!box) throw new Error('The picture is not on screen.');
  await chooseFromNativeMenu(page, box.x + box.width / 2, box.y + box.height / 2);

  const request = await server.waitForAsk(1);
  expect(request.body).toMatchObject({
    model: 'gpt-4.1-mini',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: site.url('/images/red.png'), detail: 'auto' } },
          { type: 'text', text: "What's in this image?" },
        ],
      },
    ],
  });

  const popup = await PopupPage.open(extension);
  await expect.poll(() => popup.answer.textContent(), { timeout: 10_000 }).toContain('A red square sits in the middle');
  await popup.page.close();
  await page.close();
});

it('works on a picture inside a frame from another site', async () => {
  const page = await extension.context.newPage();
  await page.goto(site.url(`/frames.html?other=${encodeURIComponent(otherSite.origin)}`));
  await page.bringToFront();
  const framed = page.frameLocator('#cross').locator('#framed');
  await framed.waitFor();
  const box = await framed.boundingBox();
  if (!box) throw new Error('The framed picture is not on screen.');
  await chooseFromNativeMenu(page, box.x + box.width / 2, box.y + box.height / 2);

  const request = await server.waitForAsk(1);
  const content = (request.body as { messages: { content: unknown[] }[] }).messages[0]!.content;
  expect(content[0]).toEqual({ type: 'image_url', image_url: { url: otherSite.url('/images/green.png'), detail: 'auto' } });
  // Only the framed page's own content script knows the alt text: the right frame answered.
  const popup = await PopupPage.open(extension);
  await popup.page.getByText('Its alt text: “Framed”').waitFor();
  await popup.page.close();
  await page.close();
});

it('"Generate alt text" in the native context menu asks for alt text at low detail', async () => {
  const page = await extension.context.newPage();
  await page.goto(site.url('/alt.html'));
  await page.bringToFront();
  const box = await page.locator('#suspicious').boundingBox();
  if (!box) throw new Error('The picture is not on screen.');
  server.reply({ text: JSON.stringify({ alt: 'A red rectangle', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }) });
  await chooseFromNativeMenu(page, box.x + box.width / 2, box.y + box.height / 2, 'alt-text');

  const request = await server.waitForAsk(1);
  const body = request.body as { response_format?: { type: string }; messages: { role: string; content: unknown }[] };
  expect(body.response_format?.type).toBe('json_schema');
  expect(JSON.stringify(body.messages)).toContain('IMG_1234.jpg');
  const popup = await PopupPage.open(extension);
  await expect
    .poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { timeout: 10_000, message: 'the suggestion in the popup' })
    .toBe('A red rectangle');
  await popup.page.close();
  await page.close();
});

it('with answers shown in the side panel, the native menu opens the browser\'s side panel within its click, and the answer streams there', async () => {
  const options = await OptionsPage.open(extension);
  await options.page.getByLabel('Show answers in').selectOption({ label: 'Side panel' });
  await options.save({});
  await options.page.close();
  const page = await extension.context.newPage();
  try {
    await page.goto(site.url('/pictures.html'));
    await page.bringToFront();
    const box = await page.locator('#large').boundingBox();
    if (!box) throw new Error('The picture is not on screen.');
    expect(await SidePanel.count(extension)).toBe(0);
    const rest = held();
    server.reply({ text: 'An orange square fills the picture, edge to edge.', pause: { afterChunks: 2, until: rest.until } });
    await chooseFromNativeMenu(page, box.x + box.width / 2, box.y + box.height / 2);
    // sidePanel.open is allowed only within the click's gesture: a late call would leave no panel.
    await expect.poll(() => SidePanel.count(extension), { timeout: 10_000, message: 'the browser opened its side panel' }).toBe(1);
    const panel = await SidePanel.attach(extension);
    try {
      await expect.poll(() => panel.answerText(), { timeout: 10_000, message: 'the first words in the side panel' }).toContain('An orange');
      rest.release();
      await expect.poll(() => panel.answerText(), { timeout: 10_000, message: 'the whole answer in the side panel' }).toContain('edge to edge');
    } finally {
      await panel.detach();
    }
    // No popup was opened over it: the side panel is where the answer is.
    expect(extension.context.pages().some((open) => open.url().endsWith('/popup.html'))).toBe(false);
  } finally {
    await page.close();
    const back = await OptionsPage.open(extension);
    await back.page.getByLabel('Show answers in').selectOption({ label: 'Popup' });
    await back.save({});
    await back.page.close();
  }
});
