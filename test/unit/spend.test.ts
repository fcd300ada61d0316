/** Spend through the pipeline: cache, budgets, estimates, prices in force. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stopRequest } from '../../utils/ask/active-requests';
import { CACHE_LIMIT, CACHE_MAX_BYTES, rememberAnswer } from '../../utils/ask/answer-cache';
import { loadConversation } from '../../utils/ask/conversation-store';
import { createConversation, retryTurn } from '../../utils/ask/start';
import type { GlobalSettings, Profile } from '../../utils/settings';
import { answerCacheItem, conversationItem, ledgerItem, priceOverridesItem, unsavedSpendItem } from '../../utils/storage';
import { useProvider } from './provider';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/chart.png', width: 1024, height: 1024 };

beforeEach(async () => {
  await configure({});
});

/** The one profile's model and API, and the global settings, as a test wants them. */
function configure({ model = 'gpt-4o', api = 'chat', ...settings }: Partial<GlobalSettings & Pick<Profile, 'model' | 'api'>>) {
  return useProvider(server, { profile: { model, api }, settings: { detail: 'high', ...settings }, key: 'sk-test' });
}

async function ask() {
  const { conversation, answer } = await createConversation({ picture });
  await answer({ flushMs: 5 });
  const stored = await loadConversation(conversation.id);
  return stored!.turns[0]!;
}

describe('the answer cache', () => {
  it('answers the same question about the same picture from the cache, at no cost', async () => {
    server.reply({ text: 'A bar chart.', usage: { input: 800, output: 20 } });
    const first = await ask();
    const second = await ask();
    expect(server.asks).toHaveLength(1);
    expect(second).toMatchObject({ answer: 'A bar chart.', status: 'done', cached: true, cost: 0 });
    expect(first.cached).toBeUndefined();
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
  });

  it('is not used across models, detail levels or APIs', async () => {
    await ask();
    await configure({ detail: 'low' });
    await ask();
    await configure({ detail: 'low', model: 'gpt-4.1' });
    await ask();
    await configure({ detail: 'low', model: 'gpt-4.1', api: 'responses' });
    await ask();
    expect(server.asks).toHaveLength(4);
  });

  it('"Ask again" goes past the cache and pays for a fresh answer', async () => {
    server.reply({ text: 'First.' }).reply({ text: 'Fresh.' });
    await ask();
    const { conversation, answer } = await createConversation({ picture });
    await answer();
    const turnId = (await loadConversation(conversation.id))!.turns[0]!.id;
    await (await retryTurn(conversation.id, turnId, { bypassCache: true })).done;
    const turn = (await loadConversation(conversation.id))!.turns[0]!;
    expect(turn).toMatchObject({ answer: 'Fresh.', status: 'done' });
    expect(turn.cached).toBeUndefined();
    expect(server.asks).toHaveLength(2);
    expect((await ledgerItem.getValue()).entries).toHaveLength(2);
  });

  it('does not keep cut answers', async () => {
    server.reply({ text: 'half an answer', cut: { afterChunks: 1, how: 'end' } });
    await ask();
    await ask();
    expect(server.asks).toHaveLength(2);
  });

  it(`keeps at most ${CACHE_LIMIT} answers, dropping the oldest`, async () => {
    for (let i = 0; i <= CACHE_LIMIT; i += 1) await rememberAnswer(`key-${i}`, { answer: `a${i}`, at: i });
    const cache = await answerCacheItem.getValue();
    expect(Object.keys(cache)).toHaveLength(CACHE_LIMIT);
    expect(cache['key-0']).toBeUndefined();
    expect(cache[`key-${CACHE_LIMIT}`]?.answer).toBe(`a${CACHE_LIMIT}`);
  });

  it(`keeps at most ${CACHE_MAX_BYTES / 1024 / 1024} MB of answers, dropping the oldest`, async () => {
    // Thirty long descriptions of 50 kB each: 1.5 MB, more than the cache may hold.
    for (let i = 0; i < 30; i += 1) await rememberAnswer(`key-${i}`, { answer: `${i} `.padEnd(50_000, 'x'), at: i });
    const cache = await answerCacheItem.getValue();
    expect(JSON.stringify(cache).length).toBeLessThanOrEqual(CACHE_MAX_BYTES + 1024);
    expect(Object.keys(cache).length).toBeGreaterThan(15);
    expect(cache['key-0']).toBeUndefined();
    expect(cache['key-29']?.answer.startsWith('29 ')).toBe(true);
  });

  it('does not empty itself for one answer larger than all of it', async () => {
    await rememberAnswer('small', { answer: 'A cat.', at: 1 });
    await rememberAnswer('huge', { answer: 'x'.repeat(CACHE_MAX_BYTES + 1), at: 2 });
    expect(Object.keys(await answerCacheItem.getValue())).toEqual(['small']);
  });
});

