/**
 * The popup as people read it, in real Chromium: text at a readable size, never taller than the
 * 600 px browsers allow, whole numbers at 200 % zoom, and each note said once, where it matters.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { altJson } from './support/alt-answer';
import { held } from './support/held';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';
import { measureInView, visiblePixels } from './support/visible';

const suite = useBrowserSuite();
const { server, site } = suite;

async function configure(values: Parameters<OptionsPage['save']>[0] = {}) {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-layout', baseUrl: server.url, model: 'gpt-4o', detail: 'low', sendImagesAs: 'bytes', ...values });
  await options.page.close();
}

async function askAbout(selector = '#large'): Promise<PopupPage> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, selector, 'ask-image', { waitForAnswer: true });
  return PopupPage.open(suite.extension);
}

const LONG_ANSWER = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} describes one more part of the picture in a full sentence.`).join('\n\n');

beforeAll(() => configure());

/** The popup at the size browsers give it: 440 wide (its 420 px and a scrollbar), 600 high at most. */
const POPUP = { width: 440, height: 600 };

/** Each named part is wholly in view: every one of its pixels, not a sliver. */
async function expectWhollyInView(parts: [string, Locator][]): Promise<void> {
  for (const [name, locator] of parts) {
    const { height, visible } = await measureInView(locator);
    expect(height, `${name} is laid out`).toBeGreaterThan(0);
    expect(visible, `${name} in view`).toBeGreaterThanOrEqual(Math.floor(height));
  }
}

/** The suggestion card's parts a writer needs without scrolling: the text, its length, the lint's notes, and what to do with it. */
function altCardParts(page: Page): [string, Locator][] {
  const card = page.locator('.alt-card').last();
  return [
    ['the suggestion', card.getByRole('textbox', { name: 'Suggested alt text' })],
    ['its length', card.getByText(/^\d+ of \d+ characters/)],
    ['the lint notes', card.locator('.lint-notes')],
    ['Copy', card.getByRole('button', { name: 'Copy alt text' })],
    ['Apply to page', card.getByRole('button', { name: 'Apply to page' })],
  ];
}

async function openAltPage(): Promise<Page> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/alt.html'));
  return page;
}

