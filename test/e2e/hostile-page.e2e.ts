/**
 * What a hostile page could still do with the extension (issue 24), each attack performed in real
 * Chromium on a page under a public name (news.example), with the extension's answer checked.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { altJson } from './support/alt-answer';
import { AuditPage, OptionsPage, PopupPage } from './support/pages';
import { OTHER_PUBLIC_HOST } from './support/site';
import { fromExtension, useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

const RED = readFile(resolve(import.meta.dirname, '../fixtures/images/red.png'));

beforeAll(async () => {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-hostile', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', sendImagesAs: 'url' });
  await options.page.close();
});

/** Serves `html` at `path` on the site and opens it under the public name. */
async function openPublic(path: string, html: string): Promise<Page> {
  site.serve(path, new TextEncoder().encode(`<!doctype html><html lang="en"><title>News</title><body>${html}</body></html>`), 'text/html; charset=utf-8');
  const page = await suite.extension.context.newPage();
  await page.goto(site.publicUrl(path));
  return page;
}

/** The page's one child frame, once `selector` in it has loaded its picture. */
async function childFrame(page: Page, selector: string): Promise<Frame> {
  const child = () => page.frames().find((frame) => frame !== page.mainFrame());
  await expect.poll(() => child()?.locator(selector).count() ?? 0, { message: `${selector} in the page's frame` }).toBe(1);
  const frame = child()!;
  await frame.waitForFunction((sel) => (document.querySelector(sel) as HTMLImageElement).naturalWidth > 0, selector);
  return frame;
}

/** How many times the extension itself (not the page) downloaded `path` from the site. */
const extensionDownloads = (path: string) => site.requests.filter((request) => request.path === path && fromExtension(request)).length;

describe('a picture on the user\'s own network, in a frame a public page wrote', () => {
  /** A private picture (127.0.0.1), at a path of its own so that its downloads can be counted. */
  async function privatePicture(name: string): Promise<{ path: string; url: string; img: string }> {
    const path = `/private-net/${name}.png`;
    site.serve(path, await RED, 'image/png');
    const url = site.url(path);
    return { path, url, img: `<img id='hidden' src='${url}' width='64' height='64' alt=''>` };
  }

  const held = (url: string) =>
    `This picture is at ${new URL(url).host}, on your own computer or network, but the page (${new URL(site.publicOrigin()).host}) is on the internet.`;

  it.each([
    ['srcdoc', (img: string) => `<iframe id="f" srcdoc="${img}"></iframe>`, undefined],
    ['about:blank', (img: string) => `<iframe id="f"></iframe><script>document.getElementById('f').contentDocument.body.innerHTML = "${img}";</script>`, undefined],
    // No content script enters a data: frame: the menu's own click data is what the extension has.
    ['data:', (img: string) => `<iframe id="f" src="data:text/html,${encodeURIComponent(img)}"></iframe>`, 987_654],
  ] as const)('is held, in a %s frame, until the user says so', async (name, frameHtml, frameId) => {
    const picture = await privatePicture(name.replace(/\W/g, ''));
    const page = await openPublic(`/hostile-${name.replace(/\W/g, '')}.html`, frameHtml(picture.img));
    const frame = await childFrame(page, '#hidden');
    await suite.extension.chooseMenuItem(page, '#hidden', 'ask-image', { frame, ...(frameId !== undefined ? { frameId } : {}) });
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText(held(picture.url), { exact: false }).waitFor();
    expect(server.asks).toHaveLength(0);
    expect(extensionDownloads(picture.path), 'the extension\'s downloads of the private picture').toBe(0);
  });

  it('is not downloaded for a thumbnail when added to a comparison from a srcdoc frame', async () => {
    const picture = await privatePicture('tray');
    const page = await openPublic('/hostile-tray.html', `<iframe id="f" srcdoc="${picture.img}"></iframe>`);
    const frame = await childFrame(page, '#hidden');
    await suite.extension.chooseMenuItem(page, '#hidden', 'compare-add', { frame, waitForAnswer: true });
    expect(extensionDownloads(picture.path), 'the extension\'s downloads of the private picture').toBe(0);
  });
});

