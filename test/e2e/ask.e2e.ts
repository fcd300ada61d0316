/**
 * The foundation, end to end in real Chromium: options, right-click, the request the server gets,
 * the streamed answer in the popup, follow-ups, Stop, the spend meter, and failures in words.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLY, FakeOpenAI } from '../fake-openai/server';
import { Extension } from './support/extension';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';
import { held } from './support/held';

const suite = useBrowserSuite();
const { server, site } = suite;



async function configure(values: Parameters<OptionsPage['save']>[0] = {}) {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'high', api: 'Chat Completions', sendImagesAs: 'url', ...values });
  await options.page.close();
}

async function openPicturesPage() {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  return page;
}

describe('asking about a picture', () => {
  it('sends the picture, question, model and detail, and streams the answer into the popup', async () => {
    await configure({ defaultQuestion: 'Describe this picture.' });
    // The rest of the answer waits until the test has seen its first words on screen: a popup that
    // showed nothing until the answer was whole would never see them.
    const { until: rest, release } = held();
    server.reply({ text: DEFAULT_REPLY.text, chunkDelayMs: 40, pause: { afterChunks: 3, until: rest } });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');

    const request = await server.waitForAsk(1);
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first words, while the server still holds the rest' }).toContain('A red square');
    release();
    await expect.poll(() => popup.answer.textContent()).toContain(DEFAULT_REPLY.text);

    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-e2e-key');
    expect(request.body).toMatchObject({
      model: 'gpt-4.1-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: site.url('/images/red.png'), detail: 'high' } },
            { type: 'text', text: 'Describe this picture.' },
          ],
        },
      ],
    });
    // The popup shows the thumbnail the extension made, never the picture's address, so looking
    // again (the popup, the history) tells the site nothing.
    await expect.poll(() => popup.page.getByRole('img', { name: 'A red rectangle' }).getAttribute('src'), { message: 'the thumbnail' }).toMatch(/^data:image\/jpeg;base64,/);
    const fetches = () => site.requested.filter((path) => path === '/images/red.png').length;
    const before = fetches();
    const again = await PopupPage.open(suite.extension);
    await again.page.getByRole('img', { name: 'A red rectangle' }).waitFor();
    await again.page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => again.page.locator('.history-list img').getAttribute('src'), { message: 'the history\'s thumbnail' }).toMatch(/^data:image\/jpeg;base64,/);
    expect(fetches()).toBe(before);
  });

  it('shows the spend that matches the server\'s usage, per conversation and in total', async () => {
    await configure();
    const page = await openPicturesPage();
    server.reply({ usage: { input: 1000, output: 100 } });
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    const before = await PopupPage.open(suite.extension);
    const totalBefore = await before.spendRow('All time');
    await before.page.close();

    server.reply({ usage: { input: 1234, output: 56 } });
    // Another picture: asking the same one again would be answered from the cache, at no cost.
    await suite.extension.chooseMenuItem(page, '#large', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    // gpt-4.1-mini: $0.40 in and $1.60 out per million tokens.
    await expect.poll(() => popup.spendRow('This conversation')).toEqual(['1,234', '56', '$0.000583']);
    const [inBefore, outBefore] = totalBefore.map((t) => Number(t.replace(/[^0-9.]/g, '')));
    const total = await popup.spendRow('All time');
    expect(Number(total[0]!.replace(/,/g, ''))).toBe(inBefore! + 1234);
    expect(Number(total[1]!.replace(/,/g, ''))).toBe(outBefore! + 56);
  });

  it('sends the picture actually shown by <picture>, not its fallback src', async () => {
    await configure();
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#in-picture', 'ask-image', { waitForAnswer: true });
    const body = (await server.waitForAsk(1)).body as { messages: { content: { image_url?: { url: string } }[] }[] };
    expect(body.messages[0]!.content[0]!.image_url?.url).toBe(site.url('/images/green.png'));
  });

  it('keeps streaming with the popup closed, and shows the whole answer when it opens again', async () => {
    await configure();
    server.reply({ text: 'one two three four five six seven eight nine ten', chunkDelayMs: 60 });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const first = await PopupPage.open(suite.extension);
    await expect.poll(() => first.answer.textContent()).toContain('one');
    await first.page.close();
    expect(await (await server.waitForAsk(1)).closed).toBe('finished');
    const again = await PopupPage.open(suite.extension);
    await expect.poll(() => again.answer.textContent()).toContain('one two three four five six seven eight nine ten');
  });
});

describe('follow-ups and Stop', () => {
  it('a follow-up carries the picture and the earlier turns, the first message unchanged', async () => {
    await configure();
    server.reply({ text: 'A red rectangle.' });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent()).toContain('A red rectangle.');

    server.reply({ text: 'It is 200 pixels wide.' });
    await popup.followUp('How wide is it?');
    await expect.poll(() => popup.answer.textContent()).toContain('It is 200 pixels wide.');

    const [first, second] = server.asks.map((r) => r.body as { messages: unknown[] });
    expect(JSON.stringify(second!.messages[0])).toBe(JSON.stringify(first!.messages[0]));
    expect(second!.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'A red rectangle.' },
      { role: 'user', content: 'How wide is it?' },
    ]);
    expect(await popup.question.inputValue()).toBe('');
  });

  it('Stop aborts the server\'s stream and keeps what arrived', async () => {
    await configure();
    // The server holds the rest of the answer until Stop is clicked, so Stop always lands midway.
    const { until: rest, release } = held();
    server.reply({ text: 'word '.repeat(300), chunkDelayMs: 30, pause: { afterChunks: 5, until: rest } });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent()).toContain('word word');
    await popup.stop.click();

    expect(await (await server.waitForAsk(1)).closed).toBe('aborted');
    release();
    await popup.page.getByText('Stopped.').waitFor();
    const shown = (await popup.answer.textContent()) ?? '';
    expect(shown).toContain('word word');
    expect(shown.match(/word/g)!.length).toBeLessThan(300);
    await expect.poll(() => popup.stop.count()).toBe(0);
  });
});

describe('failures in clear words', () => {
  it('without a key, says so, links to the options, sends nothing, and lists nothing in the history', async () => {
    // A fresh profile has no key; saving with an empty field keeps "no key".
    const fresh = await Extension.launch();
    try {
      const options = await OptionsPage.open(fresh);
      await options.save({ baseUrl: server.url });
      const page = await fresh.context.newPage();
      await page.goto(site.url('/pictures.html'));
      await fresh.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
      const popup = await PopupPage.open(fresh);
      await popup.page.getByText('Add your API key in the options to ask about pictures. Nothing was sent.').waitFor();
      expect(await popup.page.getByRole('link', { name: 'Open the options' }).getAttribute('href')).toBe('options.html');
      expect(server.requests).toHaveLength(0);
      // An attempt that sent nothing is not an answer: the history does not list it.
      await popup.page.getByRole('button', { name: 'History' }).click();
      await popup.page.getByText('No conversations yet.').waitFor();
    } finally {
      await fresh.close();
    }
  });

  it('an HTTP error shows the status and the server\'s own message', async () => {
    await configure();
    server.reply({ status: 401, error: { message: 'Incorrect API key provided: sk-e2e-key.', code: 'invalid_api_key' } });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await popup.page
      .getByText('The server answered 401 Unauthorized: Incorrect API key provided: sk-e2e-key. Check the API key in the options.')
      .waitFor();
  });

  it('a server that cannot be reached is named', async () => {
    const gone = new FakeOpenAI();
    await gone.start();
    const deadUrl = gone.url;
    await gone.stop();
    await configure({ baseUrl: deadUrl });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText(`Could not reach ${new URL(deadUrl).host}`).waitFor();
  });

  it('an answer cut off keeps what arrived and says it was cut', async () => {
    await configure();
    let breakConnection = () => {};
    const broken = new Promise<void>((resolve) => (breakConnection = resolve));
    server.reply({ text: 'The first part arrived and then', chunkDelayMs: 20, cut: { afterChunks: 4, how: 'destroy', after: broken } });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    // The connection breaks once the first words are on screen: those are what arrived.
    await expect.poll(() => popup.answer.textContent(), { message: 'the first words arrive' }).toContain('The first part arrived');
    breakConnection();
    await popup.page.getByText('The answer was cut off: the connection broke before the server finished.', { exact: false }).waitFor();
    expect(await popup.answer.textContent()).toContain('The first part arrived');
  });
});

describe('the Responses API', () => {
  it('sends a valid Responses request and streams its answer', async () => {
    await configure({ api: 'Responses', detail: 'low' });
    server.reply({ text: 'Answered through Responses.' });
    const page = await openPicturesPage();
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    const request = await server.waitForAsk(1);
    expect(request.path).toBe('/v1/responses');
    expect(request.body).toMatchObject({
      input: [{ role: 'user', content: [{ type: 'input_image', image_url: site.url('/images/red.png'), detail: 'low' }, { type: 'input_text' }] }],
    });
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent()).toContain('Answered through Responses.');
  });
});
