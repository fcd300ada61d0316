/** Reading and changing stored conversations, one change at a time per conversation. */
import { conversationItem, latestConversationIdItem, streamingConversationsItem } from '../storage';
import { inTurnWith } from '../storage-lock';
import { updateItem } from '../update-item';
import { isIncognito, type Conversation, type Turn } from './conversation';
import { addToHistory } from './history';

export function loadConversation(id: string): Promise<Conversation | null> {
  return conversationItem(id).getValue();
}

/**
 * Stores a new conversation, lists it in the history and makes it the latest, all at once. The
 * record is asked for first, and a storage area writes in the order it is asked, so a popup told of
 * the new latest id finds the conversation. It takes its place in the conversation's queue of
 * changes, so a change asked for while it is stored (the turn it starts may fail early) comes after.
 */
export function saveNewConversation(conversation: Conversation): Promise<void> {
  return inTurnWith(conversationItem(conversation.id), async () => {
    // A private window's conversation is in session storage and the latest id in local: two areas
    // keep no order between them, so the record is written before anything points to it.
    if (isIncognito(conversation.id)) await conversationItem(conversation.id).setValue(conversation);
    await Promise.all([
      isIncognito(conversation.id) ? undefined : conversationItem(conversation.id).setValue(conversation),
      isIncognito(conversation.id) ? undefined : addToHistory(conversation.id),
      latestConversationIdItem.setValue(conversation.id),
    ]);
  });
}

/** Applies `change` to the stored conversation; returns the result, or null if it is gone. */
export function updateConversation(
  id: string,
  change: (conversation: Conversation) => Conversation,
): Promise<Conversation | null> {
  // A conversation that is gone stays gone: null is given back as it is, so nothing is written.
  return updateItem(conversationItem(id), (current) => current && change(current));
}

export function updateTurn(
  conversationId: string,
  turnId: string,
  change: (turn: Turn) => Turn,
): Promise<Conversation | null> {
  return updateConversation(conversationId, (c) => ({
    ...c,
    turns: c.turns.map((t) => (t.id === turnId ? change(t) : t)),
  }));
}

/** Takes the streaming marks off these conversations, and only these. */
export async function unmarkStreaming(conversationIds: readonly string[]): Promise<void> {
  await updateItem(streamingConversationsItem, (ids) => ids.filter((id) => !conversationIds.includes(id)));
}

export async function markStreaming(conversationId: string, streaming: boolean): Promise<void> {
  await updateItem(streamingConversationsItem, (ids) => {
    const others = ids.filter((id) => id !== conversationId);
    return streaming ? [...others, conversationId] : others;
  });
}
