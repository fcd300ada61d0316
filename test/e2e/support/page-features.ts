/**
 * The page-side features, on a site as people meet it: under a public name (news.example, mapped to
 * this machine by the browser), over plain http, where the page is not a secure context and APIs
 * such as crypto.randomUUID are missing from the content script too, or over https with a
 * self-signed certificate. Each test first proves which kind of page it is on.
 *
 * Pictures on a public page are public: sent as addresses, the fake server could not download them,
 * so these suites send pictures as bytes and check them decoded, as the server received them.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { altJson } from './alt-answer';
import { colourName, decodeSent, imageUrlOf, type SentPicture } from './decode';
import { AuditPage, OptionsPage, PopupPage, type OptionsValues } from './pages';
import { OTHER_PUBLIC_HOST, PUBLIC_HOST } from './site';
import { useBrowserSuite } from './suite';

type ChatBody = { messages: { role: string; content: string | { type: string; text?: string }[] }[] };

export function describePageFeatures({ https }: { https: boolean }): void {
  const suite = useBrowserSuite({ https });
  const { server, site } = suite;
  const scheme = https ? 'https' : 'http';

  async function configure(values: OptionsValues = {}) {
    const options = await OptionsPage.open(suite.extension);
    await options.save({
      apiKey: 'sk-public-site', baseUrl: server.url, model: 'gpt-4o', detail: 'high', api: 'Chat Completions',
      sendImagesAs: 'bytes', altTextDetail: 'low', dailyBudget: '', ...values,
    });
    await options.page.close();
  }

  /** Opens `path` on the public name and checks it is the kind of page this suite is about. */
  async function openPublic(path: string, ready?: string): Promise<Page> {
    const page = await suite.extension.context.newPage();
    await page.goto(site.publicUrl(path));
    expect(new URL(page.url()).host).toBe(new URL(site.publicOrigin()).host);
    expect(await page.evaluate(() => window.isSecureContext), `${page.url()} a secure context`).toBe(https);
    if (ready) await page.waitForFunction((key) => document.body.dataset[key] === 'ready', ready);
    return page;
  }

  /** The picture the n-th request carried, decoded as a browser sees it. */
  async function sentPicture(page: Page, n = 1): Promise<SentPicture> {
    // Where the content script died at load, nothing is ever sent: said as such, not as a timeout.
    await expect.poll(() => server.asks.length, { message: `request ${n} to reach the server` }).toBeGreaterThanOrEqual(n);
    return decodeSent(page, imageUrlOf((await server.waitForAsk(n)).body));
  }

  const textOf = (body: unknown) =>
    (body as ChatBody).messages.flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((p) => p.text ?? ''))).join('\n');

  describe(`on a public site over ${scheme}`, () => {
    it(`is served from ${PUBLIC_HOST} ${https ? 'as a secure context' : 'and is not a secure context'}, while 127.0.0.1 still resolves as ever`, async () => {
      await configure();
      const page = await openPublic('/pictures.html');
      expect(await page.title()).not.toBe('');
      // The mapping touches only the public names: the same site by its address is loopback, hence secure.
      const loopback = await suite.extension.context.newPage();
      await loopback.goto(site.url('/pictures.html'));
      expect(await loopback.evaluate(() => window.isSecureContext)).toBe(true);
      expect(server.listings.length).toBeGreaterThan(0);
    });

    const kinds = () => `/kinds.html?other=${encodeURIComponent(site.publicOrigin(OTHER_PUBLIC_HOST))}`;
    it.each([
      ['a canvas drawing', '#clean-canvas', undefined, (sent: SentPicture) => [colourName(sent.at(0.2, 0.5)), colourName(sent.at(0.8, 0.5))], ['red', 'blue']],
      ['an inline SVG', '#svg-circle', undefined, (sent: SentPicture) => [sent.mime, colourName(sent.at(0.5, 0.5))], ['image/png', 'yellow']],
      ['the current frame of a video', '#video', 'video', (sent: SentPicture) => [colourName(sent.at(0.5, 0.5))], ['green']],
      ['a data: picture', '#data-img', undefined, (sent: SentPicture) => [sent.width, sent.height], [2, 2]],
      ['an <img> in a shadow root', '#shadow-host', undefined, (sent: SentPicture) => [colourName(sent.at(0.5, 0.5))], ['blue']],
      ['a CSS background', '#bg-text', undefined, (sent: SentPicture) => [colourName(sent.at(0.5, 0.5))], ['green']],
      ['a tainted canvas (a screenshot cropped to it)', '#tainted-canvas', 'tainted', (sent: SentPicture) => [sent.width, sent.height, colourName(sent.at(0.5, 0.5))], [160, 120, 'blue']],
      ['a picture only the page may load (403 to others)', '#private', undefined, (sent: SentPicture) => [colourName(sent.at(0.5, 0.5))], ['blue']],
    ] as const)('asks about %s', async (_, selector, ready, look, expected) => {
      await configure();
      const page = await openPublic(kinds(), ready);
      await suite.extension.chooseMenuItem(page, selector, 'ask-image');
      expect(look(await sentPicture(page))).toEqual(expected);
    });

    it('asks about a blob: picture, read by the page that made it', async () => {
      await configure();
      const page = await openPublic(kinds());
      await page.waitForFunction(() => (document.getElementById('blob-img') as HTMLImageElement).naturalWidth > 0);
      await suite.extension.chooseMenuItem(page, '#blob-img', 'ask-image');
      expect(colourName((await sentPicture(page)).at(0.5, 0.5))).toBe('red');
    });

    it('asks about a picture in a frame from another public site', async () => {
      await configure();
      const page = await openPublic(`/frames.html?other=${encodeURIComponent(site.publicOrigin(OTHER_PUBLIC_HOST))}`);
      const frame = await waitForFrame(page, `${site.publicOrigin(OTHER_PUBLIC_HOST)}/frame.html`);
      await frame.locator('#framed').waitFor();
      expect(await frame.evaluate(() => window.isSecureContext)).toBe(https);
      await suite.extension.chooseMenuItem(page, '#framed', 'ask-image', { frame });
      const sent = await sentPicture(page);
      expect([sent.width, sent.height, colourName(sent.at(0.5, 0.5))]).toEqual([64, 48, 'green']);
    });

    it('writes alt text with the page\'s context, applies it and undoes it', async () => {
      await configure();
      server.reply({ text: altJson({ alt: 'Fishing boats in a harbour at dawn' }) });
      const page = await openPublic('/alt.html');
      await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text');
      // The caption, the section's heading and the title come from the page: the content script read them.
      const text = textOf((await server.waitForAsk(1)).body);
      expect(text).toContain('Boats in the harbour at dawn');
      expect(text).toContain('Harbour in the morning');
      expect(text).toContain('Alt text testing page');
      const popup = await PopupPage.open(suite.extension);
      const suggestion = popup.page.getByRole('textbox', { name: 'Suggested alt text' });
      await expect.poll(() => suggestion.inputValue(), { message: 'the suggestion in the popup' }).toBe('Fishing boats in a harbour at dawn');
      await popup.page.getByRole('button', { name: 'Apply to page' }).click();
      const alt = () => page.$eval('#no-alt', (el) => [el.getAttribute('alt'), el.getAttribute('data-alt-generated')]);
      await expect.poll(alt, { message: 'the alt text written into the page' }).toEqual(['Fishing boats in a harbour at dawn', 'ask-about-image']);
      await popup.page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(alt, { message: 'the picture as it was' }).toEqual([null, null]);
    });

    it('audits the page, describes all and applies all', async () => {
      await configure();
      const page = await openPublic('/alt.html');
      await suite.extension.runCommand(page, 'audit-page');
      const audit = await AuditPage.open(suite.extension);
      await expect.poll(() => audit.rows.count(), { message: 'rows in the table' }).toBe(8);
      await audit.row(site.publicUrl('/images/orange-1024.png')).waitFor();
      for (let i = 1; i <= 8; i += 1) server.reply({ text: altJson({ alt: `Picture number ${i}` }) });
      await audit.button('Describe all').click();
      await audit.page.getByText(/8 of 8 described/).waitFor();
      await audit.button('Apply all').click();
      await audit.page.getByText('Applied 8.', { exact: false }).waitFor();
      const written = await page.$$eval('[data-alt-generated]', (els) => els.map((el) => el.getAttribute('alt') ?? el.getAttribute('aria-label')));
      expect(new Set(written).size).toBe(8);
    });

    it('selects a region with the keyboard and asks about it', async () => {
      await configure();
      const page = await openPublic('/pictures.html');
      await page.bringToFront();
      await suite.extension.startCommand(page, 'ask-region');
      await page.locator('ask-image-region').waitFor();
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Enter');
      const sent = await sentPicture(page);
      // The box starts at 240 x 160; Shift+ArrowRight widened it by 10.
      expect([sent.width, sent.height]).toEqual([250, 160]);
      expect(await page.locator('ask-image-region').count()).toBe(0);
    });

    it('asks about a picture whose address on the site is pasted into the popup', async () => {
      await configure();
      const popup = await PopupPage.open(suite.extension);
      // In a conversation, the ways to bring a picture sit under "Ask about another picture…".
      const more = popup.page.getByText('Ask about another picture…');
      await popup.page.getByRole('button', { name: 'Open a file…' }).or(more).first().waitFor();
      if (await more.isVisible()) await more.click();
      await popup.page.evaluate((text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, site.publicUrl('/images/red.png'));
      const sent = await sentPicture(popup.page);
      expect([sent.width, sent.height, colourName(sent.at(0.5, 0.5))]).toEqual([64, 48, 'red']);
      await expect.poll(() => popup.answer.textContent(), { message: 'the answer in the popup' }).toContain('A red square');
    });
  });
}

/** The frame at `url` in `page`, once it has loaded. */
async function waitForFrame(page: Page, url: string): Promise<Frame> {
  const found = () => page.frames().find((frame) => frame.url() === url);
  await expect.poll(() => found()?.url(), { message: `the frame at ${url}` }).toBe(url);
  return found()!;
}
