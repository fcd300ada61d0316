/**
 * Answers already paid for. The same request (picture, question, earlier turns, model, detail, API)
 * gets the same answer from here at no cost; "Ask again" goes past it.
 */
import type { ApiKind } from '../settings';
import { answerCacheItem } from '../storage';
import { updateItem } from '../update-item';
import type { VisionRequest } from '../vision/types';
import type { CachedAnswer } from './cached-answer';

export type { CachedAnswer };

/** Past this many answers the oldest go. */
export const CACHE_LIMIT = 200;
/**
 * And past this many bytes: answers are usually a few hundred bytes, but a long description can
 * be tens of kB, and the cache shares storage.local's 10 MB with the history and the ledger.
 */
export const CACHE_MAX_BYTES = 1024 * 1024;

/** Remembered answers by cache key. */
export type AnswerCache = Record<string, CachedAnswer>;

const sizeOf = (key: string, entry: CachedAnswer) => key.length + JSON.stringify(entry).length;

export async function cacheKey(api: ApiKind, request: VisionRequest): Promise<string> {
  // Everything that shapes the answer is in the key: a JSON (structured) answer and a plain one differ.
  const text = JSON.stringify([
    api, request.model, request.detail, request.imageUrls, request.instructions ?? '', request.history, request.question, request.responseFormat?.name ?? '',
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The remembered answers, read before the key to look up is known (it depends on the pictures as
 * sent), so that read is not one more round trip on the way to the request. Look up with `answerFor`.
 */
export function readAnswerCache(): Promise<AnswerCache> {
  return answerCacheItem.getValue();
}

export function answerFor(cache: AnswerCache, key: string): CachedAnswer | undefined {
  return Object.hasOwn(cache, key) ? cache[key] : undefined;
}

export async function cachedAnswer(key: string): Promise<CachedAnswer | undefined> {
  return answerFor(await readAnswerCache(), key);
}

export async function rememberAnswer(key: string, entry: CachedAnswer): Promise<void> {
  // An answer larger than the whole cache is not kept at all, rather than emptying it.
  if (sizeOf(key, entry) > CACHE_MAX_BYTES) return;
  await updateItem(answerCacheItem, (stored) => {
    const cache = { ...stored, [key]: entry };
    // Oldest first out, until both the count and the size fit.
    const oldestFirst = Object.keys(cache).sort((a, b) => cache[a]!.at - cache[b]!.at);
    let bytes = oldestFirst.reduce((sum, k) => sum + sizeOf(k, cache[k]!), 0);
    let count = oldestFirst.length;
    for (const old of oldestFirst) {
      if (count <= CACHE_LIMIT && bytes <= CACHE_MAX_BYTES) break;
      bytes -= sizeOf(old, cache[old]!);
      count -= 1;
      delete cache[old];
    }
    return cache;
  });
}
