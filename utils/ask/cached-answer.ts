/**
 * One answer kept in the answer cache (answer-cache.ts): a type of its own, so storage.ts can
 * define the cache's item without importing the cache, which reads and writes through that item.
 */
import type { Usage } from '../vision/types';

export interface CachedAnswer {
  answer: string;
  /** What the original answer cost in tokens, to show what the cache saved. */
  usage?: Usage;
  at: number;
}
