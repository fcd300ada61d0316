/**
 * What a hostile page could still do with the extension (issue 24), each attack performed in real
 * Chromium on a page under a public name (news.example), with the extension's answer checked.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { altJson } from './support/alt-answer';
import { colourName, decodeSent, imageUrlOf, type SentPicture } from './support/decode';
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

/** The picture the n-th request carried, decoded; a request that never comes fails with that said, not a timeout. */
async function sentPicture(page: Page, n = 1): Promise<SentPicture> {
  await expect.poll(() => server.asks.length, { message: `request ${n} to reach the server`, timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  return decodeSent(page, imageUrlOf(server.asks[n - 1]!.body));
}

/** Zooms the tab as the user would (Ctrl+plus), for this tab only, and waits until the page sees it. */
async function zoomTab(page: Page, factor: number): Promise<void> {
  await (await suite.extension.worker()).evaluate(
    async ({ url, factor }) => {
      type Tabs = {
        query(q: { url: string }): Promise<{ id: number }[]>;
        setZoomSettings(id: number, s: { scope: 'per-tab' }): Promise<void>;
        setZoom(id: number, f: number): Promise<void>;
      };
      const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
      const [tab] = await tabs.query({ url });
      if (!tab) throw new Error(`No tab shows ${url}.`);
      await tabs.setZoomSettings(tab.id, { scope: 'per-tab' });
      await tabs.setZoom(tab.id, factor);
    },
    { url: page.url(), factor },
  );
  await expect.poll(() => page.evaluate(() => devicePixelRatio), { message: 'the page zoomed' }).toBe(factor);
}

/** Every colour of a grid of samples over the sent picture. */
function coloursOf(sent: SentPicture): string[] {
  const colours = new Set<string>();
  for (let y = 0; y < 1; y += 0.05) for (let x = 0; x < 1; x += 0.05) colours.add(colourName(sent.at(x, y)));
  return [...colours];
}

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

describe('a screenshot crop of a picture in a frame', () => {
  /**
   * A frame from another site holding a canvas far larger than the frame (orange) and a small one
   * fixed at (20, 20) in the frame's viewport (blue), both tainted so that only a screenshot shows
   * them, in a page whose own pixels are red, the frame's border green and its padding yellow. The
   * frame's script also asks its parent where it is, as a page may, to learn that the extension is
   * there and where the frame sits.
   */
  function framePage(): string {
    site.serve(
      '/crop-frame.html',
      new TextEncoder().encode(`<!doctype html><title>Ad</title><style>body { margin: 0; } canvas { display: block; } #small { position: fixed; left: 20px; top: 20px; }</style>
<canvas id="big" width="2000" height="2000"></canvas><canvas id="small" width="50" height="40"></canvas>
<script>
  window.answers = [];
  for (const data of ['ask-about-image:frame-offset', { type: 'ask-about-image:frame-offset', secret: 'guessed' }]) {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => answers.push(event.data);
    parent.postMessage(data, '*', [channel.port2]);
  }
  const query = new URLSearchParams(location.search);
  let drawn = 0;
  for (const [id, address] of [['big', query.get('big')], ['small', query.get('small')]]) {
    const picture = new Image();
    picture.onload = () => {
      const canvas = document.getElementById(id);
      canvas.getContext('2d').drawImage(picture, 0, 0, canvas.width, canvas.height);
      if (++drawn === 2) document.body.dataset.ready = 'yes';
    };
    picture.src = address;
  }
</script>`),
      'text/html; charset=utf-8',
    );
    // The pictures come from the page's site, not the frame's: the canvases are tainted.
    const query = new URLSearchParams({ big: site.publicUrl('/images/orange-1024.png'), small: site.publicUrl('/images/blue.png') });
    return site.publicUrl(`/crop-frame.html?${query}`, OTHER_PUBLIC_HOST);
  }

  it.each([
    ['a bordered, padded frame', 'top: 60px;', 0, 1, 1],
    ['a frame below the fold, scrolled within (the page and the frame scrolled)', 'top: 1500px;', 700, 1, 1],
    ['a frame drawn at half size (transform: scale)', 'top: 60px; transform: scale(0.5); transform-origin: 0 0;', 0, 0.5, 1],
    ['a frame at twice the size (CSS zoom)', 'top: 60px; zoom: 2;', 0, 2, 1],
    ['a bordered frame in a tab the user zoomed to 150 %', 'top: 60px;', 0, 1, 1.5],
  ] as const)('is clipped to what %s shows, placed and scaled as drawn, and the frame\'s own questions go unanswered', async (_, style, frameScroll, scale, browserZoom) => {
    const frameUrl = framePage();
    const page = await openPublic(
      `/crop-top-${style.length}.html`,
      `<style>body { margin: 0; height: 4000px; background: #e53935; } iframe { position: absolute; left: 40px; ${style} width: 200px; height: 150px; border: 7px solid #43a047; padding: 3px; background: #fdd835; }</style><iframe id="ad" src="${frameUrl}"></iframe>`,
    );
    await expect.poll(() => page.frames().find((f) => f.url() === frameUrl)?.evaluate(() => document.body.dataset.ready) ?? null, { message: 'the framed canvases drawn' }).toBe('yes');
    const frame = page.frames().find((f) => f.url() === frameUrl)!;
    if (browserZoom !== 1) await zoomTab(page, browserZoom);
    await frame.evaluate((y) => scrollTo(0, y), frameScroll);

    // Right-clicks aimed by the browser's own box of the frame (Playwright's aim misses in a zoomed
    // frame): its content starts inside a 7 px border and 3 px padding, and is drawn at the frame's
    // drawn width over its 220 px (200 + 2 x 3 + 2 x 7).
    await page.locator('#ad').scrollIntoViewIfNeeded();
    const drawn = await page.locator('#ad').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { x: box.left, y: box.top, scale: box.width / 220 };
    });
    expect(drawn.scale, 'the frame drawn at the scale this case is about').toBeCloseTo(scale, 1);
    const at = (x: number, y: number) => ({ x: drawn.x + (10 + x) * drawn.scale, y: drawn.y + (10 + y) * drawn.scale });

    // An element larger than the frame: only the frame's visible box, none of the page around it.
    await suite.extension.chooseMenuItem(page, '#big', 'ask-image', { frame, at: at(100, 100) });
    const big = await sentPicture(page, 1);
    // The screenshot's pixels: CSS pixels times the tab's zoom.
    expect([big.width, big.height], 'the crop: the frame\'s visible box').toEqual([200 * scale * browserZoom, 150 * scale * browserZoom]);
    expect(coloursOf(big), 'colours in the crop: the frame\'s canvases only, no border, no page around it').toEqual(['orange', 'blue']);

    // An element inside the frame: exactly its box, moved by the frame's place and scaled as drawn.
    await suite.extension.chooseMenuItem(page, '#small', 'ask-image', { frame, at: at(20 + 25, 20 + 20) });
    const small = await sentPicture(page, 2);
    expect([small.width, small.height], 'the crop: the small canvas\'s box').toEqual([50 * scale * browserZoom, 40 * scale * browserZoom]);
    expect(coloursOf(small)).toEqual(['blue']);

    // The extension answered its own questions up the frames (the crops are right); the page's, never.
    expect(await frame.evaluate(() => (window as unknown as { answers: unknown[] }).answers)).toEqual([]);
  });
});

