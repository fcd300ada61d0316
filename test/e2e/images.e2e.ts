/**
 * Every kind of picture a person can see, in real Chromium, decoded as the fake server received it:
 * its format, size, orientation and colours, or a clear refusal with no request at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { colourName, decodeSent, imageUrlOf } from './support/decode';
import { makePhoto } from './support/photo';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite({ otherSites: 1 });
const { server, site } = suite;
const otherOrigin = suite.other(0);

let photoBytes = 0;

beforeAll(async () => {
  const photo = await makePhoto(suite.extension.context);
  photoBytes = photo.length;
  site.serve('/images/generated/photo-6000x4000.jpg', photo, 'image/jpeg');
});

async function configure(values: Parameters<OptionsPage['save']>[0] = {}) {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-images', baseUrl: server.url, model: 'gpt-4o', detail: 'high', sendImagesAs: 'auto', ...values });
  await options.page.close();
}

async function openFixture(path: string, ready?: string) {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url(path));
  if (ready) await page.waitForFunction((key) => document.body.dataset[key] === 'ready', ready);
  return page;
}

/** Right-clicks `selector`, chooses "Ask about this image", and decodes the picture the server got. */
async function sentFor(path: string, selector: string, ready?: string) {
  const page = await openFixture(path, ready);
  await suite.extension.chooseMenuItem(page, selector, 'ask-image');
  const request = await server.waitForAsk(1);
  return { page, sent: await decodeSent(page, imageUrlOf(request.body)) };
}

/** For refusals: the popup's message, after making sure no request left. */
async function refusalFor(path: string, selector: string): Promise<PopupPage> {
  const page = await openFixture(path);
  await suite.extension.chooseMenuItem(page, selector, 'ask-image', { waitForAnswer: true });
  expect(server.asks).toHaveLength(0);
  return PopupPage.open(suite.extension);
}

describe('finding the picture', () => {
  beforeAll(() => configure());
  const kinds = () => `/kinds.html?other=${encodeURIComponent(otherOrigin.origin)}`;

  it('a CSS background image, right-clicked on the text above it', async () => {
    const { sent } = await sentFor(kinds(), '#bg-text');
    expect(colourName(sent.at(0.5, 0.5))).toBe('green');
  });

  it('a canvas drawing, read from the canvas', async () => {
    const { sent } = await sentFor(kinds(), '#clean-canvas');
    expect([sent.width, sent.height]).toEqual([160, 120]);
    expect([colourName(sent.at(0.2, 0.5)), colourName(sent.at(0.8, 0.5))]).toEqual(['red', 'blue']);
  });

  it('a tainted canvas, by cropping a screenshot to its box', async () => {
    const { sent } = await sentFor(kinds(), '#tainted-canvas', 'tainted');
    expect([sent.width, sent.height]).toEqual([160, 120]);
    expect(colourName(sent.at(0.5, 0.5))).toBe('blue');
  });

  it('a large canvas is kept for follow-ups shrunk to 2048 px, and sent at the size the model uses', async () => {
    const { page, sent } = await sentFor(kinds(), '#big-canvas');
    expect([sent.width, sent.height]).toEqual([1152, 768]);
    const kept = await suite.extension.inWorker(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, Record<string, { dataUrl: string; at: number }>>> } } } };
      const sources = Object.values((await chrome.storage.session.get('pictureSources')).pictureSources ?? {});
      return sources.sort((a, b) => b.at - a.at)[0]?.dataUrl;
    });
    if (!kept) throw new Error('No source was kept in session storage.');
    const source = await decodeSent(page, kept);
    expect([source.width, source.height]).toEqual([2048, 1365]);
  });

  it('the current frame of a video', async () => {
    const { sent } = await sentFor(kinds(), '#video', 'video');
    expect(colourName(sent.at(0.5, 0.5))).toBe('green');
  });

  it('an inline SVG, drawn to PNG, right-clicked on one of its shapes', async () => {
    const { sent } = await sentFor(kinds(), '#svg-circle');
    expect(sent.mime).toBe('image/png');
    expect([colourName(sent.at(0.5, 0.5)), colourName(sent.at(0.03, 0.03))]).toEqual(['yellow', 'teal']);
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText('The SVG drawing was turned into a PNG picture, which the API accepts.').waitFor();
  });

  it('an <img> inside a shadow root', async () => {
    const { sent } = await sentFor(kinds(), '#shadow-host');
    expect(colourName(sent.at(0.5, 0.5))).toBe('blue');
  });

  it('a data: picture, as its own bytes', async () => {
    const { sent } = await sentFor(kinds(), '#data-img');
    expect([sent.mime, sent.width, sent.height]).toEqual(['image/png', 2, 2]);
  });

  it('a blob: picture, read by the page that made it', async () => {
    const page = await openFixture(kinds());
    await page.waitForFunction(() => (document.getElementById('blob-img') as HTMLImageElement).complete && (document.getElementById('blob-img') as HTMLImageElement).naturalWidth > 0);
    await suite.extension.chooseMenuItem(page, '#blob-img', 'ask-image');
    const sent = await decodeSent(page, imageUrlOf((await server.waitForAsk(1)).body));
    expect(colourName(sent.at(0.5, 0.5))).toBe('red');
  });

  it('a picture under a see-through overlay', async () => {
    const { sent } = await sentFor(kinds(), '#overlay');
    expect(colourName(sent.at(0.5, 0.5))).toBe('blue');
  });

  it('a picture that refuses the extension (403), read through the page with its own request', async () => {
    const { sent } = await sentFor(kinds(), '#private');
    expect(colourName(sent.at(0.5, 0.5))).toBe('blue');
  });

  /**
   * Where there is no picture (the menu item shows on text too), the page offers to select a region
   * instead, saying why; Escape leaves it, and nothing is sent.
   */
  async function offeredRegionFor(selector: string) {
    const page = await openFixture(kinds());
    await suite.extension.chooseMenuItem(page, selector, 'ask-image');
    const overlay = page.locator('ask-image-region');
    await overlay.waitFor({ state: 'attached' });
    // The overlay's inside is closed to the page, so its words are read from the accessibility tree.
    const cdp = await suite.extension.context.newCDPSession(page);
    const says = async () => {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { name?: { value?: string } }[] };
      return nodes.some((node) => node.name?.value?.startsWith('There is no picture where you right-clicked: select the part of the page to ask about instead.'));
    };
    await expect.poll(says, { message: 'the overlay saying there is no picture there' }).toBe(true);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
    expect(server.asks).toHaveLength(0);
  }

  it('where there is no picture, offers to select a region instead, and sends nothing when left', async () => {
    await offeredRegionFor('#no-picture');
  });

  it('a 1 × 1 tracking pixel is not a picture: nothing is sent or billed', async () => {
    await offeredRegionFor('#tracking-pixel');
  });
});

