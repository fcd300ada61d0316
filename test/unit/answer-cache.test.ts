/**
 * The answer cache (utils/ask/answer-cache.ts) gives an answer already paid for at no cost. Its key
 * must tell apart any two requests that could be answered differently, and it must stay within
 * its share of storage.local, dropping the oldest answers first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CACHE_LIMIT, CACHE_MAX_BYTES, cacheKey, cachedAnswer, rememberAnswer, type CachedAnswer } from '../../utils/ask/answer-cache';
import { answerCacheItem } from '../../utils/storage';
import type { VisionRequest } from '../../utils/vision/types';

beforeEach(() => {
  fakeBrowser.reset();
});

const request: VisionRequest = {
  model: 'gpt-4o',
  detail: 'high',
  imageUrls: ['https://example.com/cat.jpg'],
  history: [],
  question: 'What breed is it?',
};

describe('cacheKey', () => {
  it('is the same for the same request, as 64 hexadecimal digits (SHA-256)', async () => {
    const key = await cacheKey('chat', request);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey('chat', { ...request, imageUrls: [...request.imageUrls] })).toBe(key);
  });

  it('is the SHA-256 of everything that shapes the answer', async () => {
    // Pinned so a change to what goes into the key is a decision, not an accident: a change would
    // also make every cached answer unreachable.
    const text = JSON.stringify(['chat', 'gpt-4o', 'high', ['https://example.com/cat.jpg'], '', [], 'What breed is it?', '']);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    expect(await cacheKey('chat', request)).toBe(hex);
  });

  it.each<[string, Partial<VisionRequest>]>([
    ['another model', { model: 'gpt-4.1' }],
    ['another detail', { detail: 'low' }],
    ['another picture', { imageUrls: ['https://example.com/dog.jpg'] }],
    ['the same pictures in another order', { imageUrls: ['https://example.com/b.jpg', 'https://example.com/a.jpg'] }],
    ['an instruction to answer in French', { instructions: 'Answer in French.' }],
    ['an earlier exchange', { history: [{ question: 'Is it a cat?', answer: 'Yes.' }] }],
    ['another question', { question: 'How old is it?' }],
    ['a structured (JSON) answer', { responseFormat: { name: 'alt_text', schema: {} } }],
  ])('differs for %s', async (_, change) => {
    const base = await cacheKey('chat', request);
    expect(await cacheKey('chat', { ...request, ...change })).not.toBe(base);
  });

  it('differs between the two APIs', async () => {
    expect(await cacheKey('responses', request)).not.toBe(await cacheKey('chat', request));
  });

  it('differs when the same words are split differently between the turns', async () => {
    const a = await cacheKey('chat', { ...request, history: [{ question: 'ab', answer: 'c' }], question: 'd' });
    const b = await cacheKey('chat', { ...request, history: [{ question: 'a', answer: 'bc' }], question: 'd' });
    expect(a).not.toBe(b);
  });

  it('differs between two structured answers that follow different schemas', async () => {
    const alt = await cacheKey('chat', { ...request, responseFormat: { name: 'alt_text', schema: {} } });
    const audit = await cacheKey('chat', { ...request, responseFormat: { name: 'audit_row', schema: {} } });
    expect(alt).not.toBe(audit);
  });
});

describe('cachedAnswer', () => {
  it('finds what was remembered, and nothing under another key', async () => {
    await rememberAnswer('k1', { answer: 'A cat.', at: 1 });
    expect(await cachedAnswer('k1')).toEqual({ answer: 'A cat.', at: 1 });
    expect(await cachedAnswer('k2')).toBeUndefined();
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('finds nothing under %j in an empty cache', async (key) => {
    expect(await cachedAnswer(key)).toBeUndefined();
  });

  it('keeps what the first answer cost, to show what the cache saved', async () => {
    const usage = { input: 800, cachedInput: 0, output: 20, reasoning: 0 };
    await rememberAnswer('k1', { answer: 'A cat.', usage, at: 1 });
    expect((await cachedAnswer('k1'))?.usage).toEqual(usage);
  });
});

/** What an entry counts against the cache's bytes: its key and its JSON, as the code measures it. */
const sizeOf = (key: string, entry: CachedAnswer) => key.length + JSON.stringify(entry).length;
/** An entry whose key and JSON come to exactly `bytes`. */
function entryOfSize(key: string, bytes: number, at: number): CachedAnswer {
  const empty = sizeOf(key, { answer: '', at });
  return { answer: 'x'.repeat(bytes - empty), at };
}

