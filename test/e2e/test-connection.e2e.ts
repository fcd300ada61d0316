/**
 * "Test connection" in real Chromium: the options page asks the background, which lists the models
 * at the fake server with the typed (or saved) key, and the page says what it found in words.
 */
import { describe, expect, it } from 'vitest';
import { OptionsPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server } = suite;

type ChromeInWorker = { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };

/** Every saved key, as stored: a key that was only tested is not among them. */
const savedKeys = () =>
  suite.extension.inWorker(async () => JSON.stringify((await (globalThis as unknown as ChromeInWorker).chrome.storage.local.get('apiKey')).apiKey ?? {}));

async function typeServer(options: OptionsPage, apiKey: string): Promise<void> {
  await options.page.getByLabel('API key', { exact: true }).fill(apiKey);
  await options.page.getByLabel('Base URL', { exact: true }).fill(server.url);
}

describe('Test connection', () => {
  it('a wrong key: the server\'s 401, said as a sentence that points to the key', async () => {
    server.replyToModels({ status: 401, error: { message: 'Incorrect API key provided.' } });
    const options = await OptionsPage.open(suite.extension);
    await typeServer(options, 'sk-wrong');
    expect(await options.testConnection()).toBe('The server answered 401 Unauthorized: Incorrect API key provided. Check the API key in the options.');
    expect(server.listings).toHaveLength(1);
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-wrong');
    expect(await options.connection.getAttribute('class')).toBe('error');
  });

  it('a good key: the models the server lists, offered in the Model field; the key is not saved by testing it', async () => {
    server.models = ['gpt-4o', 'llava-vision', 'o4-mini'];
    const options = await OptionsPage.open(suite.extension);
    await typeServer(options, 'sk-good');
    expect(await options.testConnection()).toBe('The server answers and lists 3 models: pick one in the Model field.');
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-good');
    const model = options.page.getByLabel('Model', { exact: true });
    const offered = options.page.locator(`datalist#${await model.getAttribute('list')} option`);
    await expect.poll(() => offered.evaluateAll((found) => found.map((o) => (o as HTMLOptionElement).value)), { message: 'the listed models in the Model field\'s list' })
      .toEqual(['gpt-4o', 'llava-vision', 'o4-mini']);
    expect(await savedKeys()).not.toContain('sk-good');
  });

  it('Save with a failing server still saves, then shows the test\'s sentence', async () => {
    server.replyToModels({ status: 500, error: { message: 'The server is down for maintenance.' } });
    const options = await OptionsPage.open(suite.extension);
    await options.save({ apiKey: 'sk-saved', baseUrl: server.url, model: 'gpt-4o' });
    expect(await options.connection.textContent()).toBe(
      'The server answered 500 Internal Server Error: The server is down for maintenance. The fault is on the server’s side; try again in a moment.',
    );
    // The saved key went, though none was typed for the test: it is the one saved for this server.
    expect(server.listings).toHaveLength(1);
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-saved');
    expect(await savedKeys()).toContain('sk-saved');
    const again = await OptionsPage.open(suite.extension);
    expect(await again.page.getByLabel('Base URL', { exact: true }).inputValue()).toBe(server.url);
    expect(await again.page.getByLabel('Model', { exact: true }).inputValue()).toBe('gpt-4o');
  });

  it('Ollama turning the extension away: the list answers, but the origin check names OLLAMA_ORIGINS', async () => {
    server.ollama = { extensionsAllowed: false };
    const options = await OptionsPage.open(suite.extension);
    await options.addProfile('Ollama');
    await options.page.getByLabel('Base URL', { exact: true }).fill(server.url);
    expect(await options.testConnection()).toBe(
      `${new URL(server.url).host} lists its models, but turns away requests that carry the extension’s origin, as every question does. ` +
        'If this is Ollama, it turns browser extensions away until it is started with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* set; any other server is refusing requests from extensions.',
    );
    // Chromium sends no Origin with the worker's GET, so the list alone would have said all is well.
    expect(server.listings).toHaveLength(1);
    expect(server.listings[0]!.headers.origin).toBeUndefined();
    const probe = server.requests.find((request) => request.method === 'OPTIONS');
    expect(probe?.headers.origin).toBe(`chrome-extension://${suite.extension.id}`);
    expect(probe?.headers.authorization).toBeUndefined();
    expect(server.asks).toHaveLength(0);
  });
});
