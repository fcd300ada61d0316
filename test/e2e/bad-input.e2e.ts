/**
 * A corpus of malformed and odd pictures and pages, in real Chromium on the built extension. Each
 * case is a page on the test site holding one picture, right-clicked through the real menu path (in
 * a frame where the case says so), or a picture's address typed into the popup. A bad picture gets
 * the very sentence the extension shows, and nothing reaches the API or the spend record; an odd but
 * valid one arrives as it should, decoded as the server received it (format, size, colours, or the
 * untouched bytes). Whatever the extension downloads itself goes without the page's cookie.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { colourName, decodeSent, imageUrlOf } from './support/decode';
import { bmp, cmykJpeg, drawnByChromium, flat, ico, noise, png, pngClaiming, withExifOrientation } from './support/odd-pictures';
import { OptionsPage, PopupPage, type OptionsValues } from './support/pages';
import { VISITOR_COOKIE } from './support/site';
import { fromExtension, useBrowserSuite } from './support/suite';

const suite = useBrowserSuite({ otherSites: 1 });
const { server, site } = suite;
const IMAGES = resolve(import.meta.dirname, '../fixtures/images');

/** The sentences the extension shows (locales/en.yml), word for word. */
const SAYS = {
  truncated: 'The picture file is cut short (damaged or only partly downloaded). Nothing was sent.',
  empty: 'The picture is empty (0 bytes), so there is nothing to send.',
  webPage: 'The address returned a web page, not a picture (perhaps a sign-in page). Nothing was sent.',
  notAPicture: 'This file is not a picture format the extension can read: its first bytes are not those of any picture. Nothing was sent.',
  unknownFormat: (why: string) => `This file is not a picture format the extension can read (${why}). Nothing was sent.`,
  serverAnswered: (status: string) => `The picture’s server answered ${status}. Nothing was sent.`,
  pageCannotRead: (download: string, page: string) => `The picture could not be downloaded (${download}), and the page could not read it either (${page}). Nothing was sent.`,
  downloadFailed: (why: string) => `The picture could not be downloaded (${why}). Nothing was sent.`,
  bomb: (width: string, height: string) => `The picture says it is ${width} × ${height} pixels, far more than any real picture; it was not opened. Nothing was sent.`,
  tooLarge: 'The picture is over 40 MB, more than any photo needs, so it was not downloaded. Nothing was sent.',
  timedOut: 'The picture’s server had not sent it after 30 seconds. Nothing was sent.',
  svgFailed: (why: string) => `The SVG drawing could not be drawn (${why}). Nothing was sent.`,
  svgTainted:
    'The browser does not let extensions turn this SVG drawing into a picture, because it holds a piece of web page (a foreignObject). Choose “Select a region to ask about” on it instead. Nothing was sent.',
  offScreen: 'The picture is not on screen, so it cannot be photographed. Scroll it into view and try again. Nothing was sent.',
  redirectedPrivate: (host: string) => `The picture’s address led to a private network address (${host}), which a public page may not reach through the extension. Nothing was sent.`,
  noPictureHere: 'There is no picture where you right-clicked: select the part of the page to ask about instead.',
  sentBecauseLocal: 'The picture itself was sent, because 127.0.0.1 is not reachable from the internet.',
  svgConverted: 'The SVG drawing was turned into a PNG picture, which the API accepts.',
  converted: (format: string) => `The ${format} picture was converted, because the API accepts only PNG, JPEG, WebP and GIF.`,
  gifFirstFrame: 'The GIF is animated (2 frames); only its first frame was sent.',
};

// ---------------------------------------------------------------------------------------------
// What a case is.
// ---------------------------------------------------------------------------------------------

/** What the site answers at the case's picture address: a file, or an exchange written by hand. */
type Answer = { body: Uint8Array; type: string } | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>);

/** Where the user reads the sentence: the conversation, the popup's notice, the page's region overlay, the popup's address box. */
type Surface = 'turn' | 'notice' | 'overlay' | 'address';

interface Sent {
  mime: string | string[];
  size: [width: number, height: number];
  /** Named colours at fractions of the width and height. */
  colours?: [x: number, y: number, colour: string][];
  /** Colours that must not be there (what a fetched reference would have drawn). */
  notColours?: [x: number, y: number, colour: string][];
  /** The very bytes the site served, untouched. */
  sameBytesAs?: () => Uint8Array;
  /** Notes the popup shows about the picture, word for word. */
  notes?: string[];
}

type Outcome = { refused: string | (() => string); on: Surface } | { sent: Sent };

