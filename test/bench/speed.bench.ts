/**
 * `npm run bench`: where speed is felt (issue 12), in the built extension in real Chromium against
 * the fake server, each figure beside its floor measured in the same run:
 * - right-click → the request at the server, URL mode, warm worker; floor: a bare fetch from the worker;
 * - the same in bytes mode for a 12 MP JPEG at high detail; the simple way: download the whole
 *   file, base64 it, send it; beside it, the same photo prepared alone in the worker with the
 *   browser's own codecs, with no popup opening, which no preparation can beat on this machine;
 * - the same on modelled 5, 20 and 100 Mbit/s uplinks (each run's loopback time plus its request
 *   body at that rate), for the extension and for the simple way: on loopback sending costs nothing;
 * - the encoders for that photo, JPEG and WebP, each end to end (download, decode, draw at the model's
 *   size, encode, base64, send) in the worker, alternating which goes first, on loopback and on the
 *   same modelled uplinks: what utils/image/encodings.ts chooses by;
 * - what that photo weighs on the wire, against the original as base64;
 * - the server's first words → the text painted in an open popup; floor: a bare streamed fetch in
 *   the worker, handed to the page by message and painted;
 * - navigating to the popup → the stored answer painted; floor: a bare page of the extension that
 *   reads the same answer from storage and puts it in the page as text (added to a copy of the build);
 * - the memory of the extension's process and of the whole browser.
 * Times are read on one clock (ms since the epoch) in the worker, the pages and the fake server.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI, type RecordedRequest } from '../fake-openai/server';
import { imageUrlOf } from '../e2e/support/decode';
import { EXTENSION_DIR, Extension } from '../e2e/support/extension';
import { OptionsPage, PopupPage } from '../e2e/support/pages';
import { makePhoto } from '../e2e/support/photo';
import { TestSite } from '../e2e/support/site';
import { JPEG_QUALITY, WEBP_QUALITY } from '../../utils/image/encodings';
import { targetSize } from '../../utils/image/target-size';
import { now, record, recordTable } from './support/figures';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const server = new FakeOpenAI();
const site = new TestSite();
let extension: Extension;
let profile: string;
let build: string;
let photoMegabytes = 0;
const memory: { extension: number[]; browser: number[] } = { extension: [], browser: [] };

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pictures</title></head><body>
<img id="plain" src="/images/red.png" alt="A red rectangle" width="200" height="150">
<img id="photo" src="/images/generated/photo-12mp.jpg" alt="" width="400" height="300">
</body></html>`;

/** A stored answer as a model writes one: headings, a list, emphasis, a link, a table. */
const MARKDOWN = [
  '## What the picture shows',
  '',
  'A **red rectangle** fills the frame. Its edges are *sharp*, and nothing else is in view.',
  '',
  '- The colour is an even, saturated red.',
  '- There is no text, no texture and no shadow.',
  '- The proportions are about **4:3**.',
  '',
  '| part | colour |',
  '|---|---|',
  '| fill | red |',
  '| border | none |',
  '',
  'It may be a placeholder; see [the page](https://example.com/) for context.',
  '',
  'In short: a flat red shape, ending here with Ambergris.',
].join('\n');