describe('the page audit', () => {
  it('never loads the pictures\' addresses in its view: it shows thumbnails the extension made', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.publicUrl('/alt.html'));
    await suite.extension.runCommand(page, 'audit-page');
    const from = site.requests.length;
    const audit = await AuditPage.open(suite.extension);
    await expect.poll(() => audit.rows.count(), { message: 'rows in the table' }).toBe(8);
    const paths = new Set((await audit.table.locator('a.address').allTextContents()).map((address) => new URL(address).pathname));
    expect(paths.size, 'pictures listed by their addresses').toBeGreaterThan(2);
    // What an <img> loads (the browser asks for image types; plain http gets no Fetch Metadata), after
    // the page had loaded its own: the view's loads. The extension's downloads for thumbnails and the
    // fake API's for measuring are fetches, which accept anything.
    const viewLoads = () =>
      site.requests.slice(from).filter((request) => paths.has(request.path) && /image\//.test(request.headers.accept ?? '')).map((request) => request.path);
    // Every picture the view shows in its window has loaded, whatever its source.
    const settled = () =>
      audit.page.waitForFunction(() => [...document.images].filter((img) => img.getBoundingClientRect().top < innerHeight).every((img) => img.complete && img.naturalWidth > 0));
    await settled();
    expect(viewLoads()).toEqual([]);

    for (let i = 1; i <= 8; i += 1) server.reply({ text: altJson({ alt: `Picture number ${i}` }) });
    await audit.button('Describe all').click();
    await audit.page.getByText(/8 of 8 described/).waitFor();
    await expect.poll(() => audit.table.locator('img[src^="data:image/jpeg"]').count(), { message: 'thumbnails the extension made' }).toBe(8);
    await settled();
    expect(viewLoads()).toEqual([]);
    expect(await audit.table.locator('img:not([src^="data:"])').count()).toBe(0);
  });
});

describe('"Fill the focused field"', () => {
  it('fills a field in the picture\'s own frame only, never one of the page around it', async () => {
    // A frame from another site whose picture's alt text the page around it would like in its own field.
    site.serve(
      '/fill-frame.html',
      new TextEncoder().encode(`<!doctype html><title>Ad</title><img id="framed" src="/images/green.png" width="128" height="96"><label for="f-alt">Frame alt text</label><input id="f-alt">`),
      'text/html; charset=utf-8',
    );
    const frameUrl = site.publicUrl('/fill-frame.html', OTHER_PUBLIC_HOST);
    const page = await openPublic('/fill-top.html', `<label for="cms-alt">Alt text</label><input id="cms-alt"><iframe id="ad" src="${frameUrl}" style="width: 300px; height: 200px"></iframe>`);
    await expect.poll(() => page.frames().find((f) => f.url() === frameUrl)?.locator('#framed').count() ?? 0, { message: 'the framed picture' }).toBe(1);
    const frame = page.frames().find((f) => f.url() === frameUrl)!;
    // Both documents have an alt-text field the user focused last (focus is now in the frame).
    await page.getByLabel('Alt text', { exact: true }).focus();
    await frame.getByLabel('Frame alt text').focus();
    server.reply({ text: altJson({ alt: 'A green rectangle' }) });
    await suite.extension.chooseMenuItem(page, '#framed', 'alt-text', { frame });

    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('button', { name: 'Fill the focused field (Frame alt text)' }).click();
    await expect.poll(() => frame.getByLabel('Frame alt text').inputValue(), { message: 'the frame\'s own field filled' }).toBe('A green rectangle');
    expect(await page.getByLabel('Alt text', { exact: true }).inputValue()).toBe('');
    expect(await popup.page.getByRole('button', { name: 'Fill the focused field (Alt text)' }).count()).toBe(0);
  });
});
