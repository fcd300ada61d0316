/**
 * Any picture, not only one on a page, in real Chromium: a file opened, a picture or an address
 * pasted, a picture dropped, an address typed, several at once to the comparison tray, and a region
 * of the page selected with the mouse and with the keyboard. Each reaches the fake server as a valid
 * request carrying the expected picture (decoded as the server received it); bad input gets a
 * sentence and sends nothing.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { decodeSent, imageUrlOf } from './support/decode';
import { held } from './support/held';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite({ otherSites: 1 });
const { server, site } = suite;
const IMAGES = resolve(import.meta.dirname, '../fixtures/images');

async function configure() {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-any', baseUrl: server.url, model: 'gpt-4o', detail: 'high', sendImagesAs: 'auto' });
  await options.page.close();
}

/** The popup with its ways in showing: in a conversation they sit under "Ask about another picture…". */
async function openPopup(): Promise<PopupPage> {
  const popup = await PopupPage.open(suite.extension);
  const more = popup.page.getByText('Ask about another picture…');
  await popup.page.getByRole('button', { name: 'Open a file…' }).or(more).first().waitFor();
  if (await more.isVisible()) await more.click();
  return popup;
}

/** Dispatches a paste or a drop carrying files (given as base64) and text, as the browser would. */
async function dispatch(page: Page, type: 'paste' | 'drop', files: { name: string; type: string; base64: string }[], text?: string) {
  await page.evaluate(
    ({ type, files, text }) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (text) data.setData('text/plain', text);
      const event = type === 'paste' ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }) : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(event);
    },
    { type, files, text },
  );
}

const png = async (name: string) => ({ name, type: 'image/png', base64: (await readFile(resolve(IMAGES, name))).toString('base64') });

/** Mostly red: the fixture's red is (212, 43, 43), and a screenshot may shift it a little. */
const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 80 && b < 80;

/** The picture the n-th request carried, decoded in the popup as a browser sees it. */
async function sentPicture(page: Page, n: number) {
  const request = await server.waitForAsk(n);
  return decodeSent(page, imageUrlOf(request.body));
}

describe('a picture brought to the popup', () => {
  it('from a file, opened with "Open a file…"', async () => {
    await configure();
    const popup = await openPopup();
    await popup.page.locator('input[type="file"]').setInputFiles(resolve(IMAGES, 'red.png'));
    const sent = await sentPicture(popup.page, 1);
    expect([sent.width, sent.height]).toEqual([64, 48]);
    expect(isRed(sent.at(0.5, 0.5))).toBe(true);
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer about the file' }).toContain('A red square');
    await popup.page.getByText('red.png').first().waitFor();
  });

  it('pasted (Ctrl+V of a screenshot)', async () => {
    await configure();
    const popup = await openPopup();
    await dispatch(popup.page, 'paste', [await png('green.png')]);
    const sent = await sentPicture(popup.page, 1);
    expect(sent.at(0.5, 0.5)[1]).toBeGreaterThan(100);
    expect([sent.width, sent.height]).toEqual([64, 48]);
  });

  it('after a paste, "Asking about the picture…" goes once the answer has arrived (it stayed on screen)', async () => {
    await configure();
    const { until, release } = held();
    server.reply({ text: 'A green square, answered after the status.', holdUntil: until });
    const popup = await openPopup();
    await dispatch(popup.page, 'paste', [await png('green.png')]);
    const asking = popup.page.getByRole('status').filter({ hasText: 'Asking about the picture…' });
    await asking.waitFor();
    await server.waitForAsk(1);
    release();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer in the popup' }).toContain('A green square, answered after the status.');
    await expect.poll(() => asking.count(), { message: 'the status "Asking about the picture…" once the answer is there' }).toBe(0);
  });

  it('dropped on the popup', async () => {
    await configure();
    const popup = await openPopup();
    await dispatch(popup.page, 'drop', [await png('blue.png')]);
    const sent = await sentPicture(popup.page, 1);
    expect([sent.width, sent.height]).toEqual([128, 96]);
    expect(sent.at(0.5, 0.5)[2]).toBeGreaterThan(100);
  });

  it('by its address, pasted or typed', async () => {
    await configure();
    const popup = await openPopup();
    await dispatch(popup.page, 'paste', [], site.url('/images/red.png'));
    // The test site is on this machine, so the picture itself goes, not its address.
    expect(isRed((await sentPicture(popup.page, 1)).at(0.5, 0.5))).toBe(true);

    const again = await openPopup();
    await again.page.getByLabel('Picture address').fill(site.url('/images/blue.png'));
    await again.page.getByRole('button', { name: 'Ask about it' }).click();
    const sent = await sentPicture(again.page, 2);
    expect([sent.width, sent.height]).toEqual([128, 96]);
  });

  it('several at once go to the comparison tray', async () => {
    await configure();
    const popup = await openPopup();
    await dispatch(popup.page, 'paste', [await png('red.png'), await png('green.png')]);
    await popup.page.getByRole('button', { name: 'Compare (2)' }).waitFor();
    await popup.page.getByText('2 pictures added to the comparison.').waitFor();
    expect(server.asks).toHaveLength(0);
    await popup.page.getByRole('button', { name: 'Remove all' }).click();
  });

  it.each([
    ['a text file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping list: eggs, milk.') }, /not a picture format/],
    ['a file of 0 bytes', { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }, /empty \(0 bytes\)/],
  ])('refuses %s with a sentence, and sends nothing', async (_, file, words) => {
    await configure();
    const popup = await openPopup();
    await popup.page.locator('input[type="file"]').setInputFiles(file);
    await popup.page.getByRole('alert').filter({ hasText: words }).waitFor();
    expect(server.asks).toHaveLength(0);
  });

  it('refuses an address that is not a picture, with a sentence, and sends nothing', async () => {
    await configure();
    const popup = await openPopup();
    await popup.page.getByLabel('Picture address').fill(site.url('/alt.html'));
    await popup.page.getByRole('button', { name: 'Ask about it' }).click();
    await popup.page.getByRole('alert').filter({ hasText: /returned a web page, not a picture/ }).waitFor();
    await popup.page.getByLabel('Picture address').fill('not an address');
    await popup.page.getByRole('button', { name: 'Ask about it' }).click();
    await popup.page.getByRole('alert').filter({ hasText: /is not a picture’s web address/ }).waitFor();
    expect(server.asks).toHaveLength(0);
    expect(await axeViolations(popup.page)).toEqual([]);
  });
});

