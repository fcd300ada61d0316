/**
 * The abort controllers of answers being streamed right now. They cannot live in storage (they are
 * live objects), and that is fine: if the worker is stopped, the requests die with it and
 * recover-interrupted.ts marks their answers.
 */
const active = new Map<string, AbortController>();

/** Why a request was aborted, kept as the signal's reason. */
export type AbortCause = 'user' | 'stalled';

export function beginRequest(conversationId: string): AbortController {
  if (active.has(conversationId)) {
    throw new Error('An answer is still coming for this picture. Wait for it, or press Stop, before asking again.');
  }
  const controller = new AbortController();
  active.set(conversationId, controller);
  return controller;
}

export function endRequest(conversationId: string, controller: AbortController): void {
  if (active.get(conversationId) === controller) active.delete(conversationId);
}

/** Stops the answer being streamed for a conversation; false when none was. */
export function stopRequest(conversationId: string): boolean {
  const controller = active.get(conversationId);
  if (!controller) return false;
  controller.abort('user' satisfies AbortCause);
  return true;
}

export function isStreaming(conversationId: string): boolean {
  return active.has(conversationId);
}
