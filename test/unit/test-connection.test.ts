/**
 * The options' "Test connection" (utils/profiles/test-connection.ts) against the fake server: what
 * it lists, what each failure is called, which key goes (the typed one, else the saved one only
 * where it belongs) and how it travels, and what is never sent at all.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { pageRequestHandlers } from '../../utils/background/page-requests';
import { testConnection, type TypedConnection } from '../../utils/profiles/test-connection';
import { DEFAULT_SETTINGS, profileFromPreset } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';
import { englishMessage } from './setup';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const host = () => new URL(server.url).host;
const typed = (over: Partial<TypedConnection> = {}): TypedConnection => ({ preset: 'openai', baseUrl: server.url, apiKey: 'sk-typed', ...over });
const savedFor = (key: string, baseUrl = server.url) => ({ key, origin: new URL(baseUrl).origin });

/** An extension's origin, as Chrome names it. */
const ORIGIN = 'chrome-extension://abcdefghijklmnop';

/**
 * Runs `fn` with fetch adding the extension's Origin as a browser would: Node's fetch sends none.
 * Chrome sends it from the extension's worker with every method but GET and HEAD (the worker has
 * host permission), seen in real Chromium (test-connection.e2e.ts).
 */
async function asChromeSends<T>(origin: string, on: 'non-GET' | 'every', fn: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (on === 'non-GET' && (method === 'GET' || method === 'HEAD')) return realFetch(input, init);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    headers.set('origin', origin);
    return realFetch(input, { ...init, headers });
  };
  try {
    return await fn();
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe('testConnection: what the server lists', () => {
  it('lists the models the server names, and says how many', async () => {
    server.models = ['gpt-4o', 'gpt-4.1-mini', 'o4-mini'];
    const result = await testConnection(typed(), null);
    expect(result).toEqual({ kind: 'listed', models: ['gpt-4o', 'gpt-4.1-mini', 'o4-mini'], sentence: 'The server answers and lists 3 models: pick one in the Model field.' });
    expect(server.listings).toHaveLength(1);
    expect(server.asks).toHaveLength(0);
  });

  it('says so when the server lists no models at all', async () => {
    server.models = [];
    expect(await testConnection(typed(), null)).toEqual({ kind: 'listed', models: [], sentence: englishMessage('connListedNone') });
  });

  it('a web page at the address (200, HTML) is not a model list: it points to the base URL', async () => {
    server.replyToModels({ html: '<!doctype html><title>Welcome</title>' });
    expect(await testConnection(typed(), null)).toEqual({ kind: 'failed', sentence: englishMessage('connNotAList', host()) });
  });
});

describe('testConnection: failures in words, asked once', () => {
  it('401: the server\'s words, then the key', async () => {
    server.replyToModels({ status: 401, error: { message: 'Incorrect API key provided.' } });
    const result = await testConnection(typed({ apiKey: 'sk-wrong' }), null);
    expect(result).toEqual({ kind: 'failed', sentence: `The server answered 401 Unauthorized: Incorrect API key provided. ${englishMessage('errAdvice401')}` });
    expect(server.listings).toHaveLength(1);
  });

  it('404 on a base URL without /v1: points to the base URL, not to the model (the route has "models" in it)', async () => {
    const result = await testConnection(typed({ baseUrl: server.url.replace(/\/v1$/, '/api') }), null);
    expect(result.kind).toBe('failed');
    expect(result.sentence).toContain('The server answered 404 Not Found: Unknown route GET /api/models.');
    expect(result.sentence).toContain(englishMessage('errAdvice404'));
    expect(result.sentence).not.toContain(englishMessage('errAdvice404Model'));
  });

  it('a queued 404 with the word "model" in it still points to the base URL while listing', async () => {
    server.replyToModels({ status: 404, error: { message: 'The model list was not found.' } });
    const result = await testConnection(typed(), null);
    expect(result.sentence).toBe(`The server answered 404 Not Found: The model list was not found. ${englishMessage('errAdvice404')}`);
  });

  it('500 is said once, without retries (a test says what happens now)', async () => {
    server.replyToModels({ status: 500, error: { message: 'Boom.' } });
    const result = await testConnection(typed(), null);
    expect(result).toEqual({ kind: 'failed', sentence: `The server answered 500 Internal Server Error: Boom. ${englishMessage('errAdvice5xx')}` });
    expect(server.listings).toHaveLength(1);
  });

  it('Ollama turning the extension away: the list answers (Chrome sends no Origin with a GET), the origin check names OLLAMA_ORIGINS', async () => {
    server.ollama = { extensionsAllowed: false };
    const result = await asChromeSends(ORIGIN, 'non-GET', () => testConnection(typed({ preset: 'ollama', apiKey: '' }), null));
    expect(result).toEqual({ kind: 'failed', sentence: `${englishMessage('connOriginRefused', host())} ${englishMessage('errAdvice403Origin')}` });
    expect(server.listings).toHaveLength(1);
    const probe = server.requests.find((r) => r.method === 'OPTIONS');
    expect(probe?.path).toBe('/v1/chat/completions');
    expect(probe?.headers.origin).toBe(ORIGIN);
    expect(probe?.headers.authorization).toBeUndefined();
    expect(server.asks).toHaveLength(0);
  });

  it('a 403 on the list itself, where the Origin goes with every request, names OLLAMA_ORIGINS too', async () => {
    server.ollama = { extensionsAllowed: false };
    const result = await asChromeSends(ORIGIN, 'every', () => testConnection(typed({ preset: 'ollama', apiKey: '' }), null));
    expect(result).toEqual({ kind: 'failed', sentence: `The server answered 403 Forbidden: ${englishMessage('errNoWords')}. ${englishMessage('errAdvice403Origin')}` });
    expect(server.listings[0]!.headers.origin).toBe(ORIGIN);
  });

  it('Ollama started with OLLAMA_ORIGINS lists its models', async () => {
    server.ollama = { extensionsAllowed: true };
    server.models = ['llava:7b'];
    const result = await asChromeSends(ORIGIN, 'every', () => testConnection(typed({ preset: 'ollama', apiKey: '' }), null));
    expect(result).toMatchObject({ kind: 'listed', models: ['llava:7b'] });
    expect(server.requests.filter((r) => r.method === 'OPTIONS')).toHaveLength(1);
  });

  it('a server that is not running: could not reach it, with what to check', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    probe.close();
    await once(probe, 'close');
    const result = await testConnection(typed({ baseUrl: `http://127.0.0.1:${port}/v1` }), null);
    expect(result.kind).toBe('failed');
    expect(result.sentence.startsWith(`Could not reach 127.0.0.1:${port} (`)).toBe(true);
    expect(result.sentence).toContain('Check that the server is running and that the base URL is right');
  });

  it('a server slower than the time allowed: did not answer in time', async () => {
    server.replyToModels({ firstByteDelayMs: 5_000 });
    const result = await testConnection(typed(), null, { timeoutMs: 300 });
    expect(result).toEqual({ kind: 'failed', sentence: englishMessage('connTimeout', host()) });
    expect(server.listings).toHaveLength(1);
  });

  it('stopped by its signal: says it stopped', async () => {
    server.replyToModels({ firstByteDelayMs: 5_000 });
    const controller = new AbortController();
    const result = testConnection(typed(), null, { signal: controller.signal });
    await server.waitForGet('/v1/models');
    controller.abort();
    expect(await result).toEqual({ kind: 'failed', sentence: englishMessage('errStopped') });
  });
});

