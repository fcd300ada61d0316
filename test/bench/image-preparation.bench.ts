/**
 * `npm run bench`: what preparing a big photo costs, measured in the real extension in Chromium.
 * A 6000x4000 JPEG (made by Chromium) is asked about at low and high detail for gpt-4o, several
 * times each: the time from reading the picture to having it ready to send (fetch, header check,
 * decode, resize, encode), as the extension itself measured it, and the bytes sent against the
 * original. The figures go to the one table of scripts/bench.mjs.
 *
 * Then what each format and quality keeps of the model's view (support/fidelity.ts), for the
 * benchmark's photos, a screenshot and drawings: the figures the qualities in
 * utils/image/encode-quality.ts were chosen from, printed as a table of their own.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { decodeSent, imageUrlOf } from '../e2e/support/decode';
import { Extension } from '../e2e/support/extension';
import { OptionsPage } from '../e2e/support/pages';
import { makePhoto } from '../e2e/support/photo';
import { TestSite } from '../e2e/support/site';
import { JPEG_QUALITY, WEBP_QUALITY } from '../../utils/image/encodings';
import { targetSize } from '../../utils/image/target-size';
import { measureEncodings, type Encoding, type Measured } from './support/fidelity';
import { record, recordTable } from './support/figures';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7) - 4);
const server = new FakeOpenAI();
const site = new TestSite();
let extension: Extension;
let original = 0;

type Sent = { width: number; height: number; bytes: number; originalBytes: number; preparedMs: number };

beforeAll(async () => {
  await Promise.all([server.start(), site.start()]);
  extension = await Extension.launch();
  const photo = await makePhoto(extension.context);
  original = photo.length;
  site.serve('/images/generated/photo-6000x4000.jpg', photo, 'image/jpeg');
  // The speed benchmark's photo too (test/bench/speed.bench.ts), made the same way.
  site.serve('/images/generated/photo-12mp.jpg', await makePhoto(extension.context, { width: 4000, height: 3000, quality: 0.92 }), 'image/jpeg');
});
afterAll(async () => {
  await extension?.close();
  await Promise.all([server.stop(), site.stop()]);
});

async function lastSentImage(): Promise<Sent> {
  return extension.inWorker(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string | null): Promise<Record<string, unknown>> } } } };
    const { latestConversationId } = (await chrome.storage.local.get('latestConversationId')) as { latestConversationId: string };
    const key = `conversation:${latestConversationId}`;
    const conversation = (await chrome.storage.local.get(key))[key] as { turns: { sentImage: Sent }[] };
    return conversation.turns[0]!.sentImage;
  });
}

it('prepares a 6000x4000 JPEG for gpt-4o at low and high detail', { timeout: 300_000 }, async () => {
  for (const detail of ['low', 'high'] as const) {
    const options = await OptionsPage.open(extension);
    await options.save({ apiKey: 'sk-bench', baseUrl: server.url, model: 'gpt-4o', detail, sendImagesAs: 'bytes' });
    await options.page.close();
    const times: number[] = [];
    let sent: Sent | undefined;
    for (let run = 0; run < RUNS; run += 1) {
      server.reset();
      await extension.clearAnswerCache();
      const page = await extension.context.newPage();
      await page.goto(site.url('/formats.html'));
      await extension.chooseMenuItem(page, '#generated-photo-6000x4000-jpg', 'ask-image', { waitForAnswer: true });
      const picture = await decodeSent(page, imageUrlOf((await server.waitForAsk(1)).body));
      sent = await lastSentImage();
      expect([picture.width, picture.height]).toEqual([sent.width, sent.height]);
      times.push(sent.preparedMs);
      await page.close();
    }
    record({
      id: `p-prepare-${detail}`,
      label: `preparing a 6000x4000 JPEG (${(original / 1048576).toFixed(1)} MB) for gpt-4o, ${detail} detail: fetch, check, decode, resize, encode`,
      unit: 'ms',
      samples: times,
      note: `sent ${sent!.width}x${sent!.height}, ${(sent!.bytes / 1024).toFixed(0)} kB (${((100 * sent!.bytes) / original).toFixed(1)} % of the original)`,
    });
  }
});

const QUALITIES = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
/** Finer where WebP crosses JPEG 0.85's fidelity on the grainy photos. */
const WEBP_QUALITIES = [...QUALITIES, 0.76, 0.77, 0.78, 0.79].sort((a, b) => a - b);
const ENCODINGS: Encoding[] = [
  ...QUALITIES.map((quality) => ({ type: 'image/jpeg' as const, quality })),
  ...WEBP_QUALITIES.map((quality) => ({ type: 'image/webp' as const, quality })),
  { type: 'image/webp', quality: 1 },
  { type: 'image/png' },
];

