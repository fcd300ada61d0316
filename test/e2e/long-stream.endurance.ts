/**
 * A six-minute answer, in real Chromium with real time: past the five minutes after which Chrome
 * may stop a busy extension worker, the answer still completes and is billed once.
 */
import { expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

it('a six-minute stream completes, whole, and is billed once', { timeout: 480_000 }, async () => {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', api: 'Chat Completions', sendImagesAs: 'url' });
  await options.page.close();
  // 37 words, one every 10 seconds: the last arrives after six minutes.
  const text = Array.from({ length: 37 }, (_, i) => `word${i + 1}`).join(' ');
  server.reply({ text, chunkDelayMs: 10_000, usage: { input: 700, output: 37 } });
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
  const popup = await PopupPage.open(suite.extension);
  await expect.poll(() => popup.answer.textContent(), { message: 'the first words, as they come' }).toContain('word1');
  await expect
    .poll(() => popup.answer.textContent(), { message: 'the last word, six minutes on', timeout: 420_000, interval: 2000 })
    .toContain(text);
  // Billed with the server's own count, which comes only at the end of a whole answer: after the
  // last word shows, the answer is finished (and billed) once it is no longer marked as streaming.
  await suite.extension.waitUntilNoAnswerStreams();
  const ledger = await (await suite.extension.worker()).evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
    return ((await local.get('ledger')).ledger as { entries: { input: number; output: number }[] }).entries;
  });
  expect(ledger.map(({ input, output }) => ({ input, output }))).toEqual([{ input: 700, output: 37 }]);
});