describe('the answer first, at the popup\'s real size', () => {
  it('a long answer gets at least half of a 440 x 600 popup', async () => {
    server.reply({ text: LONG_ANSWER });
    const popup = await askAbout();
    await popup.page.setViewportSize(POPUP);
    await expect.poll(() => popup.answer.textContent(), { message: 'the long answer arrives' }).toContain('Paragraph 14');
    expect(await visiblePixels(popup.page.locator('.turn .answer').last())).toBeGreaterThanOrEqual(300);
    await expectWhollyInView([
      ['the question box', popup.question],
      ['Ask', popup.ask],
      ['the spend line', popup.spend.locator('summary')],
    ]);
    // The spend line holds this conversation's dollars and today's; the table is one click away.
    expect(await popup.spend.locator('summary').textContent()).toMatch(/^Token spend: \$[\d.]+ · today \$[\d.]+$/);
    await popup.showSpendTable();
    await popup.spend.getByRole('rowheader', { name: 'This conversation' }).waitFor();
  });

  it('the newest answer scrolls into view as it streams, and stays where the person scrolled to', async () => {
    server.reply({ text: LONG_ANSWER });
    const popup = await askAbout();
    await popup.page.setViewportSize(POPUP);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first long answer arrives' }).toContain('Paragraph 14');
    const newest = popup.page.locator('.turn').nth(1).locator('.answer');

    // Asked in the popup: the new answer comes into view while it is written.
    const second = held();
    server.reply({ text: LONG_ANSWER.replaceAll('Paragraph', 'Section'), pause: { afterChunks: 4, until: second.until } });
    await popup.followUp('And the rest?');
    await newest.waitFor();
    // Its first words are shown, the rest held at the server: the whole new turn is in view.
    await expect.poll(() => newest.textContent(), { message: 'the first words of the second answer' }).toContain('Section 1');
    await expectWhollyInView([['the new turn, still streaming', popup.page.locator('.turn').nth(1)]]);
    second.release();
    await expect.poll(() => newest.textContent(), { message: 'the second answer is written out' }).toContain('Section 14');
    expect(await visiblePixels(newest)).toBeGreaterThanOrEqual(300);

    // Scrolled up to read the first answer: the next answer streams without moving the box.
    const third = held();
    server.reply({ text: LONG_ANSWER.replaceAll('Paragraph', 'Part'), pause: { afterChunks: 4, until: third.until } });
    await popup.followUp('And more?');
    await popup.page.locator('.turn').nth(2).locator('.answer').waitFor();
    await popup.page.locator('.turns').hover();
    await popup.page.mouse.wheel(0, -20_000);
    await expect.poll(() => popup.page.locator('.turns').evaluate((box) => box.scrollTop), { message: 'scrolled to the top' }).toBe(0);
    third.release();
    await expect.poll(() => popup.page.locator('.turn').nth(2).textContent(), { message: 'the third answer is written out' }).toContain('Part 14');
    expect(await popup.page.locator('.turns').evaluate((box) => box.scrollTop)).toBe(0);
    expect(await visiblePixels(popup.page.locator('.turn').first().locator('.answer'))).toBeGreaterThanOrEqual(300);
  });

  it('alt text from the menu: the suggestion, its length, its notes and its buttons are in view', async () => {
    // "Image of" is taken out by the lint, which says so: a note to see beside the suggestion.
    server.reply({ text: altJson({ alt: 'Image of fishing boats moored in a harbour at dawn' }) });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await popup.page.setViewportSize(POPUP);
    await expect.poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the suggestion' }).toBe('Fishing boats moored in a harbour at dawn');
    await expectWhollyInView(altCardParts(popup.page));
  });

  it('alt text from the keyboard, with a field focused in the page: Fill is in view beside the rest', async () => {
    server.reply({ text: altJson({ alt: 'Image of a house: the way home' }) });
    const page = await openAltPage();
    await page.focus('#home-link');
    await suite.extension.runCommand(page, 'alt-text');
    await server.waitForAsk(1);
    // The writer goes on to the page's own alt-text field, and the popup offers to fill it.
    await page.getByLabel('Alt text', { exact: true }).focus();
    const popup = await PopupPage.open(suite.extension);
    await popup.page.setViewportSize(POPUP);
    await expect.poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the suggestion' }).toBe('A house: the way home');
    await expectWhollyInView([...altCardParts(popup.page), ['Fill', popup.page.getByRole('button', { name: 'Fill the focused field (Alt text)' })]]);
  });

  it('alt text from the button, after a long answer: the card comes into view', async () => {
    server.reply({ text: LONG_ANSWER });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await popup.page.setViewportSize(POPUP);
    await expect.poll(() => popup.answer.textContent(), { message: 'the long answer' }).toContain('Paragraph 14');
    server.reply({ text: altJson({ alt: 'Image of fishing boats moored in a harbour at dawn' }) });
    await popup.page.getByRole('button', { name: 'Generate alt text' }).click();
    await expect.poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the suggestion' }).toBe('Fishing boats moored in a harbour at dawn');
    await expectWhollyInView(altCardParts(popup.page));
  });
});