describe('the region overlay', () => {
  it('takes no key from the page: a synthetic Enter does not choose the region, the user\'s does', async () => {
    const page = await openPublic('/region-keys.html', '<h1>News</h1><p>A story.</p>');
    await page.bringToFront();
    await suite.extension.startCommand(page, 'ask-region');
    await page.locator('ask-image-region').waitFor();
    // The page answers the overlay itself, choosing what is photographed and sent.
    await page.evaluate(() => {
      for (const target of [window, document, document.body]) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    expect(await page.locator('ask-image-region').count(), 'the overlay, still open after the page\'s Enter').toBe(1);
    expect(server.asks).toHaveLength(0);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    const sent = await sentPicture(page, 1);
    // The box starts at 240 x 160; the user's Shift+ArrowRight widened it by 10.
    expect([sent.width, sent.height]).toEqual([250, 160]);
  });

  it('anchors a region dragged up and to the left at where the drag started', async () => {
    // Blue exactly where the drag spans, red everywhere else.
    const page = await openPublic('/region-drag.html', '<style>body { margin: 0; height: 100vh; background: #e53935; } div { position: fixed; left: 250px; top: 200px; width: 150px; height: 100px; background: #1e88e5; }</style><div></div>');
    await page.bringToFront();
    await suite.extension.startCommand(page, 'ask-region');
    await page.locator('ask-image-region').waitFor();
    await page.mouse.move(400, 300);
    await page.mouse.down();
    await page.mouse.move(320, 250);
    await page.mouse.move(250, 200);
    await page.mouse.up();
    const sent = await sentPicture(page, 1);
    expect([sent.width, sent.height]).toEqual([150, 100]);
    expect(coloursOf(sent)).toEqual(['blue']);
  });

  it('crops a region dragged in a tab the user zoomed to 150 % to the pixels dragged over', async () => {
    const page = await openPublic('/region-zoom.html', '<style>body { margin: 0; height: 100vh; background: #e53935; } div { position: fixed; left: 100px; top: 80px; width: 150px; height: 100px; background: #1e88e5; }</style><div></div>');
    await page.bringToFront();
    await zoomTab(page, 1.5);
    await suite.extension.startCommand(page, 'ask-region');
    await page.locator('ask-image-region').waitFor();
    // The page's CSS pixels, as Playwright's mouse takes them.
    await page.mouse.move(250, 180);
    await page.mouse.down();
    await page.mouse.move(100, 80);
    await page.mouse.up();
    const sent = await sentPicture(page, 1);
    expect([sent.width, sent.height]).toEqual([225, 150]);
    expect(coloursOf(sent)).toEqual(['blue']);
  });
});
