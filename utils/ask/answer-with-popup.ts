/**
 * The request leaves first: the popup opens beside the answer, never before it. Opening it
 * (action.openPopup) takes a couple of hundred milliseconds, and it can be slow, or fail where the
 * browser has no window for it (then the badge says an answer is waiting, badge.ts); the answer
 * goes on either way. The conversation is stored before either starts, so the popup shows
 * whatever has arrived by the time it opens.
 */
import { revealAnswer } from '../badge';

export async function answerWithPopup(answer: () => Promise<void>): Promise<void> {
  const answering = answer();
  // Opened beside the answer, which is already on its way; the ask ends once both are done. A popup
  // still opening after its ask had ended was seen to take the service worker down with it when its
  // window closed meanwhile (headless Chromium, under load): the next ask was never sent.
  const revealing = revealAnswer().catch((error: unknown) => console.error('Could neither open the popup nor show the badge.', error));
  await Promise.all([answering, revealing]);
}