beforeAll(async () => {
  await Promise.all([server.start(), site.start()]);
  profile = await mkdtemp(join(tmpdir(), 'ask-image-bench-'));
  // A copy of the build with one probe page beside the extension's own: the floor of painting a
  // stored answer (two storage reads, the text put in the page, no framework, no markdown).
  build = await mkdtemp(join(tmpdir(), 'ask-image-bench-build-'));
  await cp(EXTENSION_DIR, build, { recursive: true });
  await writeFile(join(build, 'bench-floor.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><div role="log" id="log"></div><script src="bench-floor.js"></script></body></html>');
  await writeFile(
    join(build, 'bench-floor.js'),
    `chrome.storage.local.get('latestConversationId')
      .then(({ latestConversationId }) => chrome.storage.local.get('conversation:' + latestConversationId))
      .then((items) => { document.getElementById('log').textContent = Object.values(items)[0].turns.map((turn) => turn.answer).join('\\n'); });`,
  );
  extension = await Extension.launch({ userDataDir: profile, extensionDir: build });
  // 12 MP, about the size of a phone's photo (its grain makes it 2.5 MB, and hard to compress).
  const photo = await makePhoto(extension.context, { width: 4000, height: 3000, quality: 0.92 });
  photoMegabytes = photo.length / 1024 / 1024;
  site.serve('/images/generated/photo-12mp.jpg', photo, 'image/jpeg');
  site.serve('/generated/bench.html', new TextEncoder().encode(PAGE), 'text/html; charset=utf-8');
});
afterAll(async () => {
  await extension?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  if (build) await rm(build, { recursive: true, force: true });
  await Promise.all([server.stop(), site.stop()]);
});

type WorkerScope = {
  chrome: {
    tabs: { query(query: { url: string }): Promise<{ id?: number }[]> };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
  testApi: { onMenuClicked(info: unknown, tab: unknown): Promise<void> };
  benchAsk?: Promise<void>;
  benchFloor?: Promise<void>;
};

async function configure(values: Parameters<OptionsPage['save']>[0]) {
  const options = await OptionsPage.open(extension);
  await options.save({ apiKey: 'sk-bench', baseUrl: server.url, api: 'Chat Completions', ...values });
  await options.page.close();
}

/**
 * The content script sees a real right-click; then the extension's own menu listener is called
 * as Chrome would call it. Returns the moment the listener was called, on the worker's clock.
 */
async function chooseAsk(page: Page, selector: string, front: Page = page): Promise<number> {
  await page.bringToFront();
  await page.click(selector, { button: 'right' });
  const srcUrl = await page.$eval(selector, (el) => (el as HTMLImageElement).currentSrc);
  if (front !== page) await front.bringToFront();
  return (await extension.worker()).evaluate(
    async ({ srcUrl, pageUrl }) => {
      const scope = globalThis as unknown as WorkerScope;
      const [tab] = await scope.chrome.tabs.query({ url: pageUrl });
      if (!tab) throw new Error(`No tab shows ${pageUrl}`);
      const started = performance.timeOrigin + performance.now();
      scope.benchAsk = scope.testApi.onMenuClicked({ menuItemId: 'ask-image', pageUrl, frameId: 0, editable: false, srcUrl, mediaType: 'image' }, tab);
      return started;
    },
    { srcUrl, pageUrl: page.url() },
  );
}

/** Waits until the ask started by chooseAsk has finished in the worker (answer, spend, cache). */
async function answered(): Promise<void> {
  await (await extension.worker()).evaluate(() => (globalThis as unknown as WorkerScope).benchAsk);
}

/** A request as the extension sends one, sent by a plain fetch from the worker; returns when it started. */
async function bareFetch(body: unknown): Promise<number> {
  return (await extension.worker()).evaluate(
    async ({ url, body }) => {
      const started = performance.timeOrigin + performance.now();
      const response = await fetch(url, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: JSON.stringify(body) });
      await response.text();
      return started;
    },
    { url: `${server.url}/chat/completions`, body },
  );
}

function chatBody(imageUrl: string, detail: string, model: string) {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: imageUrl, detail } }, { type: 'text', text: "What's in this image?" }] }],
    stream: true,
    stream_options: { include_usage: true },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** PSS (kB) of a process, from the kernel: its share of the memory it uses with others. */
async function pss(pid: string): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  return Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
}

/** The PSS of this profile's Chromium: the extension's process(es) and every process of the browser. */
async function sampleMemory(): Promise<void> {
  const processes: { pid: string; ppid: string; args: string }[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const [args, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''), readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')]);
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '';
    processes.push({ pid, ppid, args: args.replace(/\0/g, ' ') });
  }
  const root = processes.find((p) => p.args.includes(`--user-data-dir=${profile}`) && !p.args.includes('--type='));
  if (!root) throw new Error(`No Chromium runs with the profile ${profile}`);
  const tree = new Set([root.pid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of processes) if (tree.has(p.ppid) && !tree.has(p.pid)) (tree.add(p.pid), (grown = true));
  }
  const members = processes.filter((p) => tree.has(p.pid));
  const sizes = await Promise.all(members.map(async (p) => ({ ...p, pss: await pss(p.pid) })));
  const extensionProcesses = sizes.filter((p) => p.args.includes('--extension-process'));
  expect(extensionProcesses.length, 'the extension runs in its own process').toBeGreaterThan(0);
  memory.extension.push(extensionProcesses.reduce((sum, p) => sum + p.pss, 0) / 1024);
  memory.browser.push(sizes.reduce((sum, p) => sum + p.pss, 0) / 1024);
}

