/**
 * What each preset fills in (vision-api.md), how a profile's requests carry its key, and the
 * presets' ways through the real pipeline against the fake server in the matching mode: Azure's
 * URL and api-key header, OpenRouter's attribution and its reported cost, a local server with no key.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Conversation } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { createConversation } from '../../utils/ask/start';
import { presetForBaseUrl, PRESETS, type PresetId } from '../../utils/profiles/presets';
import { requestHeaders } from '../../utils/profiles/request-headers';
import { profileFromPreset, type Profile } from '../../utils/settings';
import { ledgerItem, priceOverridesItem } from '../../utils/storage';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };

describe('a profile made from a preset', () => {
  it.each([
    ['openai', 'https://api.openai.com/v1', 'gpt-4.1-mini', 'auto', true],
    ['azure', 'https://RESOURCE.openai.azure.com/openai/v1', '', 'auto', true],
    ['openrouter', 'https://openrouter.ai/api/v1', 'openai/gpt-4.1-mini', 'auto', true],
    ['ollama', 'http://localhost:11434/v1', '', 'bytes', false],
    ['lmstudio', 'http://localhost:1234/v1', '', 'bytes', false],
    ['vllm', 'http://localhost:8000/v1', '', 'auto', false],
    ['custom', '', '', 'auto', false],
  ] as const)('%s: base URL %j, model %j, pictures %s, key needed: %s', (preset, baseUrl, model, sendImagesAs, needsKey) => {
    expect(profileFromPreset(preset, 'id')).toEqual({ id: 'id', name: PRESETS[preset].name, preset, baseUrl, model, api: 'chat', sendImagesAs });
    expect(PRESETS[preset].needsKey).toBe(needsKey);
  });

  it.each([
    ['https://api.openai.com/v1', 'openai'],
    ['https://contoso.openai.azure.com/openai/v1', 'azure'],
    ['https://openrouter.ai/api/v1', 'openrouter'],
    ['http://localhost:11434/v1', 'ollama'],
    ['http://127.0.0.1:1234/v1', 'lmstudio'],
    ['http://192.168.1.9:11434/v1', 'custom'],
    ['https://api.groq.com/openai/v1', 'custom'],
    ['not an address', 'custom'],
  ] as const)('a base URL saved before profiles, %s, is a %s server', (baseUrl, preset: PresetId) => {
    expect(presetForBaseUrl(baseUrl)).toBe(preset);
  });
});

describe('the headers of a profile\'s requests', () => {
  const app = 'chrome-extension://abc';
  it.each([
    ['openai', 'sk-1', {}],
    ['azure', 'az-key', { 'api-key': 'az-key', Authorization: null }],
    ['openrouter', 'sk-or', { 'HTTP-Referer': app, 'X-OpenRouter-Title': 'Ask about this image', 'X-Title': 'Ask about this image' }],
    ['ollama', null, { Authorization: null }],
    ['ollama', 'behind-a-proxy', {}],
    ['custom', null, { Authorization: null }],
  ] as const)('%s with key %j: %j over the SDK\'s own', (preset, key, headers) => {
    expect(requestHeaders(preset, key, app)).toEqual(headers);
  });
});

async function askOnce(): Promise<Conversation> {
  const { conversation, answer } = await createConversation({ picture });
  await answer();
  return (await loadConversation(conversation.id))!;
}

describe.each(['chat', 'responses'] as const)('through the %s API', (api) => {
  const path = api === 'chat' ? 'chat/completions' : 'responses';

  it('Azure: its /openai/v1 address, the key in the api-key header only, the deployment as the model', async () => {
    server.azure = { apiKey: 'az-secret' };
    const azure: Profile = { ...profileFromPreset('azure', 'first', 'Azure'), baseUrl: server.azureUrl, model: 'my-vision-deployment', api };
    await useProvider(server, { profile: azure, key: 'az-secret' });
    const turn = (await askOnce()).turns[0]!;
    expect(turn.status).toBe('done');
    const request = server.asks[0]!;
    expect(request.path).toBe(`/openai/v1/${path}`);
    expect(request.headers['api-key']).toBe('az-secret');
    expect(request.headers.authorization).toBeUndefined();
    expect((request.body as { model: string }).model).toBe('my-vision-deployment');
  });

  it('OpenRouter: the attribution headers, and the cost it reports is what is recorded, not the price table\'s', async () => {
    await useProvider(server, { profile: { ...profileFromPreset('openrouter', 'first'), baseUrl: server.url, model: 'openai/gpt-4o', api } });
    // The table prices gpt-4o at $2.50 and $10 per million: this usage would be $0.0036 by it.
    server.reply({ usage: { input: 1000, output: 110 }, cost: 0.0123 });
    const turn = (await askOnce()).turns[0]!;
    expect(turn).toMatchObject({ status: 'done', cost: 0.0123 });
    expect((await ledgerItem.getValue()).entries[0]).toMatchObject({ cost: 0.0123, input: 1000, output: 110 });
    const { headers } = server.asks[0]!;
    expect(headers['http-referer']).toBe(new URL(fakeBrowser.runtime.getURL('/')).origin);
    expect(headers['x-openrouter-title']).toBe('Ask about this image');
    expect(headers['x-title']).toBe('Ask about this image');
    expect(headers.authorization).toBe('Bearer sk-test-key');
  });

  it('OpenRouter without a reported cost: the profile\'s own price', async () => {
    await useProvider(server, { profile: { ...profileFromPreset('openrouter', 'first'), baseUrl: server.url, model: 'openai/gpt-4o', api } });
    await priceOverridesItem.setValue({ first: { 'gpt-4o': { input: 10, cachedInput: 10, output: 100 } } });
    server.reply({ usage: { input: 1000, output: 100 } });
    expect((await askOnce()).turns[0]!.cost).toBeCloseTo((1000 * 10 + 100 * 100) / 1e6, 12);
  });

  it('a server that is not OpenRouter is priced by the table, whatever cost its usage names', async () => {
    await useProvider(server, { profile: { model: 'gpt-4o', api } });
    server.reply({ usage: { input: 1000, output: 100 }, cost: 99 });
    expect((await askOnce()).turns[0]!.cost).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 12);
  });

  it('LM Studio given a picture\'s address answers 200 with an error in the body: the turn ends in that error, never as an empty answer', async () => {
    server.lmstudio = true;
    // The address is forced here only to see what LM Studio does with one; its preset sends bytes.
    await useProvider(server, { profile: { ...profileFromPreset('lmstudio', 'first'), baseUrl: server.url, model: 'qwen2.5-vl-7b', api, sendImagesAs: 'url' }, key: null });
    const turn = (await askOnce()).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error?.message).toContain("'url' field must be a base64 encoded image.");
    expect(turn.answer).toBe('');
  });

  it('Ollama with no key: no Authorization header at all, not even an empty one', async () => {
    // (Node has no createImageBitmap to prepare bytes: the picture goes as its address here; the
    // preset's bytes rule is in the table above, and end-to-end tests send the bytes.)
    await useProvider(server, { profile: { ...profileFromPreset('ollama', 'first'), baseUrl: server.url, model: 'gemma3', api, sendImagesAs: 'url' }, key: null });
    expect((await askOnce()).turns[0]).toMatchObject({ status: 'done', profileId: 'first', model: 'gemma3' });
    expect(server.asks[0]!.headers.authorization).toBeUndefined();
    expect(server.asks[0]!.headers['api-key']).toBeUndefined();
  });
});

describe('a profile whose server needs a key', () => {
  it('without one, sends nothing and says so', async () => {
    await useProvider(server, { profile: { ...profileFromPreset('openrouter', 'first'), baseUrl: server.url }, key: null });
    expect((await askOnce()).turns[0]!.error).toEqual({ kind: 'no-key', message: 'Add your API key in the options to ask about pictures. Nothing was sent.' });
    expect(server.requests).toHaveLength(0);
  });

  it('Azure with a wrong key is refused by the server in words, and the key went nowhere else', async () => {
    server.azure = { apiKey: 'the-right-one' };
    await useProvider(server, { profile: { ...profileFromPreset('azure', 'first'), baseUrl: server.azureUrl, model: 'deploy' }, key: 'a-wrong-one' });
    const turn = (await askOnce()).turns[0]!;
    expect(turn.error?.status).toBe(401);
    expect(server.asks.every((request) => request.path.startsWith('/openai/v1/'))).toBe(true);
  });
});