describe('a popup that reads well', () => {
  it('shows the answer, the question and the tabs at 14 px or more, not Chrome\'s 75 %', async () => {
    server.reply({ text: 'A red square on white.' });
    const popup = await askAbout();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer arrives' }).toContain('A red square');
    const sizes = await popup.page.evaluate(() =>
      ['.answer', '.question', '#question', '.views button', '.spend th'].map((selector) => {
        const element = document.querySelector(selector);
        return [selector, element ? parseFloat(getComputedStyle(element).fontSize) : 0] as const;
      }),
    );
    for (const [selector, size] of sizes) expect(size, selector).toBeGreaterThanOrEqual(selector === '.spend th' ? 12 : 14);
  });

  it('is never taller than 600 px: a long conversation scrolls inside, the question and the spend line stay in view', async () => {
    server.reply({ text: LONG_ANSWER });
    server.reply({ text: LONG_ANSWER });
    const popup = await askAbout();
    await popup.page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => popup.answer.textContent(), { message: 'the first long answer arrives' }).toContain('Paragraph 14');
    await popup.followUp('And the rest?');
    await expect.poll(() => popup.page.locator('.turn').count(), { message: 'the follow-up is shown' }).toBe(2);
    await expect.poll(() => popup.page.locator('.turn').nth(1).textContent(), { message: 'the second long answer arrives' }).toContain('Paragraph 14');
    const layout = await popup.page.evaluate(() => {
      const turns = document.querySelector('.turns')!;
      return { height: document.documentElement.scrollHeight, turnsScroll: turns.scrollHeight > turns.clientHeight };
    });
    expect(layout.height).toBeLessThanOrEqual(600);
    expect(layout.turnsScroll).toBe(true);
    for (const [name, locator] of [
      ['the question box', popup.question],
      ['the spend line', popup.spend.locator('summary')],
    ] as const) {
      const box = await locator.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.y + box!.height, name).toBeLessThanOrEqual(600);
    }
  });

  it('at 200 % zoom keeps every word and number of the spend meter whole', async () => {
    server.reply({ text: 'A red square on white.', usage: { input: 123_456, output: 7_890 } });
    const popup = await askAbout();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer arrives' }).toContain('A red square');
    // 420 px at 200 % leaves 210 CSS pixels.
    await popup.page.setViewportSize({ width: 210, height: 600 });
    await popup.showSpendTable();
    // The narrow layout follows a media query, a render after the resize: measure once it is in place.
    await popup.page.locator('.spend.narrow').waitFor();
    await popup.spend.getByRole('rowheader', { name: 'This conversation' }).waitFor();
    const broken = await popup.page.evaluate(() => {
      const found: string[] = [];
      for (const cell of document.querySelectorAll('.spend th, .spend td')) {
        // Nothing spills out of its cell.
        if (cell.scrollWidth > cell.clientWidth + 1) found.push(`${cell.textContent} spills out`);
        // No word or number is broken in two: each one sits on a single line.
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (lines.size > 1) found.push(`${word[0]} is broken`);
          }
        }
      }
      return found;
    });
    expect(broken).toEqual([]);
    expect(await popup.spend.textContent()).toContain('123,456');
    const overflow = await popup.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('each thing said once, where it matters', () => {
  it('how the picture was sent is said for the first question, not again for each follow-up sent the same way', async () => {
    server.reply({ text: 'First.' });
    server.reply({ text: 'Second.' });
    server.reply({ text: 'Third.' });
    const popup = await askAbout();
    await expect.poll(() => popup.answer.textContent(), { message: 'the first answer arrives' }).toContain('First.');
    await popup.followUp('And?');
    await expect.poll(() => popup.answer.textContent(), { message: 'the second answer arrives' }).toContain('Second.');
    await popup.followUp('And then?');
    await expect.poll(() => popup.answer.textContent(), { message: 'the third answer arrives' }).toContain('Third.');
    expect(await popup.page.locator('.turn').count()).toBe(3);
    expect(await popup.page.locator('.turn').nth(0).locator('.picture-notes').count()).toBe(1);
    expect(await popup.page.locator('.picture-notes').count()).toBe(1);
  });

  it('a failure stands alone: no note about how the picture was sent above "could not reach"', async () => {
    server.reply({ status: 400, error: { message: 'The request was not understood.' } });
    const popup = await askAbout();
    await popup.page.getByText(/The server answered 400/).waitFor();
    expect(await popup.page.locator('.picture-notes').count()).toBe(0);
  });

  it('at auto, where high detail would add nothing, "Look closer" is not offered as if it were free', async () => {
    await configure({ detail: 'auto' });
    try {
      server.reply({ text: 'A red square.' });
      const popup = await askAbout();
      await expect.poll(() => popup.answer.textContent(), { message: 'the answer arrives' }).toContain('A red square');
      await popup.page.getByRole('button', { name: 'Copy' }).waitFor();
      expect(await popup.page.getByRole('button', { name: 'Look closer' }).count()).toBe(0);
      expect(await popup.page.getByText('+0 tokens').count()).toBe(0);
    } finally {
      await configure();
    }
  });
});