it('right-click → request at the server, URL mode, warm worker', { timeout: 120_000 }, async () => {
  await configure({ model: 'gpt-4.1-mini', detail: 'auto', sendImagesAs: 'url' });
  const page = await extension.context.newPage();
  await page.goto(site.url('/generated/bench.html'));
  const asked: number[] = [];
  const floor: number[] = [];
  // The first ask warms the worker and is not counted.
  for (let run = -1; run < RUNS; run += 1) {
    server.reset();
    await extension.clearAnswerCache();
    const started = await chooseAsk(page, '#plain');
    const request = await server.waitForAsk(1);
    await answered();
    expect(imageUrlOf(request.body)).toBe(site.url('/images/red.png'));
    server.reset();
    const bare = await bareFetch(chatBody(site.url('/images/red.png'), 'auto', 'gpt-4.1-mini'));
    const floorRequest = await server.waitForAsk(1);
    if (run < 0) continue;
    asked.push(request.receivedAt - started);
    floor.push(floorRequest.receivedAt - bare);
  }
  await sampleMemory();
  await page.close();
  record({
    id: 'a-click-url',
    label: 'right-click → request at the server, URL mode, warm worker',
    unit: 'ms',
    samples: asked,
    floor: { label: 'a bare fetch from the same worker', samples: floor },
    goal: { max: 30, text: '≤ 30 ms' },
  });
});

/** The two lossy encoders a photo may be sent in, at the qualities encodings.ts gives them. */
const ENCODERS = [
  { name: 'JPEG', type: 'image/jpeg', quality: JPEG_QUALITY },
  { name: 'WebP', type: 'image/webp', quality: WEBP_QUALITY },
] as const;

/**
 * One encoder end to end, as prepare.ts does it but with the encoder fixed: download the photo,
 * decode it, draw it at the model's size, encode, base64, and send it as the extension's request.
 * Returns when it started (on the shared clock), how long the encoding alone took, and the body's length.
 */
async function encodedAndSent(photoUrl: string, view: { width: number; height: number }, encoder: (typeof ENCODERS)[number]) {
  return (await extension.worker()).evaluate(
    async ({ photoUrl, view, type, quality, url, body }) => {
      const started = performance.timeOrigin + performance.now();
      const blob = await (await fetch(photoUrl, { credentials: 'omit' })).blob();
      const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      const canvas = new OffscreenCanvas(view.width, view.height);
      const context = canvas.getContext('2d')!;
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, view.width, view.height);
      bitmap.close();
      const encodeStart = performance.now();
      const encoded = await canvas.convertToBlob({ type, quality });
      const encodeMs = performance.now() - encodeStart;
      const dataUrl = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(encoded);
      });
      const content = [{ type: 'image_url', image_url: { url: dataUrl, detail: 'high' } }, ...body.messages[0]!.content.slice(1)];
      const text = JSON.stringify({ ...body, messages: [{ role: 'user', content }] });
      const response = await fetch(url, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: text });
      await response.text();
      return { started, encodeMs, bodyBytes: text.length, pictureBytes: encoded.size };
    },
    { photoUrl, view, type: encoder.type, quality: encoder.quality, url: `${server.url}/chat/completions`, body: chatBody('', 'high', 'gpt-4o') },
  );
}

/** Home and office uplinks the bytes-mode figure is modelled on, in Mbit/s. */
const UPLINKS_MBIT = [5, 20, 100] as const;