describe('budgets', () => {
  const spent = (cost: number) =>
    ledgerItem.setValue({ entries: [{ at: Date.now(), conversationId: 'old', kind: 'question', model: 'gpt-4o', input: 1, cachedInput: 0, output: 1, reasoning: 0, cost }], months: [] });

  it('stop requests over the daily limit with a sentence, sending nothing', async () => {
    await configure({ dailyBudget: 1 });
    await spent(1.5);
    const turn = await ask();
    expect(turn.status).toBe('error');
    expect(turn.error).toEqual({
      kind: 'budget',
      message: 'You have spent $1.50 today, which reaches your daily budget of $1.00. Nothing was sent.',
    });
    expect(server.asks).toHaveLength(0);
  });

  it('"Ask anyway" sends it regardless', async () => {
    await configure({ monthlyBudget: 2 });
    await spent(3);
    const { conversation, answer } = await createConversation({ picture });
    await answer();
    const turnId = (await loadConversation(conversation.id))!.turns[0]!.id;
    await (await retryTurn(conversation.id, turnId, { ignoreBudget: true })).done;
    expect((await loadConversation(conversation.id))!.turns[0]).toMatchObject({ status: 'done' });
    expect(server.asks).toHaveLength(1);
  });

  it('let requests through under the limit', async () => {
    await configure({ dailyBudget: 1, monthlyBudget: 10 });
    await spent(0.9);
    expect((await ask()).status).toBe('done');
  });
});

describe('what is recorded', () => {
  it('uses the user\'s own price for a model', async () => {
    await priceOverridesItem.setValue({ first: { 'gpt-4o': { input: 10, cachedInput: 1, output: 100 } } });
    server.reply({ usage: { input: 1000, output: 100, cachedInput: 500 } });
    const turn = await ask();
    expect(turn.cost).toBeCloseTo((500 * 10 + 500 * 1 + 100 * 100) / 1e6, 12);
    expect((await ledgerItem.getValue()).entries[0]).toMatchObject({ input: 1000, cachedInput: 500, output: 100, cost: turn.cost });
  });

  it('records no dollars, never $0, for a model with no price', async () => {
    await configure({ model: 'llava:13b' });
    const turn = await ask();
    expect(turn.cost).toBeNull();
    expect((await ledgerItem.getValue()).entries[0]!.cost).toBeNull();
  });

  it('records an estimate, marked as one, when the stream is cut before the usage', async () => {
    server.reply({ text: 'abcd efgh ijkl', cut: { afterChunks: 2, how: 'end' } });
    const turn = await ask();
    expect(turn).toMatchObject({ status: 'cut', usageEstimated: true, imageTokens: 765 });
    const [recorded] = (await ledgerItem.getValue()).entries;
    // 765 image tokens + "What's in this image?" (21 chars ~ 6 tokens); "abcd efgh " (10 chars ~ 3 tokens).
    expect(recorded).toMatchObject({ estimated: true, input: 765 + 6, output: 3 });
    expect(recorded!.cost).toBeCloseTo(((765 + 6) * 2.5 + 3 * 10) / 1e6, 12);
  });

  it('records an estimate when the user stops the answer', async () => {
    server.reply({ text: 'w '.repeat(300), chunkDelayMs: 10 });
    const { conversation, answer } = await createConversation({ picture });
    const running = answer({ flushMs: 5 });
    await new Promise<void>((resolve) => {
      const unwatch = conversationItem(conversation.id).watch((c) => {
        if (c && c.turns[0]!.answer.length > 0) {
          unwatch();
          resolve();
        }
      });
    });
    stopRequest(conversation.id);
    await running;
    const [recorded] = (await ledgerItem.getValue()).entries;
    expect(recorded).toMatchObject({ estimated: true, input: 765 + 6 });
  });

  it('keeps what an answer cost when storage is too full to write the ledger, and says storage is full', async () => {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const full = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('ledger' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const turn = await ask().finally(() => {
      full.mockRestore();
      quiet.mockRestore();
    });
    expect(turn.status).toBe('error');
    expect(turn.error?.message).toBe(
      'Something went wrong while asking: The extension’s storage in this browser is full. Delete old conversations in History, or reset the spend record in the options, then ask again.',
    );
    expect((await ledgerItem.getValue()).entries).toEqual([]);
    expect(await unsavedSpendItem.getValue()).toMatchObject([{ input: 1234, output: 56, cost: (1234 * 2.5 + 56 * 10) / 1e6 }]);
  });

  it('records nothing for a request the server refused', async () => {
    server.reply({ status: 400, error: { message: 'Invalid image.', code: 'invalid_image_format' } });
    expect((await ask()).status).toBe('error');
    expect((await ledgerItem.getValue()).entries).toEqual([]);
  });
});
