/**
 * The request leaves first: the popup opens beside the answer, never before it. Opening it
 * (action.openPopup) takes a couple of hundred milliseconds, and it can be slow, fail where the
 * browser has no window for it, or never settle (revealAnswer bounds it; then the badge says an
 * answer is waiting, badge.ts). The answer goes on either way. The popup is asked for once the
 * conversation is stored and the request has left (or the turn has ended without one, run-turn.ts
 * `onSent`), so it shows whatever has arrived by the time it opens, and its opening (a renderer's
 * worth of work on the same cores) competes neither with preparing a picture's bytes nor with the
 * request on its way (`npm run bench`: both orders measured, README "Performance").
 * Where the side panel opened for the ask (`panel`, answer-surface.ts), no popup is opened: the
 * panel shows the newest conversation by itself, and the answer streams there.
 */
import type { PanelOpening } from '../background/panel-opening';
import { revealAnswer } from '../badge';
import type { BegunConversation } from './start';

/**
 * The longest the popup waits for the request to leave: a picture slow to download or to prepare
 * (a large file on a slow page) still brings the popup, with its progress and its Stop, soon after
 * the click. Preparing the benchmark's 12 MP photo alone took 190–530 ms on the benchmark's busy machine.
 */
export const POPUP_WAITS_FOR_REQUEST_MS = 500;

export async function answerWithPopup({ saved, answer }: Pick<BegunConversation, 'saved' | 'answer'>, panel?: PanelOpening): Promise<void> {
  let sent!: () => void;
  const left = new Promise<void>((resolve) => (sent = resolve));
  const bound = setTimeout(sent, POPUP_WAITS_FOR_REQUEST_MS);
  void left.then(() => clearTimeout(bound));
  const answering = answer({ onSent: sent });
  const revealing = Promise.all([left, saved]).then(() => revealAnswer(panel).catch((error: unknown) => console.error('Could neither open the popup nor show the badge.', error)));
  // Over once both are: a conversation that could not be stored (the answer then sends nothing,
  // run-turn.ts) is the caller's to say, after the answer has ended.
  const [answered, revealed] = await Promise.allSettled([answering, revealing]);
  if (revealed.status === 'rejected') throw revealed.reason;
  if (answered.status === 'rejected') throw answered.reason;
}