it('right-click → request at the server, bytes mode, a 12 MP JPEG at high detail', { timeout: 120_000 }, async () => {
  await configure({ model: 'gpt-4o', detail: 'high', sendImagesAs: 'bytes' });
  const page = await extension.context.newPage();
  await page.goto(site.url('/generated/bench.html'));
  const photoUrl = site.url('/images/generated/photo-12mp.jpg');
  const asked: number[] = [];
  const simple: number[] = [];
  const sent: number[] = [];
  const whole: number[] = [];
  const alone: number[] = [];
  // Each request's body, in bytes (JSON of base64 is ASCII), for the modelled uplinks below.
  const bodyBytes: number[] = [];
  const simpleBodyBytes: number[] = [];
  // Each encoder end to end: loopback time, request body, encoding time, picture bytes.
  const byEncoder = Object.fromEntries(ENCODERS.map((e) => [e.name, { ms: [] as number[], body: [] as number[], encodeMs: [] as number[], picture: [] as number[] }]));
  // What the model looks at, as prepare.ts draws it for gpt-4o at high detail.
  const view = targetSize('gpt-4o', 'high', 4000, 3000);
  const runs = Math.max(3, RUNS - 2);
  for (let run = -1; run < runs; run += 1) {
    server.reset();
    await extension.clearAnswerCache();
    const started = await chooseAsk(page, '#photo');
    const request = await server.waitForAsk(1);
    await answered();
    const dataUrl = imageUrlOf(request.body);
    expect(dataUrl).toMatch(/^data:image\//);
    server.reset();
    const { started: plainStart, length } = await (await extension.worker()).evaluate(
      async ({ photoUrl, url, body }) => {
        const started = performance.timeOrigin + performance.now();
        const blob = await (await fetch(photoUrl, { credentials: 'omit' })).blob();
        const dataUrl = await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result as string);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(blob);
        });
        const content = [{ type: 'image_url', image_url: { url: dataUrl, detail: 'high' } }, ...body.messages[0]!.content.slice(1)];
        const response = await fetch(url, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
          body: JSON.stringify({ ...body, messages: [{ role: 'user', content }] }),
        });
        await response.text();
        return { started, length: dataUrl.length };
      },
      { photoUrl, url: `${server.url}/chat/completions`, body: chatBody('', 'high', 'gpt-4o') },
    );
    const simpleRequest: RecordedRequest = await server.waitForAsk(1);
    // The least any preparation of that photo does, with the browser's own codecs, in the same
    // worker but with no popup opening beside it: download, decode, draw at the model's size,
    // encode as the extension encodes a photo for OpenAI, base64. Nothing is sent.
    const preparedMs = await (await extension.worker()).evaluate(
      async ({ photoUrl, view, quality }) => {
        const started = performance.now();
        const blob = await (await fetch(photoUrl, { credentials: 'omit' })).blob();
        const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
        const canvas = new OffscreenCanvas(view.width, view.height);
        const context = canvas.getContext('2d')!;
        context.imageSmoothingQuality = 'high';
        context.drawImage(bitmap, 0, 0, view.width, view.height);
        bitmap.close();
        const encoded = await canvas.convertToBlob({ type: 'image/webp', quality });
        await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result as string);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(encoded);
        });
        return performance.now() - started;
      },
      { photoUrl, view, quality: WEBP_QUALITY },
    );
    // Both encoders, the first one alternating from run to run so neither always meets a warmer worker.
    const order = run % 2 === 0 ? ENCODERS : [...ENCODERS].reverse();
    const encoderRuns: { name: string; ms: number; body: number; encodeMs: number; picture: number }[] = [];
    for (const encoder of order) {
      server.reset();
      const sentWith = await encodedAndSent(photoUrl, view, encoder);
      const arrived = await server.waitForAsk(1);
      encoderRuns.push({ name: encoder.name, ms: arrived.receivedAt - sentWith.started, body: sentWith.bodyBytes, encodeMs: sentWith.encodeMs, picture: sentWith.pictureBytes });
    }
    if (run < 0) continue;
    for (const e of encoderRuns) {
      const kept = byEncoder[e.name]!;
      kept.ms.push(e.ms);
      kept.body.push(e.body);
      kept.encodeMs.push(e.encodeMs);
      kept.picture.push(e.picture);
    }
    alone.push(preparedMs);
    asked.push(request.receivedAt - started);
    simple.push(simpleRequest.receivedAt - plainStart);
    sent.push(dataUrl.length / 1024);
    whole.push(length / 1024);
    bodyBytes.push(JSON.stringify(request.body).length);
    simpleBodyBytes.push(JSON.stringify(simpleRequest.body).length);
  }
  await sampleMemory();
  await page.close();
  record({
    id: 'b-click-bytes',
    label: `the same, bytes mode, 12 MP JPEG (${photoMegabytes.toFixed(1)} MB), high detail, gpt-4o`,
    unit: 'ms',
    samples: asked,
    floor: { label: 'download + base64 of the whole file, sent', samples: simple },
    goal: { max: 400, notAboveFloor: true, text: '≤ 400 ms and ≤ the simple way' },
  });
  record({
    id: 'b-prepare-alone',
    label: `that photo prepared alone in the worker, no popup opening: download, decode, draw at ${view.width}x${view.height}, WebP ${WEBP_QUALITY}, base64 (not sent)`,
    unit: 'ms',
    samples: alone,
  });
  // On loopback a 3.4 MB body costs nothing, so the simple way looks good; on a home uplink it does
  // not. A model, not a measurement: each run's loopback time plus its body at the uplink's rate.
  for (const mbits of UPLINKS_MBIT) {
    const bytesPerMs = (mbits * 1_000_000) / 8 / 1000;
    record({
      id: `b-uplink-${mbits}`,
      label: `the same on a ${mbits} Mbit/s uplink (modelled: loopback time + request body at ${mbits} Mbit/s)`,
      unit: 'ms',
      samples: asked.map((ms, i) => ms + bodyBytes[i]! / bytesPerMs),
      floor: { label: 'the simple way on that uplink (modelled alike)', samples: simple.map((ms, i) => ms + simpleBodyBytes[i]! / bytesPerMs) },
      ...(mbits === 20 ? { goal: { maxRatio: 0.5, text: '≤ 0.5 × the simple way' } } : {}),
    });
  }
  // The encoders side by side, each end to end, on loopback and on each modelled uplink: JPEG's row,
  // with WebP's as its floor, so the ratio says which is quicker there (below 1: JPEG).
  const jpeg = byEncoder.JPEG!;
  const webp = byEncoder.WebP!;
  const onUplink = (kept: typeof jpeg, mbits: number | undefined) =>
    mbits === undefined ? kept.ms : kept.ms.map((ms, i) => ms + kept.body[i]! / ((mbits * 1_000_000) / 8 / 1000));
  const encoderRows: string[][] = [];
  for (const mbits of [undefined, ...UPLINKS_MBIT]) {
    const where = mbits === undefined ? 'loopback' : `${mbits} Mbit/s`;
    record({
      id: `b-encoder-${mbits ?? 'loopback'}`,
      label: `that photo end to end (download, decode, draw, encode, base64, send) as JPEG ${JPEG_QUALITY}, ${mbits === undefined ? 'on loopback' : `on a ${mbits} Mbit/s uplink (modelled)`}`,
      unit: 'ms',
      samples: onUplink(jpeg, mbits),
      floor: { label: `the same as WebP ${WEBP_QUALITY}`, samples: onUplink(webp, mbits) },
    });
    const [j, w] = [median(onUplink(jpeg, mbits)), median(onUplink(webp, mbits))];
    encoderRows.push([where, `${Math.round(j)} ms`, `${Math.round(w)} ms`, j <= w ? `JPEG, by ${Math.round(w - j)} ms` : `WebP, by ${Math.round(j - w)} ms`]);
  }
  recordTable({
    id: 'encoders',
    title: `JPEG ${JPEG_QUALITY} or WebP ${WEBP_QUALITY} for the ${photoMegabytes.toFixed(1)} MB photo at ${view.width}x${view.height}, end to end, medians of ${jpeg.ms.length} runs`,
    head: ['uplink', 'JPEG', 'WebP', 'quicker'],
    rows: encoderRows,
    note:
      `Encoding alone: JPEG ${Math.round(median(jpeg.encodeMs))} ms, WebP ${Math.round(median(webp.encodeMs))} ms; ` +
      `picture JPEG ${Math.round(median(jpeg.picture) / 1024)} kB, WebP ${Math.round(median(webp.picture) / 1024)} kB; ` +
      `request body JPEG ${Math.round(median(jpeg.body) / 1024)} kB, WebP ${Math.round(median(webp.body) / 1024)} kB.`,
  });
  record({
    id: 'c-bytes-sent',
    label: 'bytes sent for that photo at high detail (base64)',
    unit: 'kB',
    samples: sent,
    floor: { label: 'the original as base64', samples: whole },
    goal: { maxRatio: 1 / 20, text: '≤ 1/20 of the original' },
  });
});

