/**
 * The history of conversations: an index, newest first, bounded so storage stays small (each
 * conversation keeps only thumbnails). When the oldest must go, the user is told.
 */
import { t } from '../shared/i18n';
import { conversationIndexItem, conversationItem, latestConversationIdItem, noticeItem } from '../storage';
import { inTurnWith } from '../storage-lock';

export const HISTORY_LIMIT = 100;

async function removeConversations(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => conversationItem(id).removeValue()));
}

/**
 * Adds a new conversation to the history; the oldest beyond the limit are removed, with a notice.
 * The index, the records it drops and the notice in one turn, as deleting and clearing are.
 */
export function addToHistory(id: string): Promise<void> {
  return inTurnWith(conversationIndexItem, async () => {
    const index = [id, ...(await conversationIndexItem.getValue()).filter((other) => other !== id)];
    const dropped = index.splice(HISTORY_LIMIT);
    await conversationIndexItem.setValue(index);
    await removeConversations(dropped);
    if (dropped.length > 0) {
      await noticeItem.setValue({
        message: t('historyTrimmed', HISTORY_LIMIT),
        at: Date.now() - 1, // older than the new conversation: shown in History, not over the answer
      });
    }
  });
}

export function deleteConversation(id: string): Promise<void> {
  // The index, the record and the latest pointer in one turn: two deletions at once must not point
  // the popup at the conversation the other one removed.
  return inTurnWith(conversationIndexItem, async () => {
    const index = (await conversationIndexItem.getValue()).filter((other) => other !== id);
    await conversationIndexItem.setValue(index);
    await removeConversations([id]);
    if ((await latestConversationIdItem.getValue()) === id) await latestConversationIdItem.setValue(index[0] ?? null);
  });
}

export function clearHistory(): Promise<void> {
  // The records, the index and the latest pointer in one turn: a conversation saved meanwhile is
  // either cleared with the rest or kept, and then shown.
  return inTurnWith(conversationIndexItem, async () => {
    await removeConversations(await conversationIndexItem.getValue());
    await conversationIndexItem.setValue([]);
    await latestConversationIdItem.setValue(null);
  });
}

export async function openConversation(id: string): Promise<void> {
  if (!(await conversationIndexItem.getValue()).includes(id)) {
    throw new Error(t('historyMissing'));
  }
  await latestConversationIdItem.setValue(id);
}