describe('testConnection: which key goes, and how', () => {
  it('the typed key wins over the saved one', async () => {
    await testConnection(typed({ apiKey: ' sk-typed ' }), savedFor('sk-saved'));
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-typed');
  });

  it('with nothing typed, the key saved for this server goes', async () => {
    await testConnection(typed({ apiKey: '' }), savedFor('sk-saved'));
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-saved');
  });

  it('a saved key that belongs to another server is not sent: nothing is sent, and it says so', async () => {
    const result = await testConnection(typed({ apiKey: '' }), savedFor('sk-stale', 'https://api.openai.com/v1'));
    expect(result).toEqual({ kind: 'not-sent', sentence: englishMessage('connKeyOtherServer', ['api.openai.com', host()]) });
    expect(server.requests).toEqual([]);
  });

  it('a server that needs a key, with none typed or saved: nothing is sent', async () => {
    const result = await testConnection(typed({ apiKey: '' }), null);
    expect(result).toEqual({ kind: 'not-sent', sentence: englishMessage('connNoKey', 'OpenAI') });
    expect(server.requests).toEqual([]);
  });

  it('a server that needs no key is tested without one: no Authorization at all', async () => {
    const result = await testConnection(typed({ preset: 'lmstudio', apiKey: '' }), null);
    expect(result.kind).toBe('listed');
    expect(server.listings[0]!.headers.authorization).toBeUndefined();
  });

  it('Azure: the key in its api-key header, never as a Bearer token', async () => {
    server.azure = { apiKey: 'az-key' };
    const result = await testConnection(typed({ preset: 'azure', baseUrl: server.azureUrl, apiKey: 'az-key' }), null);
    expect(result.kind).toBe('listed');
    expect(server.listings[0]!.path).toBe('/openai/v1/models');
    expect(server.listings[0]!.headers['api-key']).toBe('az-key');
    expect(server.listings[0]!.headers.authorization).toBeUndefined();
  });

  it('OpenRouter: Bearer, with its attribution headers', async () => {
    await testConnection(typed({ preset: 'openrouter', apiKey: 'sk-or' }), null);
    const { headers } = server.listings[0]!;
    expect(headers.authorization).toBe('Bearer sk-or');
    expect(headers['x-openrouter-title']).toBe('Ask about this image');
    expect(headers['http-referer']).toBe(new URL(browser.runtime.getURL('/')).origin);
  });
});

