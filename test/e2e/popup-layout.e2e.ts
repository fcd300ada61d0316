/**
 * The popup as people read it, in real Chromium: text at a readable size, never taller than the
 * 600 px browsers allow, whole numbers at 200 % zoom, and each note said once, where it matters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

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

  it('is never taller than 600 px: a long conversation scrolls inside, the question and the spend stay in view', async () => {
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
      ['the spend meter\'s last row', popup.spend.getByRole('row').last()],
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