describe('a region of the page', () => {
  async function openPictures(): Promise<Page> {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await page.bringToFront();
    return page;
  }
  const overlay = (page: Page) => page.locator('ask-image-region');

  it('selected with the mouse: the screenshot of that rectangle is the picture', async () => {
    await configure();
    const page = await openPictures();
    const box = (await page.locator('#plain').boundingBox())!;
    await suite.extension.startCommand(page, 'ask-region');
    await overlay(page).waitFor();
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 60, { steps: 4 });
    await page.mouse.move(box.x + 180, box.y + 130, { steps: 4 });
    await page.mouse.up();
    const sent = await sentPicture(page, 1);
    expect([sent.width, sent.height]).toEqual([160, 110]);
    // Inside the red picture, and the dimming overlay gone before the screenshot.
    expect(isRed(sent.at(0.5, 0.5))).toBe(true);
    expect(isRed(sent.at(0.05, 0.05))).toBe(true);
    expect(await overlay(page).count()).toBe(0);
  });

  it('selected with the keyboard: arrows move, Shift+arrows resize, Enter asks', async () => {
    await configure();
    const page = await openPictures();
    await suite.extension.startCommand(page, 'ask-region');
    await overlay(page).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Enter');
    const sent = await sentPicture(page, 1);
    // The box starts at 240 x 160 in the middle; Shift+arrows added 10 to each side.
    expect([sent.width, sent.height]).toEqual([250, 170]);
  });

  it('works over a frame from another site, from the context menu', async () => {
    await configure();
    const page = await suite.extension.context.newPage();
    await page.goto(site.url(`/frames.html?other=${encodeURIComponent(suite.other(0).origin)}`));
    await page.bringToFront();
    const framed = page.frameLocator('#cross').locator('#framed');
    await framed.waitFor();
    const box = (await framed.boundingBox())!;
    await suite.extension.chooseMenuItem(page, 'h1', 'ask-region');
    await overlay(page).waitFor();
    await page.mouse.move(box.x + 8, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 8, box.y + box.height - 8, { steps: 4 });
    await page.mouse.up();
    const sent = await sentPicture(page, 1);
    expect([sent.width, sent.height]).toEqual([Math.round(box.width) - 16, Math.round(box.height) - 16]);
    const [r, g, b] = sent.at(0.5, 0.5);
    expect(g > 100 && r < 100 && b < 100).toBe(true);
  });

  it('starts from the popup\'s button, on the page the user was looking at', async () => {
    await configure();
    const page = await openPictures();
    const popup = await openPopup();
    await popup.page.getByRole('button', { name: 'Select a region to ask about' }).click();
    await overlay(page).waitFor();
    await page.bringToFront();
    await page.keyboard.press('Enter');
    const sent = await sentPicture(page, 1);
    expect([sent.width, sent.height]).toEqual([240, 160]);
  });

  it('Escape cancels: nothing is sent and the page is exactly as it was', async () => {
    await configure();
    const page = await openPictures();
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await suite.extension.startCommand(page, 'ask-region');
    await overlay(page).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => overlay(page).count(), { message: 'the overlay removed' }).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    expect(server.asks).toHaveLength(0);
  });

  it('a region of 0 × 0 gets a sentence and sends nothing', async () => {
    await configure();
    const page = await openPictures();
    await suite.extension.startCommand(page, 'ask-region');
    await overlay(page).waitFor();
    await page.mouse.click(300, 300);
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('alert').filter({ hasText: 'The region selected is empty (0 × 0)' }).waitFor();
    expect(server.asks).toHaveLength(0);
  });

  it('keeps its inside from the page: the overlay\'s shadow root is closed', async () => {
    await configure();
    const page = await openPictures();
    await suite.extension.startCommand(page, 'ask-region');
    await overlay(page).waitFor();
    expect(await page.evaluate(() => document.querySelector('ask-image-region')!.shadowRoot)).toBeNull();
    await page.keyboard.press('Escape');
  });
});
