/**
 * The side panel's page (sidepanel.html) as people use it: open beside the page at a tall window's
 * height, it gives a long answer most of that height, follows each new right-click ask whatever
 * view it was left on, and is as accessible as the popup.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { held } from './support/held';
import { OptionsPage, PopupPage } from './support/pages';
import { SidePanel } from './support/side-panel';
import { useBrowserSuite } from './support/suite';
import { visiblePixels } from './support/visible';

const suite = useBrowserSuite();
const { server, site } = suite;

/** A side panel in a 900 px tall window, at its usual width. */
const PANEL = { width: 440, height: 900 };

const LONG_ANSWER = Array.from({ length: 24 }, (_, i) => `Paragraph ${i + 1} describes one more part of the picture in a full sentence.`).join('\n\n');

beforeAll(async () => {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-panel', baseUrl: server.url, model: 'gpt-4o', detail: 'low', sendImagesAs: 'url' });
  await options.page.close();
});

/** The side panel's page, open at the panel's size, seen through the names the popup's tests use. */
async function openPanel(): Promise<PopupPage> {
  const page = await suite.extension.context.newPage();
  await page.setViewportSize(PANEL);
  await page.goto(suite.extension.url('sidepanel.html'));
  return new PopupPage(page);
}

async function picturesPage(): Promise<Page> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  return page;
}

