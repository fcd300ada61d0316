/**
 * The history of conversations: an index, newest first, bounded so storage stays small (each
 * conversation keeps only thumbnails). When the oldest must go, the user is told.
 */
import { t } from '../shared/i18n';
import { conversationIndexItem, conversationItem, latestConversationIdItem, noticeItem } from '../storage';
import { inTurnWith } from '../storage-lock';
import { updateItem } from '../update-item';

export const HISTORY_LIMIT = 100;

async function removeConversations(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => conversationItem(id).removeValue()));
}

/** Adds a new conversation to the history; the oldest beyond the limit are removed, with a notice. */
export async function addToHistory(id: string): Promise<void> {
  let dropped: string[] = [];
  await updateItem(conversationIndexItem, (stored) => {
    const index = [id, ...stored.filter((other) => other !== id)];
    dropped = index.splice(HISTORY_LIMIT);
    return index;
  });
  // Out of the index, so no other step of the history reaches them any more.
  await removeConversations(dropped);
  if (dropped.length > 0) {
    await noticeItem.setValue({
      message: t('historyTrimmed', HISTORY_LIMIT),
      at: Date.now() - 1, // older than the new conversation: shown in History, not over the answer
    });
  }
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

export async function clearHistory(): Promise<void> {
  await updateItem(conversationIndexItem, async (index) => {
    await removeConversations(index);
    return [];
  });
  await latestConversationIdItem.setValue(null);
}

export async function openConversation(id: string): Promise<void> {
  if (!(await conversationIndexItem.getValue()).includes(id)) {
    throw new Error(t('historyMissing'));
  }
  await latestConversationIdItem.setValue(id);
}
