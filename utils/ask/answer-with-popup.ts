/**
 * The request leaves first: the popup opens beside the answer, never before it. Opening it
 * (action.openPopup) takes a couple of hundred milliseconds, and it can hang, or fail where the
 * browser has no window for it (then the badge says an answer is waiting, badge.ts). The
 * conversation is stored before either starts, so the popup shows whatever has arrived by the
 * time it opens.
 */
import { revealAnswer } from '../badge';

/** How long an ask that has its answer still waits for the popup to finish opening. */
const POPUP_WAIT_MS = 2_000;

export async function answerWithPopup(answer: () => Promise<void>): Promise<void> {
  const answering = answer();
  const revealing = revealAnswer().catch((error: unknown) => console.error('Could neither open the popup nor show the badge.', error));
  await answering;
  // The ask ends once the popup is open too, but waits for it no longer than this: a popup still
  // opening when its window closed was seen to take the service worker down with it (Chromium,
  // headless, the next ask never sent), and a popup that never opens must not hold the ask for ever.
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([revealing, new Promise<void>((done) => (timer = setTimeout(done, POPUP_WAIT_MS)))]);
  clearTimeout(timer);
}
