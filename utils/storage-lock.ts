/**
 * One turn at a time with a stored item, across every context of the extension. The settings and
 * the prices are written by the options page and by the background (a profile chosen in the popup,
 * a profile deleted): each has its own memory, so a queue in one (serialize.ts) does not see the
 * other's steps, and two writes at once could each put back what the other replaced.
 *
 * The Web Locks API orders them: its lock manager belongs to the origin, and the extension's pages
 * and its worker (Chrome) or background page (Firefox) share the extension's origin, so a lock taken
 * in the options page holds off the background's request for the same name until it is released
 * (test/e2e/storage-lock.e2e.ts and test/firefox check this in each browser).
 *
 * The lock is named after the item's own key, so no two files can name one item's lock differently,
 * and two items never wait for each other. Change one item with update-item.ts; take its turn here
 * only for a step that writes more than that one item (the history's index and its conversations).
 */
import { serialize } from './serialize';

/** What a lock is named after: a stored item's key, such as "local:settings". */
export interface Lockable {
  readonly key: string;
}

/** "local:settings" → "storage:settings": the area is left out, as a key names one item whichever area holds it. */
export function lockNameOf(item: Lockable): string {
  return `storage:${item.key.replace(/^(local|session|sync|managed):/, '')}`;
}

export function inTurnWith<T>(item: Lockable, step: () => Promise<T>): Promise<T> {
  const name = lockNameOf(item);
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  // Every extension context of Chrome and Firefox has Web Locks; Node, where unit tests run, does
  // not unless a test puts a lock manager there. Within one context the queue orders the steps alone.
  if (!locks) return serialize(name, step);
  return locks.request(name, () => step());
}
