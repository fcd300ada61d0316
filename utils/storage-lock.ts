/**
 * One read-modify-write of a stored item at a time, across every context of the extension. The
 * settings and the prices are written by the options page and by the background (a profile chosen
 * in the popup, a profile deleted): each has its own memory, so a queue in one (serialize.ts) does
 * not see the other's steps, and two writes at once could each put back what the other replaced.
 *
 * The Web Locks API orders them: its lock manager belongs to the origin, and the extension's pages
 * and its worker (Chrome) or background page (Firefox) share the extension's origin, so a lock taken
 * in the options page holds off the background's request for the same name until it is released
 * (test/e2e/storage-lock.e2e.ts and test/firefox check this in each browser).
 */
import { serialize } from './serialize';

export function writeInTurn<T>(item: string, step: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  // Every extension context of Chrome and Firefox has Web Locks; Node, where unit tests run, does
  // not unless a test puts a lock manager there. Within one context the queue orders the steps alone.
  if (!locks) return serialize(item, step);
  return locks.request(`storage:${item}`, () => step());
}