it('the server\'s first words → text painted in an open popup', { timeout: 120_000 }, async () => {
  await configure({ model: 'gpt-4.1-mini', detail: 'auto', sendImagesAs: 'url' });
  const page = await extension.context.newPage();
  await page.goto(site.url('/generated/bench.html'));
  const popup = await PopupPage.open(extension);
  const shown: number[] = [];
  const floor: number[] = [];
  for (let run = -1; run < RUNS; run += 1) {
    const mark = `Zyzzyva${run + 2}`;
    server.reset();
    await extension.clearAnswerCache();
    const gate = deferred();
    server.reply({ text: `${mark} is the first word. Then the rest of a short answer follows, word by word.`, holdUntil: gate.promise, chunkDelayMs: 5 });
    await chooseAsk(page, '#plain', popup.page);
    await server.waitForAsk(1);
    // The popup shows the new question, waiting for its answer, before the first word is let go.
    await popup.page.getByText("What's in this image?").waitFor();
    await popup.page.locator('.turn .working').waitFor();
    const painted = await watchForText(popup.page, mark);
    const released = now();
    gate.release();
    const paintedAt = await painted();
    await answered();
    // The floor: the same first word, read by a plain streamed fetch in the worker, handed to the
    // page by a runtime message, and painted there.
    server.reset();
    const floorGate = deferred();
    const floorMark = `Quokka${run + 2}`;
    server.reply({ text: `${floorMark} and more words.`, holdUntil: floorGate.promise });
    const floorPainted = await popup.page.evaluate((floorMark) => {
      const scope = globalThis as unknown as {
        chrome: { runtime: { onMessage: { addListener(l: (m: unknown) => void): void; removeListener(l: (m: unknown) => void): void } } };
        benchFloor?: Promise<number>;
      };
      scope.benchFloor = new Promise<number>((resolve) => {
        const listener = (message: unknown) => {
          const text = (message as { benchFloor?: string } | null)?.benchFloor;
          if (text !== floorMark) return;
          scope.chrome.runtime.onMessage.removeListener(listener);
          const line = document.createElement('p');
          line.textContent = text;
          document.body.append(line);
          requestAnimationFrame(() => {
            resolve(performance.timeOrigin + performance.now());
            line.remove();
          });
        };
        scope.chrome.runtime.onMessage.addListener(listener);
      });
      return true;
    }, floorMark);
    expect(floorPainted).toBe(true);
    await (await extension.worker()).evaluate(
      ({ url, body, floorMark }) => {
        const scope = globalThis as unknown as WorkerScope;
        scope.benchFloor = (async () => {
          const response = await fetch(url, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' }, body: JSON.stringify(body) });
          const reader = response.body!.getReader();
          const decoder = new TextDecoder();
          let text = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += decoder.decode(value, { stream: true });
            if (text.includes(floorMark)) {
              await scope.chrome.runtime.sendMessage({ benchFloor: floorMark }).catch(() => undefined);
              break;
            }
          }
          await reader.cancel();
        })();
      },
      { url: `${server.url}/chat/completions`, body: chatBody(site.url('/images/red.png'), 'auto', 'gpt-4.1-mini'), floorMark },
    );
    await server.waitForAsk(1);
    const floorReleased = now();
    floorGate.release();
    const floorAt = await popup.page.evaluate(() => (globalThis as unknown as { benchFloor: Promise<number> }).benchFloor);
    await (await extension.worker()).evaluate(() => (globalThis as unknown as WorkerScope).benchFloor);
    if (run < 0) continue;
    shown.push(paintedAt - released);
    floor.push(floorAt - floorReleased);
  }
  await sampleMemory();
  await page.close();
  await popup.page.close();
  record({
    id: 'd-delta-popup',
    label: 'server\'s first delta → text visible in an open popup',
    unit: 'ms',
    samples: shown,
    floor: { label: 'a bare streamed fetch in the worker → runtime message → painted', samples: floor },
    goal: { max: 50, text: '≤ 50 ms' },
  });
});

