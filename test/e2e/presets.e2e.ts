/**
 * Every provider preset (but Chrome's on-device model, tested in its own file) through both APIs,
 * in real Chromium, against the fake server's mode for that provider: ask about a picture, a
 * follow-up, a comparison of two pictures, alt text, and the spend meter against the usage the
 * server reported. Each preset's profile points at a server of its own (its own origin), so every
 * request recorded anywhere proves where each key went: in the preset's own header, to its own
 * host only, with OpenRouter's attribution, and with pictures as bytes for the servers that
 * cannot download an address (Ollama, LM Studio).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PresetId } from '../../utils/profiles/presets';
import type { FakeOpenAI, FakeUsage, RecordedRequest } from '../fake-openai/server';
import { altJson } from './support/alt-answer';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

interface Provider {
  preset: Exclude<PresetId, 'chrome'>;
  /** The preset's name in "New profile for", and the profile's name. */
  name: string;
  model: string;
  /** What the spend meter must say in dollars: the first conversation (ask and follow-up), the alt text, all four requests. */
  dollars: { conversation: string; altText: string; allTime: string };
}

const UNKNOWN = { conversation: 'price unknown', altText: 'price unknown', allTime: 'price unknown' };

// Usage and usage.cost as each server reports them, for the ask, the follow-up, the comparison and
// the alt text. Every server reports a cost: only OpenRouter's is to be believed, the others are
// priced from the table (or not at all), so a preset that trusted the wrong server would show.
const USAGE: FakeUsage[] = [{ input: 1000, output: 100 }, { input: 2000, output: 200 }, { input: 3000, output: 300 }, { input: 500, output: 50 }];
const REPORTED_COST = [0.0012, 0.0023, 0.0034, 0.0005];

const PROVIDERS: Provider[] = [
  // gpt-4.1-mini: $0.40 in and $1.60 out per million tokens; 3,000 + 300 tokens cost $0.00168.
  { preset: 'openai', name: 'OpenAI', model: 'gpt-4.1-mini', dollars: { conversation: '$0.00168', altText: '$0.00028', allTime: '$0.00364' } },
  // An Azure deployment named after its model, priced as gpt-4o ($2.50 and $10): $0.0105, $0.00175, $0.02275.
  { preset: 'azure', name: 'Azure OpenAI', model: 'gpt-4o', dollars: { conversation: '$0.01', altText: '$0.00175', allTime: '$0.02' } },
  // OpenRouter's own usage.cost, not the table's $0.00364 for gpt-4.1-mini.
  { preset: 'openrouter', name: 'OpenRouter', model: 'openai/gpt-4.1-mini', dollars: { conversation: '$0.0035', altText: '$0.0005', allTime: '$0.0074' } },
  // Local models have no price: never $0, and never the cost the server made up.
  { preset: 'ollama', name: 'Ollama', model: 'llava:13b', dollars: UNKNOWN },
  { preset: 'lmstudio', name: 'LM Studio', model: 'qwen2.5-vl-7b-instruct', dollars: UNKNOWN },
  { preset: 'vllm', name: 'vLLM', model: 'Qwen/Qwen2.5-VL-7B-Instruct', dollars: UNKNOWN },
  // gpt-4.1-nano: $0.10 in and $0.40 out.
  { preset: 'custom', name: 'Custom', model: 'gpt-4.1-nano', dollars: { conversation: '$0.00042', altText: '$0.00007', allTime: '$0.00091' } },
];

const API_NAMES = ['Chat Completions', 'Responses'] as const;

const suite = useBrowserSuite({ otherServers: PROVIDERS.length - 1 });
const { site } = suite;

const serverOf = (provider: Provider): FakeOpenAI => suite.servers[PROVIDERS.indexOf(provider)]!;
const keyOf = (provider: Provider) => `sk-${provider.preset}-only-for-its-own-server`;
const baseUrlOf = (provider: Provider) => (provider.preset === 'azure' ? serverOf(provider).azureUrl : serverOf(provider).url);
const byPreset = (preset: Provider['preset']) => PROVIDERS.find((provider) => provider.preset === preset)!;

/** Each server in its provider's mode; the suite resets the servers after every test. */
function providerModes(): void {
  serverOf(byPreset('azure')).azure = { apiKey: keyOf(byPreset('azure')) };
  // Started with OLLAMA_ORIGINS allowing extensions, as the options tell the user to.
  serverOf(byPreset('ollama')).ollama = { extensionsAllowed: true };
  serverOf(byPreset('lmstudio')).lmstudio = true;
}

