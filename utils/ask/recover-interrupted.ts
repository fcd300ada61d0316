/**
 * A worker that starts has no requests in flight from before, so a conversation still marked as
 * streaming was cut off when the browser stopped the previous worker. Say so, keep what arrived.
 *
 * The user may ask again the moment the worker starts, so recovery leaves alone what this worker
 * is answering, and clears only the marks it recovered: a mark set meanwhile by a new answer stays.
 * The popup asks for one conversation (`only`) when it shows an answer still being written.
 */
import { streamingConversationsItem } from '../storage';
import { t } from '../shared/i18n';
import { isAnswering } from './active-requests';
import { finished } from './conversation';
import { unmarkStreaming, updateConversation } from './conversation-store';

export async function recoverInterrupted(only?: readonly string[]): Promise<void> {
  const MESSAGE = t('interrupted');
  const recovered: string[] = [];
  const marked = await streamingConversationsItem.getValue();
  for (const id of only ? marked.filter((marked) => only.includes(marked)) : marked) {
    if (isAnswering(id)) continue;
    await updateConversation(id, (c) =>
      // Checked again inside the conversation's lock: a follow-up may have started since.
      isAnswering(id)
        ? c
        : {
            ...c,
            turns: c.turns.map((turn) =>
              turn.status === 'streaming'
                ? finished(turn, { status: turn.answer ? 'cut' : 'error', note: MESSAGE, error: { kind: 'interrupted', message: MESSAGE } })
                : turn,
            ),
          },
    );
    if (!isAnswering(id)) recovered.push(id);
  }
  await unmarkStreaming(recovered);
}
