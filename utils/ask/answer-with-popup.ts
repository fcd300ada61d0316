/**
 * The request leaves first: the popup opens beside the answer, never before it. Opening it
 * (action.openPopup) takes a couple of hundred milliseconds, and it can be slow, fail where the
 * browser has no window for it, or never settle (revealAnswer bounds it; then the badge says an
 * answer is waiting, badge.ts). The answer goes on either way. The conversation is stored before
 * either starts, so the popup shows whatever has arrived by the time it opens.
 */
import { revealAnswer } from '../badge';

export async function answerWithPopup(answer: () => Promise<void>): Promise<void> {
  const answering = answer();
  const revealing = revealAnswer().catch((error: unknown) => console.error('Could neither open the popup nor show the badge.', error));
  await Promise.all([answering, revealing]);
}