type StoredSettings = { profiles: { name: string; preset: string; baseUrl: string }[] };

beforeAll(async () => {
  providerModes();
  const options = await OptionsPage.open(suite.extension);
  for (const [index, provider] of PROVIDERS.entries()) {
    // A new install's one profile is OpenAI's; every other comes from its preset, as a person adds it.
    if (index > 0) await options.addProfile(provider.name);
    await options.save({ profileName: provider.name, apiKey: keyOf(provider), baseUrl: baseUrlOf(provider), model: provider.model });
  }
  await options.page.close();
  const { profiles } = await suite.extension.inWorker(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<{ settings: StoredSettings }> } } } }).chrome;
    return (await chrome.storage.local.get('settings')).settings;
  });
  expect(profiles.map(({ name, preset, baseUrl }) => ({ name, preset, baseUrl }))).toEqual(
    PROVIDERS.map((provider) => ({ name: provider.name, preset: provider.preset, baseUrl: baseUrlOf(provider) })),
  );
  // Each save tested its profile's connection (a model listing, and a preflight for the origin):
  // each server was asked with its own key alone. The cases below count requests from zero.
  for (const provider of PROVIDERS) {
    const server = serverOf(provider);
    const header = provider.preset === 'azure' ? 'api-key' : 'authorization';
    const listings = server.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/models'));
    expect(listings.map((request) => request.headers[header]), `${provider.name}'s connection test`).toEqual([
      provider.preset === 'azure' ? keyOf(provider) : `Bearer ${keyOf(provider)}`,
    ]);
    for (const other of PROVIDERS) {
      if (other !== provider) expect(carried(server.requests), `${provider.name}'s server and ${other.name}'s key`).not.toContain(keyOf(other));
    }
    server.reset();
  }
});

beforeEach(() => {
  providerModes();
});

/** Makes `provider`'s profile the one in use with `api`, and empties the spend record. */
async function choose(provider: Provider, api: (typeof API_NAMES)[number]): Promise<void> {
  const options = await OptionsPage.open(suite.extension);
  if (await options.page.getByRole('button', { name: `Use “${provider.name}”`, exact: true }).count()) await options.useProfile(provider.name);
  await options.save({ api });
  await options.resetSpend();
  await options.page.close();
}

/** Every picture a request carried: Chat's image_url.url and Responses' input_image.image_url. */
function picturesIn(body: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const part = node as { type?: unknown; image_url?: unknown };
    if (part.type === 'image_url' && typeof (part.image_url as { url?: unknown } | undefined)?.url === 'string') found.push((part.image_url as { url: string }).url);
    if (part.type === 'input_image' && typeof part.image_url === 'string') found.push(part.image_url);
    Object.values(node).forEach(walk);
  };
  walk(body);
  return found;
}

/** What requests carried, as text: a key anywhere in their headers or bodies is found. */
const carried = (requests: RecordedRequest | RecordedRequest[]) =>
  JSON.stringify([requests].flat().map((request) => [request.headers, request.body]));

/**
 * Every request every server and the test site recorded in this test: each key in its preset's
 * header and nowhere but its own server, attribution for OpenRouter only, bytes for Ollama and
 * LM Studio. Returns what was wrong, so one look shows all of it.
 */
function wrongRequests(asked: Provider): string[] {
  const wrong: string[] = [];
  for (const provider of PROVIDERS) {
    const server = serverOf(provider);
    for (const request of server.requests) {
      const where = `${provider.name}: ${request.method} ${request.path}`;
      for (const other of PROVIDERS) {
        if (other !== provider && carried(request).includes(keyOf(other))) wrong.push(`${where} carried ${other.name}'s key`);
      }
      // A CORS preflight carries no key by design; every other request carries the profile's own.
      if (request.method === 'OPTIONS') continue;
      const { authorization, 'api-key': apiKey } = request.headers;
      if (provider.preset === 'azure') {
        if (apiKey !== keyOf(provider) || authorization !== undefined) wrong.push(`${where}: the key should be in api-key alone, not Authorization (${String(authorization)})`);
      } else if (authorization !== `Bearer ${keyOf(provider)}` || apiKey !== undefined) {
        wrong.push(`${where}: the key should be an Authorization Bearer token alone`);
      }
      const attribution = [request.headers['http-referer'], request.headers['x-openrouter-title'], request.headers['x-title']];
      if (provider.preset === 'openrouter') {
        // The referrer is the extension's origin, which the browser sends as Origin anyway: nothing about the user.
        const expected = [`chrome-extension://${suite.extension.id}`, 'Ask about this image', 'Ask about this image'];
        if (JSON.stringify(attribution) !== JSON.stringify(expected)) wrong.push(`${where}: attribution headers ${JSON.stringify(attribution)}, not ${JSON.stringify(expected)}`);
      } else if (attribution.some((header) => header !== undefined)) {
        wrong.push(`${where} carried OpenRouter's attribution headers`);
      }
      if (provider.preset === 'ollama' || provider.preset === 'lmstudio') {
        for (const picture of picturesIn(request.body)) {
          if (!picture.startsWith('data:image/')) wrong.push(`${where} was sent a picture as an address (${picture.slice(0, 80)}), which it cannot download`);
        }
      }
    }
    if (provider !== asked && server.requests.length > 0) wrong.push(`${provider.name} got ${server.requests.length} requests, though ${asked.name} was asked`);
  }
  for (const request of site.requests) {
    for (const provider of PROVIDERS) {
      if (JSON.stringify(request.headers).includes(keyOf(provider))) wrong.push(`the test site's ${request.path} carried ${provider.name}'s key`);
    }
  }
  return wrong;
}

