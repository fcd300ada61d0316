/**
 * A worker that starts cannot have requests in flight, so any conversation still marked as
 * streaming was cut off when the browser stopped the previous worker. Say so, keep what arrived.
 */
import { streamingConversationsItem } from '../storage';
import { t } from '../i18n';
import { updateConversation } from './conversation-store';

export async function recoverInterrupted(): Promise<void> {
  const MESSAGE = t('interrupted');
  const ids = await streamingConversationsItem.getValue();
  for (const id of ids) {
    await updateConversation(id, (c) => ({
      ...c,
      turns: c.turns.map((t) =>
        t.status === 'streaming'
          ? { ...t, status: t.answer ? 'cut' : 'error', note: MESSAGE, error: { kind: 'interrupted', message: MESSAGE }, finishedAt: Date.now() }
          : t,
      ),
    }));
  }
  await streamingConversationsItem.setValue([]);
}
