/**
 * Chrome's built-in model, through the real ask pipeline with a fake `LanguageModel` (the Chromium
 * here has none): what it is given (pictures as Blobs, earlier turns as initial prompts, the same
 * options for availability and create), what the answer costs (nothing) and uses (the context), the
 * download's progress, and each refusal in words.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { altTextTurn } from '../../utils/alt-text/one-picture';
import type { Conversation, Turn } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { stopRequest } from '../../utils/ask/active-requests';
import { budgetProblem } from '../../utils/ask/preflight';
import { apiKeys } from '../../utils/api-key-store';
import { recordSpend } from '../../utils/cost/record-spend';
import { askFollowUp, createConversation } from '../../utils/ask/start';
import { isFormatRefusal } from '../../utils/ask/retry-policy';
import { onDeviceState, downloadOnDeviceModel, type OnDeviceState } from '../../utils/profiles/on-device-status';
import { withOnDeviceProfile } from '../../utils/profiles/profile-store';
import { DEFAULT_SETTINGS, FIRST_PROFILE_ID, profileFromPreset, type StoredSettings } from '../../utils/settings';
import { answerCacheItem, conversationItem, ledgerItem, settingsItem } from '../../utils/storage';
import { VisionError } from '../../utils/vision/errors';
import { onDeviceLanguage, onDeviceOptions } from '../../utils/vision/language-model';
import { onDeviceMessages, streamOnDevice } from '../../utils/vision/on-device';
import { fakeLanguageModelLog, installFakeLanguageModel, removeFakeLanguageModel, type FakeModelConfig } from '../fake-language-model/fake';
import { englishMessage } from './setup';
import { useFakeServer } from './fake-server';

const RED_PNG = readFileSync(resolve(import.meta.dirname, '../fixtures/images/red.png'));
const RED_DATA_URL = `data:image/png;base64,${RED_PNG.toString('base64')}`;

// The unit tests' Node has no image decoder: the picture "prepared" is the fixture as it is.
vi.mock('../../utils/image/prepare', () => ({
  prepareImage: (bytes: Uint8Array) =>
    Promise.resolve({
      dataUrl: RED_DATA_URL,
      mime: 'image/png',
      width: 8,
      height: 8,
      bytes: bytes.length,
      original: { type: 'image/png', width: 8, height: 8, bytes: bytes.length },
      notes: [],
      thumbnail: RED_DATA_URL,
    }),
}));

const server = useFakeServer();
const REPLY = ['A red ', 'square ', 'on white.'];
const picture = () => ({ kind: 'image' as const, url: server.url.replace(/\/v1$/, '/pictures/red.png'), pageUrl: server.url, pageTitle: 'Colours' });

function install(config: Partial<FakeModelConfig> = {}) {
  installFakeLanguageModel({ availability: 'available', reply: REPLY, contextWindow: 6144, ...config });
}

async function useChrome(settings: Partial<StoredSettings> = {}) {
  const profile = profileFromPreset('chrome', FIRST_PROFILE_ID);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...settings, profiles: [profile], activeProfileId: profile.id });
}

async function stored(id: string): Promise<Conversation> {
  const conversation = await loadConversation(id);
  if (!conversation) throw new Error(`conversation ${id} is not stored`);
  return conversation;
}

async function ask(): Promise<{ conversation: Conversation; turn: Turn }> {
  const { conversation, answer } = await createConversation({ picture: picture() });
  await answer({ flushMs: 1 });
  const after = await stored(conversation.id);
  return { conversation: after, turn: after.turns[0]! };
}

beforeEach(async () => {
  install();
  await useChrome();
});
afterEach(() => removeFakeLanguageModel());

describe('asking Chrome\'s built-in model', () => {
  it('streams its answer with no server, no key and no cost, and shows the context it used', async () => {
    const { turn } = await ask();
    expect(turn).toMatchObject({ status: 'done', answer: REPLY.join(''), model: 'gemini-nano', cost: 0, sentAs: 'bytes' });
    // The fixture is fetched from the page's server; nothing is asked of any API.
    expect(server.asks).toHaveLength(0);
    const log = fakeLanguageModelLog();
    // The question as it was measured (one picture of 256 tokens, and the text), then the reply.
    const question = log.prompts[0]!.input;
    expect(question).toHaveLength(1);
    expect(question[0]!.content[0]).toEqual({ type: 'image', mime: 'image/png', bytes: RED_PNG.length });
    expect(question[0]!.content[1]).toEqual({ type: 'text', value: DEFAULT_SETTINGS.defaultQuestion });
    const input = 256 + Math.ceil(DEFAULT_SETTINGS.defaultQuestion.length / 4);
    const output = Math.ceil(REPLY.join('').length / 4);
    expect(turn.usage).toEqual({ input, cachedInput: 0, output, reasoning: 0 });
    expect(turn.context).toEqual({ used: input + output, window: 6144 });
    expect(turn.usageEstimated).toBeUndefined();
    expect(log.destroyed).toBe(1);
    const [entry] = (await ledgerItem.getValue()).entries;
    expect(entry).toMatchObject({ model: 'gemini-nano', cost: 0, input, output });
  });

  it('asks whether it can run with the very options it then creates the session with', async () => {
    await useChrome({ answerLanguage: 'es' });
    await ask();
    const log = fakeLanguageModelLog();
    expect(log.availability).toEqual([onDeviceOptions('es')]);
    expect(log.created[0]!.options).toEqual(onDeviceOptions('es'));
    expect(onDeviceOptions('es').expectedInputs).toContainEqual({ type: 'image' });
  });

  it('reads the usage under the older names Chrome gave it', async () => {
    install({ oldNames: true });
    const { turn } = await ask();
    expect(turn.usage?.input).toBeGreaterThan(256);
    expect(turn.context?.window).toBe(6144);
  });

  it('gives a follow-up the whole conversation, earlier turns as the session\'s initial prompts', async () => {
    const { conversation } = await ask();
    const { done } = await askFollowUp(conversation.id, 'And the border?');
    await done;
    const log = fakeLanguageModelLog();
    const { initialPrompts } = log.created[1]!;
    expect(initialPrompts.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(initialPrompts[0]!.content.map((c) => c.type)).toEqual(['image', 'text']);
    expect(initialPrompts[1]!.content).toEqual([{ type: 'text', value: REPLY.join('') }]);
    expect(log.prompts[1]!.input).toEqual([{ role: 'user', content: [{ type: 'text', value: 'And the border?' }] }]);
    const turns = (await stored(conversation.id)).turns;
    expect(turns[1]).toMatchObject({ status: 'done', answer: REPLY.join(''), cost: 0 });
    // The second answer's context holds the first exchange too.
    expect(turns[1]!.context!.used).toBeGreaterThan(turns[0]!.context!.used);
  });

  it('writes alt text under the schema, and answers again in plain words when the model refuses the schema', async () => {
    const alt = JSON.stringify({ alt: 'A red square', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' });
    install({ reply: [alt] });
    let created = await createConversation({ picture: picture() }, (settings, p) => altTextTurn(settings, p));
    await created.answer();
    let turn = (await stored(created.conversation.id)).turns[0]!;
    expect(turn.altText?.result).toMatchObject({ alt: 'A red square', kind: 'informative' });
    expect(fakeLanguageModelLog().prompts[0]!.constraint).toMatchObject({ type: 'object' });
    expect((await ledgerItem.getValue()).entries.at(-1)).toMatchObject({ cost: 0 });

    install({ reply: ['ALT: A red square\nKIND: informative\nDECORATIVE: no'], constraintError: 'NotSupportedError' });
    // The same question about the same picture would be answered from the cache.
    await answerCacheItem.removeValue();
    created = await createConversation({ picture: picture() }, (settings, p) => altTextTurn(settings, p));
    await created.answer();
    turn = (await stored(created.conversation.id)).turns[0]!;
    expect(fakeLanguageModelLog().prompts.map((p) => p.constraint === null)).toEqual([false, true]);
    expect(turn.altText).toMatchObject({ structured: false, result: { alt: 'A red square' } });
  });

  it('shows the model download in the turn while it runs, and clears it once answered', async () => {
    install({ availability: 'downloadable', download: [0, 0.004, 0.25, 0.5, 1] });
    const seen: number[] = [];
    const { conversation, answer } = await createConversation({ picture: picture() });
    const stopWatching = conversationItem(conversation.id).watch((c) => {
      const downloading = c?.turns[0]?.downloading;
      if (downloading !== undefined && seen.at(-1) !== downloading) seen.push(downloading);
    });
    await answer({ flushMs: 0 });
    stopWatching();
    // Whole percents only (0.004 is still 0 %), in order; the turn keeps none of it.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain(0.004);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await stored(conversation.id)).turns[0]).not.toHaveProperty('downloading');
    expect((await stored(conversation.id)).turns[0]).toMatchObject({ status: 'done', answer: REPLY.join('') });
  });

  it('answers though the profile kept the key of the server it pointed at before, and sends that key nowhere', async () => {
    await apiKeys.set(FIRST_PROFILE_ID, { key: 'sk-left-behind', origin: 'https://api.openai.com' });
    const { turn } = await ask();
    expect(turn).toMatchObject({ status: 'done', answer: REPLY.join('') });
    expect(JSON.stringify(fakeLanguageModelLog())).not.toContain('sk-left-behind');
  });

  it('answers past a budget spent on other servers: it costs nothing', async () => {
    await recordSpend({ at: Date.now(), conversationId: 'elsewhere', kind: 'question', model: 'gpt-4.1', input: 1, cachedInput: 0, output: 1, reasoning: 0, cost: 5 });
    await useChrome({ monthlyBudget: 1 });
    expect(await budgetProblem({ ...DEFAULT_SETTINGS, monthlyBudget: 1 }), 'the budget is spent').toMatchObject({ kind: 'budget' });
    const { turn } = await ask();
    expect(turn).toMatchObject({ status: 'done', answer: REPLY.join(''), cost: 0 });
  });

  it('is stopped by Stop, keeping what was written and charging nothing', async () => {
    install({ reply: Array.from({ length: 2000 }, () => 'word ') });
    const { conversation, answer } = await createConversation({ picture: picture() });
    const running = answer({ flushMs: 1 });
    await vi.waitFor(() => expect(fakeLanguageModelLog().prompts, 'the question reached the model').toHaveLength(1));
    expect(stopRequest(conversation.id)).toBe(true);
    await running;
    const turn = (await stored(conversation.id)).turns[0]!;
    expect(turn).toMatchObject({ status: 'stopped', cost: 0 });
    expect(fakeLanguageModelLog().destroyed).toBe(1);
  });
});

describe('when Chrome\'s model cannot answer', () => {
  const refusedWith = async (config: Partial<FakeModelConfig>) => {
    install(config);
    const { turn } = await ask();
    expect(turn.status).toBe('error');
    expect(server.asks).toHaveLength(0);
    return turn.error?.message;
  };

  it('says this browser has none', async () => {
    removeFakeLanguageModel();
    const { turn } = await ask();
    expect(turn.error?.message).toBe(englishMessage('onDeviceMissing'));
  });

  it('says what the computer needs, and creates no session', async () => {
    expect(await refusedWith({ availability: 'unavailable' })).toBe(englishMessage('onDeviceUnavailable'));
    expect(fakeLanguageModelLog().created).toHaveLength(0);
  });

  it.each([
    ['NotAllowedError', 'errOnDeviceNotAllowed'],
    ['QuotaExceededError', 'errOnDeviceTooLong'],
    ['NotSupportedError', 'errOnDeviceNotSupported'],
  ])('says %s in words', async (name, key) => {
    expect(await refusedWith({ createError: name })).toBe(englishMessage(key));
  });

  it('says a picture it cannot read is the picture\'s fault', async () => {
    expect(await refusedWith({ promptError: 'EncodingError' })).toBe(englishMessage('errOnDeviceEncoding'));
  });

  it('keeps what was written when the model fails midway', async () => {
    install({ promptError: 'UnknownError', afterFirst: true });
    const { turn } = await ask();
    expect(turn).toMatchObject({ status: 'cut', answer: REPLY[0] });
    expect(turn.note).toBe(englishMessage('noteCutBroken'));
  });
});

describe('the on-device request', () => {
  const request = { model: 'gemini-nano', detail: 'auto' as const, imageUrls: [RED_DATA_URL, RED_DATA_URL], history: [], question: 'Which is brighter?' };

  it('puts every picture first as a Blob, each named, the system instruction apart, and the question last', async () => {
    const { initial, prompt } = await onDeviceMessages({ ...request, instructions: 'Answer in French.' });
    expect(initial).toEqual([{ role: 'system', content: 'Answer in French.' }]);
    const parts = prompt[0]!.content as { type: string; value: unknown }[];
    expect(parts.map((p) => p.type)).toEqual(['text', 'image', 'text', 'image', 'text']);
    expect(parts.at(-1)!.value).toContain('Which is brighter?');
    expect(parts[1]!.value).toBeInstanceOf(Blob);
    expect((parts[1]!.value as Blob).type).toBe('image/png');
  });

  it('never hands the model an address', async () => {
    const handlers = { onDelta: () => undefined, signal: new AbortController().signal };
    const refused = streamOnDevice({ ...request, imageUrls: ['https://example.com/a.png'] }, 'en', handlers);
    await expect(refused).rejects.toThrow(englishMessage('errOnDeviceAddress'));
    expect(fakeLanguageModelLog().created).toHaveLength(0);
  });

  it('reads a refused schema as the format refusal the ask path retries in plain text', async () => {
    install({ constraintError: 'NotSupportedError' });
    const handlers = { onDelta: () => undefined, signal: new AbortController().signal };
    const error = await streamOnDevice({ ...request, responseFormat: { name: 'alt_text', schema: { type: 'object' } } }, 'en', handlers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VisionError);
    expect(isFormatRefusal(error as VisionError)).toBe(true);
  });

  it('creates the session in a language the model takes', () => {
    expect(onDeviceLanguage('es-MX')).toBe('es');
    expect(onDeviceLanguage('ja')).toBe('ja');
    expect(onDeviceLanguage('fr-CA')).toBe('en');
    expect(onDeviceOptions('ru').expectedOutputs).toEqual([{ type: 'text', languages: ['en'] }]);
  });
});

describe('the options\' word on the model', () => {
  it.each([
    ['available', 'onDeviceAvailable'],
    ['downloadable', 'onDeviceDownloadable'],
    ['unavailable', 'onDeviceUnavailable'],
  ] as const)('says %s in words', async (availability, key) => {
    install({ availability });
    expect(await onDeviceState('en')).toEqual({ kind: availability, sentence: englishMessage(key) });
  });

  it('says a browser without the model has none', async () => {
    removeFakeLanguageModel();
    expect((await onDeviceState('en')).sentence).toBe(englishMessage('onDeviceMissing'));
  });

  it('downloads the model with its progress, then says it is ready', async () => {
    install({ availability: 'downloadable', download: [0, 0.5, 1] });
    const states: OnDeviceState[] = [];
    const final = await downloadOnDeviceModel('en', (state) => states.push(state));
    expect(states.map((s) => s.sentence)).toEqual(['0%', '50%', '100%'].map((p) => englishMessage('onDeviceDownloading', p)));
    expect(final.kind).toBe('available');
    expect(fakeLanguageModelLog().destroyed).toBe(1);
  });

  it('says why a download could not start', async () => {
    install({ availability: 'downloadable', createError: 'NotAllowedError' });
    const final = await downloadOnDeviceModel('en', () => undefined);
    expect(final.kind).toBe('failed');
    expect(final.sentence).toContain(englishMessage('onDeviceCheckFailed', '').trim());
  });

  it('makes the existing on-device profile active rather than adding a second', () => {
    const openai = profileFromPreset('openai', 'a');
    const first = withOnDeviceProfile({ ...DEFAULT_SETTINGS, profiles: [openai], activeProfileId: 'a' }, 'b');
    expect(first.profiles.map((p) => p.preset)).toEqual(['openai', 'chrome']);
    expect(first.activeProfileId).toBe('b');
    const again = withOnDeviceProfile({ ...first, activeProfileId: 'a' }, 'c');
    expect(again.profiles).toHaveLength(2);
    expect(again.activeProfileId).toBe('b');
  });
});
