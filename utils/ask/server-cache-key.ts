/**
 * The answer cache's key for a request to one server. The same picture and question asked of
 * another profile's server is another question: its model of the same name may be another model,
 * and a switch of profile must reach the new server rather than replay the old one's answer.
 */
import { originOf } from '../api-key-origin';
import type { ApiKind } from '../settings';
import type { VisionRequest } from '../vision/types';
import { cacheKey } from './answer-cache';

export async function serverCacheKey(baseUrl: string, api: ApiKind, request: VisionRequest): Promise<string> {
  const text = JSON.stringify([originOf(baseUrl), await cacheKey(api, request)]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
