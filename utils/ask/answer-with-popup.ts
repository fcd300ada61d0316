/**
 * The request leaves first: the popup opens beside the answer, never before it. Opening it
 * (action.openPopup) takes a couple of hundred milliseconds, and it can be slow, fail where the
 * browser has no window for it, or never settle (revealAnswer bounds it; then the badge says an
 * answer is waiting, badge.ts). The answer goes on either way. The popup is asked for once the
 * conversation is stored (a few milliseconds), so it shows whatever has arrived by the time it opens.
 * Where the side panel opened for the ask (`panel`, answer-surface.ts), no popup is opened: the
 * panel shows the newest conversation by itself, and the answer streams there.
 */
import type { PanelOpening } from '../background/panel-opening';
import { revealAnswer } from '../badge';
import type { BegunConversation } from './start';

export async function answerWithPopup({ saved, answer }: Pick<BegunConversation, 'saved' | 'answer'>, panel?: PanelOpening): Promise<void> {
  const answering = answer();
  const revealing = saved.then(() => revealAnswer(panel).catch((error: unknown) => console.error('Could neither open the popup nor show the badge.', error)));
  // Over once both are: a conversation that could not be stored (the answer then sends nothing,
  // run-turn.ts) is the caller's to say, after the answer has ended.
  const [answered, revealed] = await Promise.allSettled([answering, revealing]);
  if (revealed.status === 'rejected') throw revealed.reason;
  if (answered.status === 'rejected') throw answered.reason;
}
