/**
 * The abort controllers of turns being answered right now (from preparing the pictures to the
 * last word). They cannot live in storage (they are
 * live objects), and that is fine: if the worker is stopped, the requests die with it and
 * recover-interrupted.ts marks their answers.
 */
import { t } from '../shared/i18n';
import { keepAlive } from './keep-alive';

const active = new Map<string, { controller: AbortController; release: () => void }>();

/** Why a request was aborted, kept as the signal's reason. */
export type AbortCause = 'user' | 'stalled';

export function beginRequest(conversationId: string): AbortController {
  if (active.has(conversationId)) throw new Error(t('busyAnswering'));
  const controller = new AbortController();
  active.set(conversationId, { controller, release: keepAlive.hold() });
  return controller;
}

export function endRequest(conversationId: string, controller: AbortController): void {
  const entry = active.get(conversationId);
  if (entry?.controller !== controller) return;
  entry.release();
  active.delete(conversationId);
}

/** Whether this worker is answering in the conversation right now. */
export function isAnswering(conversationId: string): boolean {
  return active.has(conversationId);
}

/** Stops the answer being streamed for a conversation; false when none was. */
export function stopRequest(conversationId: string): boolean {
  const entry = active.get(conversationId);
  if (!entry) return false;
  entry.controller.abort('user' satisfies AbortCause);
  return true;
}