describe('testConnection: refused before sending', () => {
  it.each([
    ['not an address', 'api.openai.com/v1', englishMessage('setBadUrl', 'api.openai.com/v1')],
    ['another protocol', 'ftp://127.0.0.1/v1', englishMessage('setBadProtocol', 'ftp:')],
    ['plain http over the internet', 'http://api.example.com/v1', englishMessage('setHttpPublic', 'api.example.com')],
  ])('a base URL that is %s: its sentence, nothing sent', async (_, baseUrl, problem) => {
    const result = await testConnection(typed({ baseUrl }), null);
    expect(result).toEqual({ kind: 'not-sent', sentence: englishMessage('nothingSent', problem) });
    expect(server.requests).toEqual([]);
  });

  it('Azure\'s placeholder address is refused before the key goes anywhere', async () => {
    const result = await testConnection(typed({ preset: 'azure', baseUrl: 'https://RESOURCE.openai.azure.com/openai/v1' }), null);
    expect(result).toEqual({ kind: 'not-sent', sentence: englishMessage('nothingSent', englishMessage('setAzureResource')) });
  });

  it('Chrome on-device: no server, so the test is skipped and nothing is sent', async () => {
    const result = await testConnection(typed({ preset: 'chrome', baseUrl: '', apiKey: '' }), null);
    expect(result).toEqual({ kind: 'skipped', sentence: englishMessage('connOnDevice') });
    expect(server.requests).toEqual([]);
  });
});

describe('the background\'s testConnection request', () => {
  const sender = {} as never;

  it('uses the key saved for that profile, and never hands it back', async () => {
    const profile = { ...profileFromPreset('openai', 'first'), baseUrl: server.url };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [profile], activeProfileId: 'first' });
    await pageRequestHandlers.saveApiKey({ profileId: 'first', apiKey: 'sk-profile' }, sender);
    const result = await pageRequestHandlers.testConnection({ profileId: 'first', preset: 'openai', baseUrl: server.url, apiKey: '' }, sender);
    expect(result.kind).toBe('listed');
    expect(server.listings[0]!.headers.authorization).toBe('Bearer sk-profile');
    expect(JSON.stringify(result)).not.toContain('sk-profile');
  });

  it('another profile\'s key is not this one\'s: a profile without a key sends nothing', async () => {
    const first = { ...profileFromPreset('openai', 'first'), baseUrl: server.url };
    const second = { ...profileFromPreset('openai', 'second'), baseUrl: server.url };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [first, second], activeProfileId: 'second' });
    await pageRequestHandlers.saveApiKey({ profileId: 'first', apiKey: 'sk-first' }, sender);
    const result = await pageRequestHandlers.testConnection({ profileId: 'second', preset: 'openai', baseUrl: server.url, apiKey: '' }, sender);
    expect(result.kind).toBe('not-sent');
    expect(server.requests).toEqual([]);
  });
});
