/**
 * Answers already paid for. The same request (picture, question, earlier turns, model, detail, API)
 * gets the same answer from here at no cost; "Ask again" goes past it.
 */
import { serialize } from '../serialize';
import type { ApiKind } from '../settings';
import { answerCacheItem } from '../storage';
import type { Usage, VisionRequest } from '../vision/types';

export interface CachedAnswer {
  answer: string;
  /** What the original answer cost in tokens, to show what the cache saved. */
  usage?: Usage;
  at: number;
}

/** Past this many answers the oldest go; each is a few kB at most. */
export const CACHE_LIMIT = 200;

export async function cacheKey(api: ApiKind, request: VisionRequest): Promise<string> {
  // Everything that shapes the answer is in the key: a JSON (structured) answer and a plain one differ.
  const text = JSON.stringify([
    api, request.model, request.detail, request.imageUrls, request.instructions ?? '', request.history, request.question, request.responseFormat?.name ?? '',
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function cachedAnswer(key: string): Promise<CachedAnswer | undefined> {
  const cache = await answerCacheItem.getValue();
  return Object.hasOwn(cache, key) ? cache[key] : undefined;
}

export function rememberAnswer(key: string, entry: CachedAnswer): Promise<void> {
  return serialize('answer-cache', async () => {
    const cache = { ...(await answerCacheItem.getValue()), [key]: entry };
    const keys = Object.keys(cache);
    if (keys.length > CACHE_LIMIT) {
      keys
        .sort((a, b) => cache[a]!.at - cache[b]!.at)
        .slice(0, keys.length - CACHE_LIMIT)
        .forEach((old) => delete cache[old]);
    }
    await answerCacheItem.setValue(cache);
  });
}