describe('sent the way the model will see it', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('an EXIF orientation %i photo arrives upright and landscape', async (n) => {
    await configure({ model: 'gpt-4.1-mini' });
    const { sent } = await sentFor('/formats.html', `#exif-orientation-${n}-jpg`);
    expect([sent.width, sent.height]).toEqual([120, 80]);
    expect([colourName(sent.at(0.1, 0.1)), colourName(sent.at(0.92, 0.9))]).toEqual(['red', 'blue']);
  });

  it.each([
    ['picture-webp', 'image/webp', 'purple'],
    ['alpha-png', 'image/png', null],
  ])('%s, already small and accepted, is sent as it is', async (id, mime, colour) => {
    await configure();
    const { sent } = await sentFor('/formats.html', `#${id}`);
    expect(sent.mime).toBe(mime);
    if (colour) expect(colourName(sent.at(0.05, 0.05))).toBe(colour);
  });

  it.each([
    ['picture-avif', 'AVIF', 'red'],
    ['picture-bmp', 'BMP', 'brown'],
    ['picture-ico', 'ICO', 'blue'],
  ])('%s is converted to a format the API accepts, and the popup says so', async (id, name, colour) => {
    await configure();
    const { sent } = await sentFor('/formats.html', `#${id}`);
    // The profile is OpenAI's, which takes WebP: made where it is smaller than PNG.
    expect(['image/webp', 'image/png']).toContain(sent.mime);
    expect(colourName(sent.at(0.5, 0.5))).toBe(colour);
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText(`The ${name} picture was converted, because the API accepts only PNG, JPEG, WebP and GIF.`).waitFor();
  });

  it('an animated GIF sends its first frame, and says so', async () => {
    await configure();
    const { sent } = await sentFor('/formats.html', '#animated-gif');
    expect(sent.mime).not.toBe('image/gif');
    expect(colourName(sent.at(0.5, 0.5))).toBe('orange');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText('The GIF is animated (2 frames); only its first frame was sent.').waitFor();
  });

  it('an SVG file is drawn to PNG', async () => {
    await configure();
    const { sent } = await sentFor('/kinds.html', '#svg-file');
    expect(sent.mime).toBe('image/png');
    expect([colourName(sent.at(0.5, 0.5)), colourName(sent.at(0.03, 0.03))]).toEqual(['yellow', 'teal']);
  });

  it.each([
    ['low', 512, 341],
    ['high', 1152, 768],
  ] as const)('a 6000x4000 photo at %s detail is shrunk to %ix%i for gpt-4o', async (detail, width, height) => {
    await configure({ detail });
    const { sent } = await sentFor('/formats.html', '#generated-photo-6000x4000-jpg');
    expect([sent.mime, sent.width, sent.height]).toEqual(['image/webp', width, height]);
    expect(sent.bytes).toBeLessThan(photoBytes / 10);
  });

  it('the conversation keeps a thumbnail of at most 256 px, never the full picture', async () => {
    await configure();
    const { page } = await sentFor('/formats.html', '#generated-photo-6000x4000-jpg');
    const readStorage = () =>
      suite.extension.inWorker(async () => {
        const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } };
        return chrome.storage.local.get(null);
      });
    const thumbnailIn = (stored: Record<string, unknown>) =>
      (stored[`conversation:${String(stored.latestConversationId)}`] as { image: { thumbnail?: string } }).image.thumbnail;
    await expect.poll(async () => thumbnailIn(await readStorage())).toMatch(/^data:image\/jpeg;base64,/);
    const stored = await readStorage();
    const thumbnail = await decodeSent(page, thumbnailIn(stored)!);
    expect(Math.max(thumbnail.width, thumbnail.height)).toBe(256);
    // No item in persistent storage is anywhere near the size of the picture that was sent (the
    // whole of it grows with every test of this file: settings, ledger, other conversations).
    const largest = Math.max(...Object.values(stored).map((value) => JSON.stringify(value).length));
    expect(largest).toBeLessThan(100_000);
  });

  it('a local address goes as bytes under "automatic", and the popup says why', async () => {
    await configure();
    await sentFor('/pictures.html', '#plain');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText('The picture itself was sent, because 127.0.0.1 is not reachable from the internet.').waitFor();
  });

  it('when the server cannot download the address, the bytes are sent once more, and the popup says so', async () => {
    await configure({ sendImagesAs: 'url' });
    server.reply({ status: 400, error: { message: 'Error while downloading http://127.0.0.1/images/red.png.', code: 'invalid_image_url', param: 'url' } });
    server.reply({ text: 'Seen through the bytes.' });
    const page = await openFixture('/pictures.html');
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    expect(server.asks).toHaveLength(2);
    expect(imageUrlOf(server.asks[0]!.body)).toBe(site.url('/images/red.png'));
    expect(imageUrlOf(server.asks[1]!.body)).toMatch(/^data:image\/png;base64,/);
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText('The server could not download the picture from its address, so the extension sent the picture itself.').waitFor();
    await expect.poll(() => popup.answer.textContent()).toContain('Seen through the bytes.');
  });
});