interface Case {
  name: string;
  /** The case's addresses on the site: /bad/<id>.html (the page), /bad/<id>.pic (its picture), /bad/<id>/… */
  id: string;
  /** What /bad/<id>.pic answers; called once the generated files exist. */
  picture?: () => Answer;
  /** The page's body (PICTURE stands for the picture's address). By default one <img id="target">. */
  body?: string;
  /** The page sets <body data-ready="yes"> once it can be right-clicked (a picture loaded, a canvas drawn). */
  waitsForReady?: boolean;
  /** Right-clicked in the page (the default), in the frame inside a frame, or typed into the popup. */
  via?: 'menu' | 'frame' | 'address';
  /** The address typed into the popup; by default the case's picture address. */
  address?: string;
  /** The page is opened under a name on the internet instead of 127.0.0.1. */
  publicPage?: boolean;
  settings?: Partial<OptionsValues>;
  /** Nobody may request anything under /bad/<id>/: the picture's own references, never to be fetched. */
  fetchesNothingElse?: boolean;
  expect: Outcome;
  /** Anything more the case proves. */
  check?: () => void;
}

const refused = (sentence: string | (() => string), on: Surface = 'turn'): Outcome => ({ refused: sentence, on });
const sent = (what: Sent): Outcome => ({ sent: what });

// ---------------------------------------------------------------------------------------------
// Pictures and answers, made in code (support/odd-pictures.ts) or by Chromium in beforeAll.
// ---------------------------------------------------------------------------------------------

const files = {} as Record<
  'photo' | 'noisyPng' | 'red' | 'blue' | 'green' | 'webp' | 'exif6' | 'animatedGif' | 'avif' | 'png16' | 'transparent' | 'cmyk' | 'fortyMb',
  Buffer
>;

const text = (words: string) => new TextEncoder().encode(words);
const file = (body: Uint8Array, type: string): Answer => ({ body, type });
const svg = (markup: string) => file(text(markup), 'image/svg+xml');
const status = (code: number): Answer => (_, res) => void res.writeHead(code, { 'content-type': 'text/plain' }).end(`Error ${code}`);
const redirectTo = (location: string): Answer => (_, res) => void res.writeHead(302, { location }).end();
const hangUp: Answer = (req) => void req.socket.destroy();
/** Headers, then silence: the connection stays open until the browser gives up. */
const silent: Answer = () => undefined;

/** Promises the whole file in Content-Length, sends `sent` bytes of it, and hangs up. */
const cutShort = (body: Uint8Array, sent: number): Answer => (_, res) => {
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) });
  res.write(body.subarray(0, sent), () => res.socket?.destroy());
};

/** Sends the file in 1 MB chunks with no Content-Length, as long as the reader reads. */
const chunked = (body: Uint8Array): Answer => async (_, res) => {
  res.writeHead(200, { 'content-type': 'image/png' });
  for (let at = 0; at < body.length && !res.destroyed; at += 1 << 20) {
    if (!res.write(body.subarray(at, at + (1 << 20)))) await new Promise((done) => res.once('drain', done).once('close', done));
  }
  res.end();
};

/** A slow server: the first byte after `firstByteMs`, then the file in three pieces, 300 ms apart. */
const slow = (body: Uint8Array, firstByteMs: number): Answer => async (_, res) => {
  await delay(firstByteMs);
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) });
  const piece = Math.ceil(body.length / 3);
  for (let at = 0; at < body.length; at += piece) {
    res.write(body.subarray(at, at + piece));
    await delay(300);
  }
  res.end();
};

