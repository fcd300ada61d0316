/**
 * Everything that goes wrong between the extension and the server, in real Chromium: each ends in a
 * state the user can read and act on, with what arrived kept and nothing sent where it should not go.
 * (A 401, an unreachable server and a connection broken mid-answer are in ask.e2e.ts; a stalled
 * stream and very slow servers in the endurance files.)
 */
import { describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

async function configure(values: Parameters<OptionsPage['save']>[0] = {}) {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', api: 'Chat Completions', sendImagesAs: 'url', ...values });
  await options.page.close();
}

async function askAboutPlainPicture(): Promise<PopupPage> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
  return PopupPage.open(suite.extension);
}

type ChromeInWorker = { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };

async function ledger(): Promise<{ input: number; output: number; conversationId: string }[]> {
  const worker = await suite.extension.worker();
  return worker.evaluate(async () => {
    const { ledger } = await (globalThis as unknown as ChromeInWorker).chrome.storage.local.get('ledger');
    return ((ledger as { entries?: unknown[] } | undefined)?.entries ?? []) as { input: number; output: number; conversationId: string }[];
  });
}

describe('a server that refuses', () => {
  it('429 with retry-after: waits as asked, then answers, and bills only the answer', async () => {
    await configure();
    const before = (await ledger()).length;
    server.reply({ status: 429, headers: { 'retry-after': '1' }, error: { message: 'Rate limit reached for gpt-4.1-mini.' } });
    server.reply({ text: 'Answered after waiting.' });
    const popup = await askAboutPlainPicture();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer after the retry' }).toContain('Answered after waiting.');
    expect(server.asks).toHaveLength(2);
    await expect.poll(async () => (await ledger()).length, { message: 'one ledger entry, for the answer' }).toBe(before + 1);
  });

  it('429 every time: says it is the rate limit and how long the server asks to wait', async () => {
    await configure();
    for (let i = 0; i < 3; i += 1) {
      server.reply({ status: 429, headers: { 'retry-after': '1' }, error: { message: 'Rate limit reached for gpt-4.1-mini.' } });
    }
    const before = (await ledger()).length;
    const popup = await askAboutPlainPicture();
    await popup.page
      .getByText(
        'The server answered 429 Too Many Requests: Rate limit reached for gpt-4.1-mini. You are sending too fast; wait a moment and try again. The server asks to wait 1 second before trying again.',
      )
      .waitFor();
    expect(server.asks).toHaveLength(3);
    await popup.page.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await ledger()).toHaveLength(before);
  });

  it.each([500, 503])('%i every time: the status and the server\'s words, then Retry answers', async (status) => {
    await configure();
    for (let i = 0; i < 3; i += 1) server.reply({ status, error: { message: 'The model is overloaded.' } });
    const popup = await askAboutPlainPicture();
    const name = status === 500 ? 'Internal Server Error' : 'Service Unavailable';
    await popup.page.getByText(`The server answered ${status} ${name}: The model is overloaded.`).waitFor();
    server.reply({ text: 'Back on its feet.' });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer after Retry' }).toContain('Back on its feet.');
  });

  it('a redirect: the key does not follow it, and the user is told once, without retries', async () => {
    const elsewhere = new FakeOpenAI();
    await elsewhere.start();
    try {
      await configure();
      server.reply({ redirectTo: `${elsewhere.url}/chat/completions` });
      const popup = await askAboutPlainPicture();
      await popup.page
        .getByText(`${new URL(server.url).host} tried to send the request on to another address, and your API key does not follow it there.`, { exact: false })
        .waitFor();
      expect(server.asks).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('local servers and their ways', () => {
  it('Ollama turning extensions away: the sentence names OLLAMA_ORIGINS; once allowed, a picture address it refuses goes as bytes', async () => {
    await configure();
    server.ollama = { extensionsAllowed: false };
    let popup = await askAboutPlainPicture();
    await popup.page
      .getByText('The server answered 403 Forbidden: it gave no reason. If this is Ollama, it turns browser extensions away until it is started with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* set', { exact: false })
      .waitFor();
    expect(server.asks).toHaveLength(1);
    await popup.page.close();

    // Started again with OLLAMA_ORIGINS: now the address is refused, and the picture itself is sent.
    server.ollama = { extensionsAllowed: true };
    server.reply({ text: 'Seen as bytes by Ollama.' });
    popup = await askAboutPlainPicture();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer once the bytes went' }).toContain('Seen as bytes by Ollama.');
    await popup.page.getByText('The server could not download the picture from its address, so the extension sent the picture itself.').waitFor();
    const sent = server.asks.slice(1).map((ask) => (ask.body as { messages: { content: { image_url?: { url: string } }[] }[] }).messages[0]!.content[0]!.image_url!.url);
    expect(sent.map((url) => url.slice(0, 5))).toEqual(['http:', 'data:']);
  });

  it.each(['Chat Completions', 'Responses'] as const)('LM Studio with a model that reads text only (%s): says so, and points to the options', async (api) => {
    await configure({ api });
    server.reply({ errorIn200: 'Model does not support images. Please use a model that does.' });
    const popup = await askAboutPlainPicture();
    await popup.page
      .getByText('The model cannot see pictures: Model does not support images. Please use a model that does. Choose a model that takes images in the options.')
      .waitFor();
    await popup.page.getByRole('link', { name: 'Open the options' }).waitFor();
    expect(server.asks).toHaveLength(1);
  });
});

describe('a stream that breaks', () => {
  it.each(['Chat Completions', 'Responses'] as const)('malformed SSE (%s): keeps what arrived and says the answer broke', async (api) => {
    await configure({ api });
    server.reply({ text: 'Two words arrived before the garbage.', malformedAfterChunks: 2 });
    const popup = await askAboutPlainPicture();
    await popup.page.getByText('The server sent something that is not a valid answer', { exact: false }).waitFor();
    expect(await popup.answer.textContent()).toContain('Two words');
    await popup.page.getByRole('button', { name: 'Retry' }).waitFor();
  });

  it('a worker the browser stops mid-answer leaves the answer marked interrupted, with Retry', async () => {
    await configure();
    let release = () => {};
    server.reply({ text: 'These words arrive before the worker is stopped, and these never do.', chunkDelayMs: 30, cut: { afterChunks: 4, how: 'end', after: new Promise<void>((resolve) => (release = resolve)) } });
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first words arrive' }).toContain('These words arrive');

    // What Chrome does to an idle or misbehaving extension: its service worker is stopped outright.
    const cdp = await suite.extension.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    release();
    // The next worker starts with the popup's next message and marks the answer.
    await popup.page.reload();
    await popup.page
      .getByText('The answer was interrupted because the browser stopped the extension in the middle of it.', { exact: false })
      .waitFor();
    expect(await popup.answer.textContent()).toContain('These words arrive');
    server.reply({ text: 'The whole answer this time.' });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer after Retry' }).toContain('The whole answer this time.');
  });
});

describe('many at once', () => {
  it('20 asks from 20 tabs land in 20 conversations, and the ledger equals what the server billed', { timeout: 120_000 }, async () => {
    await configure();
    const before = (await ledger()).length;
    const usages = Array.from({ length: 20 }, (_, i) => ({ input: 1000 + i, output: 50 + i }));
    // Streamed slowly enough that they overlap. (Chromium opens at most 6 connections to one
    // HTTP/1.1 server, so the fake server gets them 6 at a time; real APIs speak HTTP/2.)
    for (const usage of usages) server.reply({ text: `Answer ${usage.input}, streamed over several chunks.`, usage, chunkDelayMs: 20 });
    // Twenty different pictures: the same picture and question twice would be answered from the cache.
    const pages = await Promise.all(
      usages.map(async (_, i) => {
        const page = await suite.extension.context.newPage();
        await page.goto(site.url('/pictures.html'));
        await page.$eval('#plain', async (img, shade) => {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 64;
          const pen = canvas.getContext('2d')!;
          pen.fillStyle = `rgb(${shade}, 40, 40)`;
          pen.fillRect(0, 0, 64, 64);
          (img as HTMLImageElement).src = canvas.toDataURL('image/png');
          await (img as HTMLImageElement).decode();
        }, 60 + i * 9);
        return page;
      }),
    );
    for (const page of pages) await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    await server.waitForAsk(20);
    await suite.extension.waitUntilNoAnswerStreams(60_000);

    const entries = (await ledger()).slice(before);
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.conversationId)).size).toBe(20);
    const billed = (list: { input: number; output: number }[]) =>
      list.reduce((sum, u) => ({ input: sum.input + u.input, output: sum.output + u.output }), { input: 0, output: 0 });
    expect(billed(entries)).toEqual(billed(usages));
    // Each conversation holds the answer its own request got, and is billed for that request.
    const worker = await suite.extension.worker();
    const answers = await worker.evaluate(async (ids) => {
      const local = (globalThis as unknown as ChromeInWorker).chrome.storage.local;
      return Promise.all(
        ids.map(async (id) => ((await local.get(`conversation:${id}`))[`conversation:${id}`] as { turns: { answer: string }[] }).turns[0]!.answer),
      );
    }, entries.map((e) => e.conversationId));
    expect(answers).toEqual(entries.map((e) => `Answer ${e.input}, streamed over several chunks.`));
  });
});
