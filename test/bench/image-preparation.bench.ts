/**
 * `npm run bench`: what preparing a big photo costs, measured in the real extension in Chromium.
 * A 6000x4000 JPEG (made by Chromium) is asked about at low and high detail for gpt-4o, several
 * times each: the time from reading the picture to having it ready to send (fetch, header check,
 * decode, resize, encode), as the extension itself measured it, and the bytes sent against the
 * original. The figures go to the one table of scripts/bench.mjs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { decodeSent, imageUrlOf } from '../e2e/support/decode';
import { Extension } from '../e2e/support/extension';
import { OptionsPage } from '../e2e/support/pages';
import { makePhoto } from '../e2e/support/photo';
import { TestSite } from '../e2e/support/site';
import { record } from './support/figures';

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