/** The picture only answers requests that carry the visitor's cookie, as a site behind a login does. */
const onlyWithCookie = (body: Uint8Array): Answer => (req, res) => {
  if (!req.headers.cookie?.includes(VISITOR_COOKIE)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Sign in first');
  res.writeHead(200, { 'content-type': 'image/png' }).end(body);
};

// ---------------------------------------------------------------------------------------------
// Frames: a tainted canvas (only a screenshot shows it) in a frame from another site, inside a
// frame that may lie about where it is.
// ---------------------------------------------------------------------------------------------

/** The picture's frame, on the other site: a canvas that drew a picture from the first site. */
const FRAME_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A framed canvas</title>
<style>body { margin: 0; } canvas { display: block; width: 160px; height: 120px; }</style></head><body>
<canvas id="target" width="160" height="120"></canvas>
<script>
  const picture = new Image();
  picture.onload = () => {
    document.getElementById('target').getContext('2d').drawImage(picture, 0, 0, 160, 120);
    document.body.dataset.ready = 'yes';
  };
  picture.src = new URLSearchParams(location.search).get('picture');
</script></body></html>`;

/**
 * The frame between: when told to, its own script answers the inner frame's "where am I?" with a
 * lie. The extension's listener there must first ask the page above, so the lie arrives first: any
 * page can do this to the frames it holds.
 */
const MIDDLE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A frame between</title>
<style>body { margin: 0; padding: 10px; } iframe { border: 0; width: 170px; height: 130px; }</style></head><body>
<iframe id="inner" title="A picture from another site"></iframe>
<script>
  const params = new URLSearchParams(location.search);
  document.getElementById('inner').src = params.get('other') + '/bad/frame.html?picture=' + encodeURIComponent(location.origin + '/images/blue.png');
  // A lying page answers with whatever it likes, its own idea of the frame's visible box included.
  const everywhere = { x: -50000, y: -50000, width: 100000, height: 100000 };
  const lie = {
    nan: { x: NaN, y: 0 },
    huge: { x: 90000, y: 90000, scale: 1, clip: { x: 90000, y: 90000, width: 170, height: 130 }, devicePixelRatio: 1 },
    negative: { x: -5000, y: -5000, scale: 1, clip: everywhere, devicePixelRatio: 1 },
  }[params.get('lie')];
  // The question carries the ask's secret, which the page sees too: it can answer first, but only
  // with a place, which the extension checks like any other.
  addEventListener('message', (event) => {
    if (lie && event.data && event.data.type === 'ask-about-image:frame-offset' && event.ports[0]) event.ports[0].postMessage(lie);
  });
</script></body></html>`;

const framed = (lie: 'honest' | 'nan' | 'huge' | 'negative') => `
<iframe id="frame" title="A frame" style="border: 0; width: 200px; height: 160px"></iframe>
<script>document.getElementById('frame').src = '/bad/middle.html?lie=${lie}&other=' + encodeURIComponent(OTHER);</script>`;

// ---------------------------------------------------------------------------------------------
// The corpus.
// ---------------------------------------------------------------------------------------------
const CASES: Case[] = [
  // Broken files, stopped by their first bytes before anything is decoded.
  { name: 'a truncated JPEG (the download stopped at 60 %)', id: 'truncated-jpeg', picture: () => file(files.photo.subarray(0, Math.floor(files.photo.length * 0.6)), 'image/jpeg'), expect: refused(SAYS.truncated) },
  { name: 'a truncated PNG (cut in the middle of its data)', id: 'truncated-png', picture: () => file(files.noisyPng.subarray(0, files.noisyPng.length >> 1), 'image/png'), expect: refused(SAYS.truncated) },
  { name: 'a truncated GIF', id: 'truncated-gif', picture: () => file(files.animatedGif.subarray(0, 200), 'image/gif'), expect: refused(SAYS.truncated) },
  { name: 'a file of zero bytes, served as image/png', id: 'zero-bytes', picture: () => file(new Uint8Array(), 'image/png'), expect: refused(SAYS.empty) },
  { name: 'a 204 No Content answer', id: 'no-content', picture: () => (_, res) => void res.writeHead(204).end(), expect: refused(SAYS.empty) },
  { name: 'a web page served as image/png', id: 'html-as-png', picture: () => file(text('<!DOCTYPE html><html><body>Please sign in</body></html>'), 'image/png'), expect: refused(SAYS.webPage) },
  { name: 'a web page after a byte-order mark and blank lines, served as image/jpeg', id: 'html-bom', picture: () => file(text('\ufeff\n\n  <html><head><title>Sign in</title></head></html>'), 'image/jpeg'), expect: refused(SAYS.webPage) },
  { name: 'plain text served as image/jpeg', id: 'text-as-jpeg', picture: () => file(text('Shopping list: eggs, milk.'), 'image/jpeg'), expect: refused(SAYS.notAPicture) },
  { name: 'a JPEG start and end with garbage between', id: 'garbage-jpeg', picture: () => file(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...text('garbage, not a picture'), 0xff, 0xd9]), 'image/jpeg'), expect: refused(SAYS.unknownFormat('Corrupt JPG, exceeded buffer limits')) },
  { name: 'an SVG file that is not well-formed XML', id: 'svg-broken', picture: () => svg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#1e88e5"></svg>'), expect: refused(SAYS.svgFailed('The source image cannot be decoded.')) },
  {
    name: 'an SVG holding a foreignObject of HTML (the browser taints it)',
    id: 'svg-foreign',
    picture: () =>
      svg(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">
        <foreignObject width="120" height="80"><div xmlns="http://www.w3.org/1999/xhtml" style="width: 120px; height: 80px; background: #43a047">HTML</div></foreignObject>
      </svg>`),
    expect: refused(SAYS.svgTainted),
  },

  // Servers that answer something other than the picture.
  { name: 'a picture address that answers 404', id: 'not-found', picture: () => status(404), expect: refused(SAYS.serverAnswered('404 Not Found')) },
  { name: 'a picture address that answers 500', id: 'server-error', picture: () => status(500), expect: refused(SAYS.serverAnswered('500 Internal Server Error')) },
  { name: 'a redirect to a sign-in page', id: 'redirect-html', picture: () => redirectTo('/bad/redirect-html/login.html'), expect: refused(SAYS.webPage) },
  { name: 'a redirect to an address that answers 404', id: 'redirect-404', picture: () => redirectTo('/bad/redirect-404/gone.png'), expect: refused(SAYS.serverAnswered('404 Not Found')) },
  // Where the extension's own download fails outright, the page is asked to read it; here it fails there too.
  { name: 'a redirect loop', id: 'redirect-loop', picture: () => redirectTo('/bad/redirect-loop.pic'), expect: refused(SAYS.pageCannotRead('the connection failed', 'the connection failed')) },
  { name: 'a server that hangs up without answering', id: 'hang-up', picture: () => hangUp, expect: refused(SAYS.pageCannotRead('the connection failed', 'the connection failed')) },
  { name: 'a Content-Length that promises more than arrives (the connection is cut)', id: 'cut-short', picture: () => cutShort(files.noisyPng, 2000), expect: refused(SAYS.downloadFailed('the connection failed')) },
  { name: 'a server that sends nothing for 30 seconds', id: 'never-answers', picture: () => silent, expect: refused(SAYS.timedOut) },

  // Past the bounds.
  { name: 'a PNG claiming 30000 × 30000 pixels (a decompression bomb)', id: 'bomb', picture: () => file(pngClaiming(30_000, 30_000), 'image/png'), expect: refused(SAYS.bomb('30,000', '30,000')) },
  { name: 'a PNG of 12000 × 10001 pixels, over 120 megapixels', id: 'over-120-mp', picture: () => file(pngClaiming(12_000, 10_001), 'image/png'), expect: refused(SAYS.bomb('12,000', '10,001')) },
  { name: 'a PNG 20001 pixels wide', id: 'over-20000-wide', picture: () => file(pngClaiming(20_001, 100), 'image/png'), expect: refused(SAYS.bomb('20,001', '100')) },
  { name: 'a file over 40 MB, said in its Content-Length', id: 'over-40-mb', picture: () => file(files.fortyMb, 'image/png'), expect: refused(SAYS.tooLarge) },
  { name: 'a file over 40 MB with no Content-Length (chunked)', id: 'over-40-mb-chunked', picture: () => chunked(files.fortyMb), expect: refused(SAYS.tooLarge) },

  // What the page holds instead of a picture address.
  {
    name: 'a 1 × 1 pixel: not a picture, so a region is offered',
    id: 'one-pixel',
    picture: () => file(png(1, 1, flat([200, 30, 30])), 'image/png'),
    body: '<img id="target" alt="" src="PICTURE" onload="document.body.dataset.ready = \'yes\'">',
    waitsForReady: true,
    expect: refused(SAYS.noPictureHere, 'overlay'),
  },
  { name: 'a data: address that is not a picture', id: 'data-text', body: '<img id="target" alt="" src="data:text/plain,Hello%20there">', expect: refused(SAYS.notAPicture) },
  { name: 'a canvas of 0 × 0 pixels, stretched by the page', id: 'empty-canvas', body: '<canvas id="target" width="0" height="0"></canvas>', expect: refused(SAYS.empty) },

  // Typed into the popup: there is no page to read the picture instead.
  { name: 'by address: an address that answers 404', id: 'address-404', via: 'address', picture: () => status(404), expect: refused(SAYS.serverAnswered('404 Not Found'), 'address') },
  { name: 'by address: a redirect loop', id: 'address-loop', via: 'address', picture: () => redirectTo('/bad/address-loop.pic'), expect: refused(SAYS.downloadFailed('the connection failed'), 'address') },
  { name: 'by address: a data: address of five bytes of text', id: 'address-data-text', via: 'address', address: 'data:text/plain;base64,SGVsbG8=', expect: refused(SAYS.notAPicture, 'address') },
  { name: 'by address: a file over 40 MB', id: 'address-40-mb', via: 'address', picture: () => file(files.fortyMb, 'image/png'), expect: refused(SAYS.tooLarge, 'address') },

  // A public page whose picture address leads into the private network (read as bytes, as that setting says).
  {
    name: 'a public page’s picture that redirects to a private address',
    id: 'redirect-private',
    publicPage: true,
    settings: { sendImagesAs: 'bytes' },
    picture: () => redirectTo(site.url('/images/red.png')),
    expect: refused(() => SAYS.redirectedPrivate(new URL(site.origin).host)),
  },

  // A frame that lies about where its frame is. A lie that is not a position is not believed; one
  // within reach moves the crop inside the screenshot of the tab the user looks at, no further.
  { name: 'a tainted canvas in a frame, whose parent frame answers honestly', id: 'frame-honest', via: 'frame', body: framed('honest'), expect: sent({ mime: 'image/png', size: [160, 120], colours: [[0.5, 0.5, 'blue']] }) },
  { name: 'a frame whose parent frame says it is at NaN', id: 'frame-nan', via: 'frame', body: framed('nan'), expect: refused(SAYS.noPictureHere, 'overlay') },
  { name: 'a frame whose parent frame says it is 90,000 pixels away', id: 'frame-huge', via: 'frame', body: framed('huge'), expect: refused(SAYS.offScreen, 'notice') },
  { name: 'a frame whose parent frame says it is at −5,000, −5,000', id: 'frame-negative', via: 'frame', body: framed('negative'), expect: sent({ mime: 'image/png', size: [160, 120], colours: [[0.05, 0.05, 'white']] }) },

  // Odd but valid: sent, and sent right.
  { name: 'a PNG served as image/jpeg', id: 'png-as-jpeg', picture: () => file(files.red, 'image/jpeg'), expect: sent({ mime: 'image/png', size: [64, 48], sameBytesAs: () => files.red, notes: [SAYS.sentBecauseLocal] }) },
  { name: 'a 16-bit PNG', id: 'png-16-bit', picture: () => file(files.png16, 'image/png'), expect: sent({ mime: 'image/png', size: [64, 48], sameBytesAs: () => files.png16, colours: [[0.5, 0.5, 'green']] }) },
  // The profile is OpenAI's, which takes WebP: lossless WebP where it is smaller than PNG, never JPEG or lossy WebP.
  { name: 'a large half-transparent PNG stays exact (PNG or lossless WebP) when shrunk', id: 'transparent', picture: () => file(files.transparent, 'image/png'), expect: sent({ mime: ['image/png', 'image/webp'], size: [1152, 768] }) },
  { name: 'a WebP', id: 'webp', picture: () => file(files.webp, 'image/webp'), expect: sent({ mime: 'image/webp', size: [100, 80], sameBytesAs: () => files.webp, colours: [[0.5, 0.5, 'purple']] }) },
  { name: 'an AVIF', id: 'avif', picture: () => file(files.avif, 'image/avif'), expect: sent({ mime: ['image/webp', 'image/png'], size: [160, 120], colours: [[0.5, 0.5, 'red']], notes: [SAYS.converted('AVIF')] }) },
  { name: 'a BMP', id: 'bmp', picture: () => file(bmp(90, 60, [109, 76, 65]), 'image/bmp'), expect: sent({ mime: ['image/webp', 'image/png'], size: [90, 60], colours: [[0.5, 0.5, 'brown']], notes: [SAYS.converted('BMP')] }) },
  { name: 'an ICO holding a PNG', id: 'ico', picture: () => file(ico(png(48, 48, flat([30, 136, 229])), 48, 48), 'image/x-icon'), expect: sent({ mime: ['image/webp', 'image/png'], size: [48, 48], colours: [[0.5, 0.5, 'blue']], notes: [SAYS.converted('ICO')] }) },
  { name: 'a CMYK JPEG', id: 'cmyk', picture: () => file(files.cmyk, 'image/jpeg'), expect: sent({ mime: 'image/jpeg', size: [32, 24], sameBytesAs: () => files.cmyk, colours: [[0.5, 0.5, 'red']] }) },
  { name: 'a JPEG turned by its EXIF orientation (6), sent upright', id: 'exif-6', picture: () => file(files.exif6, 'image/jpeg'), expect: sent({ mime: 'image/webp', size: [120, 80], colours: [[0.2, 0.5, 'blue'], [0.8, 0.5, 'red']] }) },
  { name: 'an animated GIF: its first frame', id: 'animated-gif', picture: () => file(files.animatedGif, 'image/gif'), expect: sent({ mime: ['image/webp', 'image/png'], size: [100, 80], colours: [[0.5, 0.5, 'orange']], notes: [SAYS.gifFirstFrame] }) },
  {
    name: 'an SVG with scripts: drawn to PNG, and no script runs',
    id: 'svg-script',
    picture: () =>
      svg(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" onload="fetch('/bad/svg-script/onload')">
        <rect width="120" height="80" fill="#1e88e5"/>
        <script>fetch('/bad/svg-script/script'); new Image().src = '/bad/svg-script/image';</script>
      </svg>`),
    fetchesNothingElse: true,
    expect: sent({ mime: 'image/png', size: [120, 80], colours: [[0.5, 0.5, 'blue']], notes: [SAYS.svgConverted] }),
  },
  {
    // Each reference is something red on the site: fetched, it would show.
    name: 'an SVG with external references: drawn without fetching any of them',
    id: 'svg-external',
    picture: () =>
      svg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80">
        <style>@import url("${site.url('/bad/svg-external/style.css')}");</style>
        <rect width="120" height="80" fill="#1e88e5"/>
        <image href="${site.url('/bad/svg-external/image.png')}" x="0" y="0" width="60" height="80"/>
        <image xlink:href="${site.url('/bad/svg-external/xlink.png')}" x="60" y="0" width="60" height="80"/>
        <use href="${site.url('/bad/svg-external/use.svg#shape')}"/>
      </svg>`),
    fetchesNothingElse: true,
    expect: sent({ mime: 'image/png', size: [120, 80], notColours: [[0.25, 0.5, 'red'], [0.75, 0.5, 'red']], notes: [SAYS.svgConverted] }),
  },
  {
    name: 'an SVG with no size at all: drawn at 300 × 150, as browsers show it',
    id: 'svg-no-size',
    picture: () => svg('<svg xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#fb8c00"/></svg>'),
    expect: sent({ mime: 'image/png', size: [300, 150], colours: [[0.5, 0.5, 'orange']], notes: [SAYS.svgConverted] }),
  },
  { name: 'a slow server (1.5 s to the first byte, then in pieces)', id: 'slow', picture: () => slow(files.red, 1500), expect: sent({ mime: 'image/png', size: [64, 48], sameBytesAs: () => files.red }) },
  { name: 'a redirect to the picture', id: 'redirect-ok', picture: () => redirectTo('/images/blue.png'), expect: sent({ mime: 'image/png', size: [128, 96], sameBytesAs: () => files.blue }) },
  {
    name: 'a picture only the signed-in page may load: the extension is refused, the page reads it',
    id: 'cookie-only',
    picture: () => onlyWithCookie(files.green),
    expect: sent({ mime: 'image/png', size: [64, 48], sameBytesAs: () => files.green }),
    check() {
      const asked = site.requests.filter((r) => r.path === '/bad/cookie-only.pic' && r.headers['sec-fetch-dest'] === 'empty');
      const by = (who: string) => asked.filter((r) => r.headers['sec-fetch-site'] === who).map((r) => r.headers.cookie);
      expect(by('none'), 'the extension asked without the cookie').toEqual([undefined]);
      expect(by('same-origin'), 'the page asked with its cookie').toEqual([expect.stringContaining(VISITOR_COOKIE)]);
    },
  },
  {
    name: 'an <img> with srcset only: the candidate shown is sent',
    id: 'srcset-only',
    body: '<img id="target" alt="" srcset="/bad/srcset-only/1x.png 1x, /bad/srcset-only/2x.png 2x" onload="document.body.dataset.ready = \'yes\'">',
    waitsForReady: true,
    expect: sent({ mime: 'image/png', size: [64, 48], sameBytesAs: () => files.green }),
  },
  {
    name: 'a picture that changes its address when right-clicked: the one shown then is sent',
    id: 'swap-on-click',
    body: `<img id="target" alt="" src="/images/red.png">
      <script>
        const next = new Image();
        next.onload = () => (document.body.dataset.ready = 'yes');
        next.src = '/images/blue.png';
        document.getElementById('target').addEventListener('contextmenu', (event) => (event.currentTarget.src = next.src));
      </script>`,
    waitsForReady: true,
    expect: sent({ mime: 'image/png', size: [128, 96], sameBytesAs: () => files.blue }),
  },
  {
    name: 'a data: picture of 12 MB (2000 × 1500 pixels of noise), shrunk to what the model sees',
    id: 'giant-data',
    body: `<img id="target" alt="">
      <script>
        const canvas = Object.assign(document.createElement('canvas'), { width: 2000, height: 1500 });
        const pen = canvas.getContext('2d');
        const pixels = pen.createImageData(2000, 1500);
        for (let i = 0; i < pixels.data.length; i += 4) pixels.data.set([Math.random() * 255, Math.random() * 255, Math.random() * 255, 255], i);
        pen.putImageData(pixels, 0, 0);
        const img = document.getElementById('target');
        img.onload = () => (document.body.dataset.ready = img.src.length > 10_000_000 ? 'yes' : 'too small');
        img.src = canvas.toDataURL('image/png');
      </script>`,
    waitsForReady: true,
    expect: sent({ mime: 'image/webp', size: [1024, 768] }),
  },
  {
    name: 'a blob: picture whose address was revoked: photographed from the screen',
    id: 'blob-revoked',
    body: `<img id="target" alt="">
      <script>
        fetch('/images/red.png').then((r) => r.blob()).then((blob) => {
          const img = document.getElementById('target');
          img.onload = () => { URL.revokeObjectURL(img.src); document.body.dataset.ready = 'yes'; };
          img.src = URL.createObjectURL(blob);
        });
      </script>`,
    waitsForReady: true,
    expect: sent({ mime: 'image/png', size: [160, 120], colours: [[0.5, 0.5, 'red']] }),
  },
];

// ---------------------------------------------------------------------------------------------
// Running a case.
// ---------------------------------------------------------------------------------------------

/** Every page sets the visitor's cookie first, as a site with a login would. */
function pageHtml(test: Case): string {
  const body = (test.body ?? '<img id="target" alt="" src="PICTURE">').replaceAll('PICTURE', `/bad/${test.id}.pic`).replaceAll('OTHER', JSON.stringify(suite.other(0).origin));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${test.name}</title>
<script>document.cookie = '${VISITOR_COOKIE}; path=/; SameSite=Lax';</script>
<style>body { margin: 0; padding: 10px; } #target { display: block; width: 160px; height: 120px; }</style>
</head><body>${body}</body></html>`;
}

let configured = '';
async function configure(settings: Partial<OptionsValues> = {}): Promise<void> {
  const values: OptionsValues = { apiKey: 'sk-bad-input', baseUrl: server.url, model: 'gpt-4o', detail: 'high', api: 'Chat Completions', sendImagesAs: 'auto', ...settings };
  if (JSON.stringify(values) === configured) return;
  const options = await OptionsPage.open(suite.extension);
  await options.save(values);
  await options.page.close();
  configured = JSON.stringify(values);
}

type ChromeInWorker = { chrome: { storage: Record<'local' | 'session', { get(key: string): Promise<Record<string, unknown>> }> } };

/** Requests in the spend record, written or waiting in session storage. */
function spendEntries(): Promise<number> {
  return suite.extension.inWorker(async () => {
    const { storage } = (globalThis as unknown as ChromeInWorker).chrome;
    const { ledger } = await storage.local.get('ledger');
    const { unsavedSpend } = await storage.session.get('unsavedSpend');
    return ((ledger as { entries?: unknown[] } | undefined)?.entries?.length ?? 0) + ((unsavedSpend as unknown[] | undefined)?.length ?? 0);
  });
}

/** The popup with its address box showing (in a conversation it is under "Ask about another picture…"). */
async function popupWithAddressBox(): Promise<PopupPage> {
  const popup = await PopupPage.open(suite.extension);
  const more = popup.page.getByText('Ask about another picture…');
  await popup.page.getByLabel('Picture address').or(more).first().waitFor();
  if (await more.isVisible()) await more.click();
  return popup;
}

/** Asks about the case's picture the way the case says: returns the page, or the popup it was typed into. */
async function ask(test: Case): Promise<{ page?: Page; popup?: PopupPage }> {
  if (test.via === 'address') {
    const popup = await popupWithAddressBox();
    await popup.page.getByLabel('Picture address').fill(test.address ?? site.url(`/bad/${test.id}.pic`));
    await popup.page.getByRole('button', { name: 'Ask about it' }).click();
    return { popup };
  }
  const page = await suite.extension.context.newPage();
  const path = `/bad/${test.id}.html`;
  // Not the load event: a picture that never arrives holds it back for ever.
  await page.goto(test.publicPage ? site.publicUrl(path) : site.url(path), { waitUntil: 'domcontentloaded' });
  if (test.waitsForReady) await page.locator('body[data-ready="yes"]').waitFor({ state: 'attached' });
  // The region overlay waits for the user, so that menu click is not waited for.
  const waitForAnswer = !('refused' in test.expect && test.expect.on === 'overlay');
  if (test.via === 'frame') {
    await page.frameLocator('#frame').frameLocator('#inner').locator('body[data-ready="yes"]').waitFor({ state: 'attached' });
    const frame = page.frame({ url: /\/bad\/frame\.html/ });
    if (!frame) throw new Error('The picture’s frame is not in the page.');
    await suite.extension.chooseMenuItem(page, '#target', 'ask-image', { waitForAnswer, frame });
  } else {
    await suite.extension.chooseMenuItem(page, '#target', 'ask-image', { waitForAnswer });
  }
  return { page };
}

/** Waits for the element among `candidates` that says `sentence`, and checks it says exactly that. */
async function saysExactly(candidates: Locator, sentence: string): Promise<void> {
  const shown = candidates.filter({ hasText: sentence }).first();
  await shown.waitFor();
  expect((await shown.textContent())?.trim()).toBe(sentence);
}

/** The region overlay's words, read from the accessibility tree (its shadow root is closed); then Escape. */
async function overlaySays(page: Page, sentence: string): Promise<void> {
  await page.locator('ask-image-region').waitFor({ state: 'attached' });
  const cdp = await suite.extension.context.newCDPSession(page);
  const says = async () => {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { name?: { value?: string } }[] };
    return nodes.some((node) => node.name?.value?.startsWith(sentence));
  };
  await expect.poll(says, { message: `the region overlay saying "${sentence}"` }).toBe(true);
  await cdp.detach();
  await page.keyboard.press('Escape');
  await page.locator('ask-image-region').waitFor({ state: 'detached' });
}