describe('the side panel', () => {
  it('at 440 x 900 gives a long answer at least 630 px, and keeps the question box in view', async () => {
    const panel = await openPanel();
    server.reply({ text: LONG_ANSWER });
    await suite.extension.chooseMenuItem(await picturesPage(), '#large', 'ask-image', { waitForAnswer: true });
    await expect.poll(() => panel.answer.textContent(), { message: 'the answer arrives in the open panel' }).toContain('Paragraph 24');
    expect(await visiblePixels(panel.page.locator('.turn .answer').last())).toBeGreaterThanOrEqual(630);
    const question = await panel.question.boundingBox();
    expect(question, 'the question box').not.toBeNull();
    expect(question!.y + question!.height).toBeLessThanOrEqual(PANEL.height);
    // The panel never scrolls as a whole: the answer's box is what scrolls.
    expect(await panel.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PANEL.height);
  });

  it('follows an ask made while it is open, from whatever view it was left on, and streams it', async () => {
    const panel = await openPanel();
    const pictures = await picturesPage();
    server.reply({ text: 'A red rectangle.' });
    await suite.extension.chooseMenuItem(pictures, '#plain', 'ask-image', { waitForAnswer: true });
    await expect.poll(() => panel.answer.textContent(), { message: 'the first answer' }).toContain('A red rectangle.');
    // The person looks at the history in the panel, then right-clicks another picture in the page.
    await panel.page.getByRole('button', { name: 'History' }).click();
    await panel.page.getByRole('heading', { name: 'History' }).waitFor();
    const rest = held();
    server.reply({ text: 'An orange square, flat and even, with nothing else in it.', pause: { afterChunks: 2, until: rest.until } });
    await suite.extension.chooseMenuItem(pictures, '#large', 'ask-image');
    // Its first words stream into the panel while the rest is held at the server.
    await expect.poll(() => panel.answer.textContent(), { message: 'the new answer starts in the panel' }).toContain('An orange');
    expect(await panel.answer.textContent()).not.toContain('nothing else in it');
    expect(await panel.page.getByRole('button', { name: 'Conversation' }).getAttribute('aria-current')).toBe('page');
    rest.release();
    await expect.poll(() => panel.answer.textContent(), { message: 'the new answer is written out' }).toContain('nothing else in it');
    // The panel shows the new conversation, not the first one's turns.
    expect(await panel.answer.textContent()).not.toContain('A red rectangle.');
  });

  it('follows a picture added to the comparison, and an audit', async () => {
    const panel = await openPanel();
    const pictures = await picturesPage();
    await suite.extension.chooseMenuItem(pictures, '#plain', 'compare-add', { waitForAnswer: true });
    await expect.poll(() => panel.page.getByRole('button', { name: 'Compare (1)' }).getAttribute('aria-current'), { message: 'the comparison tray shown' }).toBe('page');
    await suite.extension.runCommand(pictures, 'audit-page');
    await expect.poll(() => panel.page.getByRole('button', { name: 'Page audit' }).getAttribute('aria-current'), { message: 'the audit shown' }).toBe('page');
    await panel.page.getByRole('button', { name: 'Compare (1)' }).click();
    await panel.page.getByRole('button', { name: 'Remove all' }).click();
  });

  it('has nothing axe finds in any of its views', async () => {
    const panel = await openPanel();
    server.reply({ text: 'A **red** rectangle.\n\n- on white' });
    const pictures = await picturesPage();
    await suite.extension.chooseMenuItem(pictures, '#plain', 'ask-image', { waitForAnswer: true });
    await expect.poll(() => panel.answer.textContent(), { message: 'the answer' }).toContain('on white');
    await suite.extension.chooseMenuItem(pictures, '#plain', 'compare-add', { waitForAnswer: true });
    const views = panel.page.getByRole('navigation', { name: 'Views' });
    for (const view of ['Conversation', 'Compare (1)', 'History', 'Page audit']) {
      await views.getByRole('button', { name: view }).click();
      await expect.poll(() => views.getByRole('button', { name: view }).getAttribute('aria-current'), { message: `${view} shown` }).toBe('page');
      expect(await axeViolations(panel.page), view).toEqual([]);
    }
    await views.getByRole('button', { name: 'Compare (1)' }).click();
    await panel.page.getByRole('button', { name: 'Remove all' }).click();
  });

  it('is used by keyboard as the popup is: Tab reaches the question, Enter asks it', async () => {
    const panel = await openPanel();
    server.reply({ text: 'A red rectangle.' });
    await suite.extension.chooseMenuItem(await picturesPage(), '#plain', 'ask-image', { waitForAnswer: true });
    await expect.poll(() => panel.answer.textContent(), { message: 'the answer' }).toContain('A red rectangle.');
    await panel.page.bringToFront();
    server.reply({ text: 'It is red all over.' });
    for (let tabs = 0; tabs < 40 && !(await panel.question.evaluate((field) => field === document.activeElement)); tabs += 1) await panel.page.keyboard.press('Tab');
    expect(await panel.question.evaluate((field) => field === document.activeElement), 'Tab reaches the question box').toBe(true);
    await panel.page.keyboard.type('Is it all red?');
    await panel.page.keyboard.press('Enter');
    await expect.poll(() => panel.answer.textContent(), { message: 'the follow-up is answered' }).toContain('It is red all over.');
  });

  // Last: the browser's own side panel stays open once opened, beside the tests that follow.
  it('the popup\'s "Open in side panel" opens the browser\'s side panel, where the conversation goes on', async () => {
    const pictures = await picturesPage();
    server.reply({ text: 'A red rectangle.' });
    await suite.extension.chooseMenuItem(pictures, '#plain', 'ask-image', { waitForAnswer: true });
    // The side panel has no button to open itself; the popup has.
    const tabPanel = await openPanel();
    await tabPanel.answer.waitFor();
    expect(await tabPanel.page.getByRole('button', { name: 'Open in side panel' }).count()).toBe(0);
    await tabPanel.page.close();
    expect(await SidePanel.count(suite.extension)).toBe(0);
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer in the popup' }).toContain('A red rectangle.');
    await popup.page.getByRole('button', { name: 'Open in side panel' }).click();
    await expect.poll(() => SidePanel.count(suite.extension), { message: 'the browser opened its side panel' }).toBe(1);
    const panel = await SidePanel.attach(suite.extension);
    try {
      await expect.poll(() => panel.answerText(), { message: 'the conversation in the side panel' }).toContain('A red rectangle.');
      // A popup opened as a tab is the person's tab: it is not closed for them.
      expect(popup.page.isClosed()).toBe(false);
      // The next right-click streams into the open side panel.
      const rest = held();
      server.reply({ text: 'An orange square, flat and even, with nothing else in it.', pause: { afterChunks: 2, until: rest.until } });
      await suite.extension.chooseMenuItem(pictures, '#large', 'ask-image');
      await expect.poll(() => panel.answerText(), { message: 'the new answer starts in the side panel' }).toContain('An orange');
      expect(await panel.answerText()).not.toContain('nothing else in it');
      rest.release();
      await expect.poll(() => panel.answerText(), { message: 'the new answer is written out in the side panel' }).toContain('nothing else in it');
    } finally {
      await panel.detach();
    }
  });
});