describe.each(PROVIDERS)('the $name preset', (provider) => {
  it.each(API_NAMES)('through %s: ask, follow up, compare, alt text, and the spend the server reported', async (api) => {
    const server = serverOf(provider);
    await choose(provider, api);
    const path = `/v1/${api === 'Responses' ? 'responses' : 'chat/completions'}`;
    const answers = [`${provider.name} sees a red rectangle.`, `${provider.name} says it is red.`, `${provider.name} says picture 2 is blue.`];
    for (const [i, text] of answers.entries()) server.reply({ text, usage: USAGE[i]!, cost: REPORTED_COST[i]! });
    server.reply({ text: altJson({ alt: `An orange square, by ${provider.name}` }), usage: USAGE[3]!, cost: REPORTED_COST[3]! });

    // A page on the internet, so that a server able to download an address is sent one.
    const page = await suite.extension.context.newPage();
    await page.goto(site.publicUrl('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer streamed into the popup' }).toContain(answers[0]);

    await popup.followUp('What colour is it?');
    await expect.poll(() => popup.answer.textContent(), { message: 'the follow-up\'s answer' }).toContain(answers[1]);
    const followUp = await server.waitForAsk(2);
    // The follow-up re-sends the picture and the earlier turn.
    expect(picturesIn(followUp.body)).toHaveLength(1);
    expect(JSON.stringify(followUp.body)).toContain(answers[0]);
    await expect.poll(() => popup.spendRow('This conversation'), { message: 'the meter for the ask and the follow-up' }).toEqual(['3,000', '300', provider.dollars.conversation]);

    await suite.extension.chooseMenuItem(page, '#plain', 'compare-add', { waitForAnswer: true });
    await suite.extension.chooseMenuItem(page, '#linked img', 'compare-add', { waitForAnswer: true });
    const compare = await PopupPage.open(suite.extension);
    await compare.compare('Which one is blue?', 2);
    await expect.poll(() => compare.answer.textContent(), { message: 'the comparison\'s answer' }).toContain(answers[2]);
    expect(picturesIn((await server.waitForAsk(3)).body)).toHaveLength(2);

    await suite.extension.chooseMenuItem(page, '#large', 'alt-text');
    const alt = await PopupPage.open(suite.extension);
    await expect
      .poll(() => alt.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the suggested alt text' })
      .toBe(`An orange square, by ${provider.name}`);
    await expect.poll(() => alt.spendRow('This conversation'), { message: 'the meter for the alt text' }).toEqual(['500', '50', provider.dollars.altText]);
    await expect.poll(() => alt.spendRow('All time'), { message: 'the meter for all four requests' }).toEqual(['6,500', '650', provider.dollars.allTime]);

    expect(server.asks.map((request) => request.path)).toEqual(Array(4).fill(provider.preset === 'azure' ? `/openai${path}` : path));
    expect(server.asks.map((request) => (request.body as { model: string }).model)).toEqual(Array(4).fill(provider.model));
    const pictures = server.asks.flatMap((request) => picturesIn(request.body));
    expect(pictures).toHaveLength(5);
    // The servers that download addresses are sent one for this public page: so the bytes that
    // Ollama and LM Studio get are their presets' doing, not the page's.
    if (provider.preset !== 'ollama' && provider.preset !== 'lmstudio') expect(pictures).toContain(site.publicUrl('/images/red.png'));
    expect(wrongRequests(provider)).toEqual([]);
  });
});