async function expectRefused(test: Case, outcome: Extract<Outcome, { refused: unknown }>, where: { page?: Page; popup?: PopupPage }, spentBefore: number) {
  const sentence = typeof outcome.refused === 'function' ? outcome.refused() : outcome.refused;
  if (outcome.on === 'overlay') {
    await overlaySays(where.page!, sentence);
  } else if (outcome.on === 'address') {
    await saysExactly(where.popup!.page.getByRole('alert'), sentence);
  } else {
    const popup = await PopupPage.open(suite.extension);
    // A notice is the popup's alert; a turn's refusal is the paragraph in the answer's place.
    await saysExactly(outcome.on === 'notice' ? popup.page.getByRole('alert') : popup.page.locator('p'), sentence);
    expect(await popup.stop.count(), 'no answer still being written').toBe(0);
  }
  await suite.extension.waitUntilNoAnswerStreams();
  expect(server.asks, `nothing reached the API for "${test.name}"`).toHaveLength(0);
  expect(await spendEntries(), 'nothing was billed').toBe(spentBefore);
}

async function expectSent(test: Case, wanted: Sent, where: { page?: Page; popup?: PopupPage }, spentBefore: number) {
  await expect.poll(() => server.asks.length, { message: `the picture of "${test.name}" reaching the API` }).toBeGreaterThan(0);
  const imageUrl = imageUrlOf(server.asks[0]!.body);
  const picture = await decodeSent((where.page ?? where.popup!.page), imageUrl);
  expect([wanted.mime].flat()).toContain(picture.mime);
  expect([picture.width, picture.height]).toEqual(wanted.size);
  for (const [x, y, colour] of wanted.colours ?? []) expect(colourName(picture.at(x, y)), `the colour at ${x}, ${y}`).toBe(colour);
  for (const [x, y, colour] of wanted.notColours ?? []) expect(colourName(picture.at(x, y)), `the colour at ${x}, ${y}`).not.toBe(colour);
  if (wanted.sameBytesAs) expect(imageUrl).toBe(`data:${picture.mime};base64,${Buffer.from(wanted.sameBytesAs()).toString('base64')}`);
  const popup = await PopupPage.open(suite.extension);
  await popup.page.getByRole('button', { name: 'Copy answer' }).waitFor();
  for (const note of wanted.notes ?? []) await popup.page.getByText(note, { exact: true }).waitFor();
  await suite.extension.waitUntilNoAnswerStreams();
  expect(server.asks, 'exactly one request').toHaveLength(1);
  await expect.poll(spendEntries, { message: 'the answer billed once' }).toBe(spentBefore + 1);
}