describe('rememberAnswer: the count', () => {
  it(`keeps ${CACHE_LIMIT} answers, all of them`, async () => {
    for (let i = 0; i < CACHE_LIMIT; i += 1) await rememberAnswer(`k${i}`, { answer: `a${i}`, at: i });
    expect(Object.keys(await answerCacheItem.getValue())).toHaveLength(CACHE_LIMIT);
  });

  it('drops the oldest answer, by when it was given, not by when it was stored', async () => {
    // Stored newest first: insertion order and age disagree.
    for (let i = CACHE_LIMIT; i >= 1; i -= 1) await rememberAnswer(`k${i}`, { answer: `a${i}`, at: 1000 + i });
    await rememberAnswer('new', { answer: 'fresh', at: 5000 });
    const cache = await answerCacheItem.getValue();
    expect(Object.keys(cache)).toHaveLength(CACHE_LIMIT);
    expect(cache.k1).toBeUndefined();
    expect(cache.k2?.answer).toBe('a2');
    expect(cache.new?.answer).toBe('fresh');
  });
});

describe('rememberAnswer: the bytes', () => {
  it('keeps one answer as large as the whole cache', async () => {
    await rememberAnswer('big', entryOfSize('big', CACHE_MAX_BYTES, 1));
    expect(Object.keys(await answerCacheItem.getValue())).toEqual(['big']);
  });

  it('keeps nothing of an answer one byte larger, and leaves the rest alone', async () => {
    await rememberAnswer('small', { answer: 'A cat.', at: 1 });
    await rememberAnswer('huge', entryOfSize('huge', CACHE_MAX_BYTES + 1, 2));
    expect(Object.keys(await answerCacheItem.getValue())).toEqual(['small']);
  });

  it('keeps answers that together fill the cache exactly', async () => {
    const half = CACHE_MAX_BYTES / 2;
    await rememberAnswer('a', entryOfSize('a', half, 1));
    await rememberAnswer('b', entryOfSize('b', half, 2));
    expect(Object.keys(await answerCacheItem.getValue()).sort()).toEqual(['a', 'b']);
  });

  it('drops only as many of the oldest as it takes to fit', async () => {
    const third = Math.floor(CACHE_MAX_BYTES / 3) - 1000;
    await rememberAnswer('first', entryOfSize('first', third, 1));
    await rememberAnswer('second', entryOfSize('second', third, 2));
    await rememberAnswer('third', entryOfSize('third', third, 3));
    // One more byte than the room left: the first answer goes, the second stays.
    const room = CACHE_MAX_BYTES - 3 * third;
    await rememberAnswer('fourth', entryOfSize('fourth', room + 1, 4));
    expect(room).toBeGreaterThan(100);
    expect(Object.keys(await answerCacheItem.getValue()).sort()).toEqual(['fourth', 'second', 'third']);
  });

  it('drops several old answers for one large new one, oldest first', async () => {
    const tenth = Math.floor(CACHE_MAX_BYTES / 10);
    for (let i = 0; i < 10; i += 1) await rememberAnswer(`k${i}`, entryOfSize(`k${i}`, tenth, 100 - i));
    await rememberAnswer('large', entryOfSize('large', 3 * tenth, 200));
    const cache = await answerCacheItem.getValue();
    // k9, k8 and k7 are the oldest (at 91, 92, 93): exactly those three make the room.
    expect(Object.keys(cache).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'large']);
    const total = Object.entries(cache).reduce((sum, [k, e]) => sum + sizeOf(k, e), 0);
    expect(total).toBeLessThanOrEqual(CACHE_MAX_BYTES);
  });
});

describe('rememberAnswer: at the same time', () => {
  it('loses no answer when several are remembered at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => rememberAnswer(`k${i}`, { answer: `a${i}`, at: i })));
    expect(Object.keys(await answerCacheItem.getValue())).toHaveLength(20);
  });
});