/** A screenshot as people send them: the extension's own options page, text and form controls, 1280x800. */
async function screenshot(): Promise<Uint8Array> {
  const page = await extension.openPage('options.html');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('Base URL', { exact: true }).waitFor();
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return new Uint8Array(png);
}

const name = (e: Encoding) => (e.type === 'image/png' ? 'PNG' : e.type === 'image/webp' && e.quality === 1 ? 'WebP lossless' : `${e.type === 'image/jpeg' ? 'JPEG' : 'WebP'} ${e.quality}`);

it('what each format and quality keeps of the model\'s view', { timeout: 300_000 }, async () => {
  site.serve('/images/generated/screenshot.png', await screenshot(), 'image/png');
  const pictures = [
    { label: 'photo 4000x3000 (grainy, 2.5 MB)', path: '/images/generated/photo-12mp.jpg', width: 4000, height: 3000 },
    { label: 'photo 6000x4000 (grainy)', path: '/images/generated/photo-6000x4000.jpg', width: 6000, height: 4000 },
    { label: 'screenshot 1280x800 (options page)', path: '/images/generated/screenshot.png', width: 1280, height: 800 },
    { label: 'drawing.svg 300x200', path: '/images/drawing.svg', width: 300, height: 200 },
    { label: 'alpha.png 200x150 (transparent)', path: '/images/alpha.png', width: 200, height: 150, transparent: true },
  ];
  const page = await extension.context.newPage();
  await page.goto(site.url('/formats.html'));
  const rows: string[][] = [];
  // The rule WEBP_QUALITY was chosen by (utils/image/encodings.ts): on each opaque picture, the
  // lowest WebP quality whose PSNR and SSIM are at or above what JPEG at JPEG_QUALITY gives it.
  const lowestPerPicture: { label: string; quality: number | undefined }[] = [];
  for (const picture of pictures) {
    // What gpt-4o looks at in high detail: the size prepare.ts draws the picture at.
    const size = targetSize('gpt-4o', 'high', picture.width, picture.height);
    const measured: Measured[] = await measureEncodings(page, site.url(picture.path), size.width, size.height, ENCODINGS);
    for (const m of measured) {
      expect(m.made, `${name(m)} of ${picture.label}`).toBe(m.type);
      rows.push([
        `${picture.label} → ${size.width}x${size.height}`,
        name(m),
        (m.bytes / 1024).toFixed(1),
        (m.bytes * 4 / 3 / 1024).toFixed(1),
        m.psnr === Infinity ? '∞' : m.psnr.toFixed(2),
        m.ssim.toFixed(4),
        m.encodeMs.toFixed(1),
      ]);
    }
    const baseline = measured.find((m) => m.type === 'image/jpeg' && m.quality === JPEG_QUALITY)!;
    if (picture.transparent) continue; // JPEG drops transparency: no baseline to keep.
    const lossyWebp = measured.filter((m) => m.type === 'image/webp' && m.quality !== undefined && m.quality < 1);
    lowestPerPicture.push({ label: picture.label, quality: lossyWebp.find((m) => m.psnr >= baseline.psnr && m.ssim >= baseline.ssim)?.quality });
  }
  const qualities = lowestPerPicture.map((p) => p.quality ?? Infinity);
  const chosen = Math.max(...qualities);
  await page.close();
  recordTable({
    id: 'q-encodings',
    title: 'Encodings of the model\'s view (gpt-4o, high detail), against the view drawn unencoded; encode time: median of 3, in a page',
    head: ['picture → model\'s view', 'encoding', 'kB', 'kB as base64', 'PSNR dB', 'SSIM', 'encode ms'],
    rows,
    note:
      `Lowest WebP quality at or above JPEG ${JPEG_QUALITY}'s PSNR and SSIM: ${lowestPerPicture.map((p) => `${p.label}: ${p.quality ?? 'none measured'}`).join('; ')}. ` +
      `On every one of them: ${Number.isFinite(chosen) ? chosen : 'none measured'}; utils/image/encodings.ts sends WebP at ${WEBP_QUALITY}` +
      `${chosen === WEBP_QUALITY ? '.' : ' (NOT what this run measured: look again).'}`,
  });
});