/**
 * Starts watching `page` for `text` in the answer log; the returned function resolves with the
 * moment of the frame that paints it (the next animation frame after the change), on the shared clock.
 */
async function watchForText(page: Page, text: string): Promise<() => Promise<number>> {
  await page.evaluate((text) => {
    const scope = globalThis as unknown as { benchPainted?: Promise<number> };
    scope.benchPainted = new Promise<number>((resolve) => {
      const seen = () => document.querySelector('[role="log"]')?.textContent?.includes(text) ?? false;
      const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      if (seen()) return done();
      const observer = new MutationObserver(() => {
        if (!seen()) return;
        observer.disconnect();
        done();
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
  }, text);
  return () => page.evaluate(() => (globalThis as unknown as { benchPainted: Promise<number> }).benchPainted);
}

it('popup navigation → the stored answer painted', { timeout: 120_000 }, async () => {
  await configure({ model: 'gpt-4.1-mini', detail: 'auto', sendImagesAs: 'url' });
  const page = await extension.context.newPage();
  await page.goto(site.url('/generated/bench.html'));
  server.reset();
  await extension.clearAnswerCache();
  server.reply({ text: MARKDOWN });
  await chooseAsk(page, '#plain');
  await answered();
  await page.close();
  const painted: number[] = [];
  const formatted: number[] = [];
  const floor: number[] = [];
  for (let run = -1; run < RUNS; run += 1) {
    const popupAt = await paintedAfterNavigation('popup.html');
    const floorAt = await paintedAfterNavigation('bench-floor.html');
    if (run < 0) continue;
    painted.push(popupAt.words);
    formatted.push(popupAt.formatted);
    floor.push(floorAt.words);
  }
  await sampleMemory();
  record({
    id: 'e-popup-paint',
    label: 'popup navigation → stored answer painted',
    unit: 'ms',
    samples: painted,
    floor: { label: 'a bare extension page: the same answer read from storage, put in as text', samples: floor },
    // Beside the absolute goal, the ratio: both pages pay the same browser costs (a new renderer,
    // the storage round trip), which a busy machine inflates alike (issue 22).
    goal: { max: 100, maxRatio: 1.2, text: '≤ 100 ms and ≤ 1.2 × the floor' },
  });
  record({
    id: 'e-popup-formatted',
    label: 'popup navigation → the same answer painted as formatted markdown',
    unit: 'ms',
    samples: formatted,
    floor: { label: 'the bare extension page, as above', samples: floor },
  });
  record({
    id: 'm-memory-extension',
    label: 'memory (PSS) of the extension\'s process: worker and open pages',
    unit: 'MB',
    samples: memory.extension,
    note: 'sampled after each figure above',
  });
  record({
    id: 'm-memory-browser',
    label: 'memory (PSS) of the whole Chromium with the extension',
    unit: 'MB',
    samples: memory.browser,
    note: 'sampled after each figure above',
  });
});

/**
 * Opens `path` of the extension in a new tab: the time from navigation to the frame that paints the
 * stored answer's words, and to the frame that paints it formatted (its markdown table rendered),
 * on the page's own clock (0 = navigation start).
 */
async function paintedAfterNavigation(path: string): Promise<{ words: number; formatted: number }> {
  const page = await extension.context.newPage();
  try {
    // Watches from the first moment of the new document, before any of its scripts run.
    await page.addInitScript(() => {
      const scope = globalThis as unknown as { benchPainted?: number; benchFormatted?: number };
      const log = () => document.querySelector('[role="log"]');
      const observer = new MutationObserver(() => {
        if (scope.benchPainted === undefined && log()?.textContent?.includes('Ambergris')) {
          scope.benchPainted = -1;
          requestAnimationFrame(() => (scope.benchPainted = performance.now()));
        }
        if (scope.benchFormatted === undefined && log()?.querySelector('table')) {
          scope.benchFormatted = -1;
          observer.disconnect();
          requestAnimationFrame(() => (scope.benchFormatted = performance.now()));
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(extension.url(path));
    const at = await page.waitForFunction(() => {
      const scope = globalThis as unknown as { benchPainted?: number; benchFormatted?: number };
      return (scope.benchPainted ?? -1) >= 0 && (location.pathname !== '/popup.html' || (scope.benchFormatted ?? -1) >= 0) ? { words: scope.benchPainted, formatted: scope.benchFormatted } : null;
    }, undefined, { timeout: 15_000 });
    const { words, formatted } = (await at.jsonValue()) as { words: number; formatted?: number };
    return { words, formatted: formatted ?? NaN };
  } finally {
    await page.close();
  }
}