/** The picture's own first bytes, whatever its data URL says: RIFF….WEBP, or a JPEG's FF D8 FF. */
function madeAs(dataUrl: string): string {
  const head = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 17), 'base64');
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  return `unknown (${head.toString('hex')})`;
}

describe('in a format the provider takes', () => {
  /** Right-clicks the 6000x4000 photo and returns the picture sent, decoded, with what its bytes really are. */
  async function photoSent() {
    const { page, sent } = await sentFor('/formats.html', '#generated-photo-6000x4000-jpg');
    const url = imageUrlOf(server.asks[0]!.body);
    await page.close();
    return { sent, madeAs: madeAs(url) };
  }

  it('a photo sent as bytes to an OpenAI profile arrives as WebP at the size the model sees; to a Custom profile as JPEG', async () => {
    await configure({ sendImagesAs: 'bytes', detail: 'high' });
    const openai = await photoSent();
    expect([openai.sent.mime, openai.madeAs, openai.sent.width, openai.sent.height]).toEqual(['image/webp', 'image/webp', 1152, 768]);
    expect(openai.sent.bytes).toBeLessThan(photoBytes / 10);

    // A server of no known kind is not assumed to take WebP.
    server.reset();
    const options = await OptionsPage.open(suite.extension);
    await options.addProfile('Custom');
    await options.save({ apiKey: 'sk-images', baseUrl: server.url, model: 'gpt-4o', detail: 'high', sendImagesAs: 'bytes' });
    await options.page.close();
    try {
      const custom = await photoSent();
      expect([custom.sent.mime, custom.madeAs, custom.sent.width, custom.sent.height]).toEqual(['image/jpeg', 'image/jpeg', 1152, 768]);
    } finally {
      // The other tests of this file ask with the first profile, OpenAI's.
      const back = await OptionsPage.open(suite.extension);
      await back.useProfile('OpenAI');
      await back.page.close();
    }
  });

  it('a photo to an OpenAI profile whose uplink is said to be fast arrives as the quicker JPEG, at the same size; slow again, as WebP', async () => {
    await configure({ sendImagesAs: 'bytes', detail: 'high', uplink: 'fast' });
    try {
      const fast = await photoSent();
      expect([fast.sent.mime, fast.madeAs, fast.sent.width, fast.sent.height]).toEqual(['image/jpeg', 'image/jpeg', 1152, 768]);
      server.reset();
      await configure({ uplink: 'slow' });
      const slow = await photoSent();
      expect([slow.sent.mime, slow.madeAs]).toEqual(['image/webp', 'image/webp']);
    } finally {
      // The other tests of this file ask with the uplink not known.
      await configure({ uplink: 'unknown' });
    }
  });
});

describe('refused with a clear sentence, sending nothing', () => {
  beforeAll(() => configure());

  it.each([
    ['truncated-jpg', 'The picture file is cut short (damaged or only partly downloaded). Nothing was sent.'],
    ['empty-png', 'The picture is empty (0 bytes), so there is nothing to send.'],
    ['html-as-png-png', 'The address returned a web page, not a picture (perhaps a sign-in page). Nothing was sent.'],
    ['bomb-png', 'The picture says it is 100,000 × 100,000 pixels, far more than any real picture; it was not opened. Nothing was sent.'],
  ])('%s', async (id, message) => {
    const popup = await refusalFor('/formats.html', `#${id}`);
    await popup.page.getByText(message).waitFor();
  });
});
