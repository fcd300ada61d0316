/**
 * Servers that are slow the way local models on a CPU are, in real Chromium, with nothing faked
 * about time: Chrome stops an idle extension worker after 30 seconds, so these prove the worker
 * stays alive while it waits, and that a server that stops sending is given up on in words.
 */
import { describe, expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

async function ask(): Promise<PopupPage> {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', api: 'Chat Completions', sendImagesAs: 'url' });
  await options.page.close();
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  // Not waiting for the answer: the popup watches it come.
  await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
  return PopupPage.open(suite.extension);
}

describe('a slow server', () => {
  it('a first word 45 seconds late still arrives, and the answer completes', { timeout: 120_000 }, async () => {
    server.reply({ text: 'Thought about it for a long while.', firstByteDelayMs: 45_000 });
    const popup = await ask();
    // Nothing for 45 seconds: the popup says the question is out, and the worker keeps waiting.
    await popup.page.getByText('Asking…').waitFor();
    await expect
      .poll(() => popup.answer.textContent(), { message: 'the late answer arrives whole', timeout: 90_000, interval: 1000 })
      .toContain('Thought about it for a long while.');
    await popup.page.getByRole('button', { name: 'Copy answer' }).waitFor({ timeout: 30_000 });
    expect(await popup.page.getByText('cut off', { exact: false }).count()).toBe(0);
    expect(server.asks).toHaveLength(1);
  });

  it('a stream that stops sending is abandoned after three minutes, keeping what arrived', { timeout: 300_000 }, async () => {
    // Three words, then silence with the connection left open.
    server.reply({ text: 'These three words and then nothing more.', cut: { afterChunks: 3, how: 'end', after: new Promise(() => {}) } });
    const popup = await ask();
    await expect.poll(() => popup.answer.textContent(), { message: 'the first words arrive' }).toContain('These three words');
    await popup.page
      .getByText('The answer was cut off: The server stopped sending in the middle of the answer, so it was abandoned.')
      .waitFor({ timeout: 240_000 });
    expect(await popup.answer.textContent()).toContain('These three words');
    await popup.page.getByRole('button', { name: 'Retry' }).waitFor();
  });
});