beforeAll(async () => {
  const { context } = suite.extension;
  const fixture = (name: string) => readFile(resolve(IMAGES, name));
  // Chromium draws what node cannot encode: a JPEG of noise (cutting it loses real data), a WebP,
  // and the photo for EXIF 6: stored 80 x 120 with red above blue, shown 120 x 80 with blue left.
  const [photo, webp, stored, animatedGif, avif, red, blue, green] = await Promise.all([
    drawnByChromium(context, { width: 200, height: 150, type: 'image/jpeg', noise: true }),
    drawnByChromium(context, { width: 100, height: 80, type: 'image/webp', bands: ['#8e24aa'] }),
    drawnByChromium(context, { width: 80, height: 120, type: 'image/jpeg', bands: ['#e53935', '#1e88e5'] }),
    fixture('animated.gif'),
    fixture('picture.avif'),
    fixture('red.png'),
    fixture('blue.png'),
    fixture('green.png'),
  ]);
  Object.assign(files, {
    photo,
    webp,
    exif6: withExifOrientation(stored, 6),
    animatedGif,
    avif,
    red,
    blue,
    green,
    noisyPng: png(120, 120, noise),
    png16: png(64, 48, flat([67, 160, 71]), { depth: 16 }),
    transparent: png(3000, 2000, flat([30, 136, 229], 128), { alpha: true }),
    cmyk: cmykJpeg(32, 24, [0, 255, 255, 0]),
    fortyMb: Buffer.alloc(40 * 1024 * 1024 + 1024),
  });

  for (const test of CASES) {
    const picture = test.picture?.();
    if (typeof picture === 'function') site.route(`/bad/${test.id}.pic`, picture);
    else if (picture) site.serve(`/bad/${test.id}.pic`, picture.body, picture.type);
    site.serve(`/bad/${test.id}.html`, text(pageHtml(test)), 'text/html; charset=utf-8');
  }
  site.serve('/bad/redirect-html/login.html', text('<!doctype html><html><body><form>Sign in</form></body></html>'), 'text/html; charset=utf-8');
  site.serve('/bad/srcset-only/1x.png', green, 'image/png');
  site.serve('/bad/srcset-only/2x.png', red, 'image/png');
  site.serve('/bad/middle.html', text(MIDDLE_PAGE), 'text/html; charset=utf-8');
  suite.other(0).serve('/bad/frame.html', text(FRAME_PAGE), 'text/html; charset=utf-8');
  // What the SVG's references would bring if fetched: red, every one.
  site.serve('/bad/svg-external/image.png', red, 'image/png');
  site.serve('/bad/svg-external/xlink.png', red, 'image/png');
  site.serve('/bad/svg-external/style.css', text('rect { fill: #e53935 !important; }'), 'text/css');
  site.serve('/bad/svg-external/use.svg', text('<svg xmlns="http://www.w3.org/2000/svg"><rect id="shape" width="120" height="80" fill="#e53935"/></svg>'), 'image/svg+xml');
  await configure();
});

describe('bad and odd pictures', () => {
  it('the corpus holds at least 30 cases, each with its own addresses', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((test) => test.id)).size).toBe(CASES.length);
  });

  // The 30-second download limit is one case's own wait; the rest take a second or two each.
  it.each(CASES)('$name', { timeout: 90_000 }, async (test) => {
    await configure(test.settings);
    const spentBefore = await spendEntries();
    const where = await ask(test);
    if ('refused' in test.expect) await expectRefused(test, test.expect, where, spentBefore);
    else await expectSent(test, test.expect.sent, where, spentBefore);
    test.check?.();
    if (test.fetchesNothingElse) expect(site.requests.filter((r) => r.path.startsWith(`/bad/${test.id}/`)), 'the picture’s references fetched').toEqual([]);
    // The extension's own downloads never carry the page's cookie (the page itself, opened as if
    // typed, does: the sites set one on every page).
    const downloads = site.requests.filter((r) => r.path.startsWith(`/bad/${test.id}`) && fromExtension(r));
    for (const request of downloads) expect(request.headers.cookie, `the cookie on the extension's download of ${request.path}`).toBeUndefined();
  });
});
