/** Starting answers: a new conversation about a picture, or a follow-up in an existing one. */
import { withDefaults } from '../settings';
import { settingsItem } from '../storage';
import { isStreaming } from './active-requests';
import { newConversation, newTurn, type Conversation, type PictureRef } from './conversation';
import { loadConversation, saveNewConversation, updateConversation } from './conversation-store';
import { runTurn, type RunOptions } from './run-turn';

/**
 * Creates the conversation with its first turn (the default question) and stores it, so the popup
 * has something to show at once. Returns the conversation and a function that streams the answer.
 */
export async function createConversation(picture: PictureRef): Promise<{ conversation: Conversation; answer: (options?: RunOptions) => Promise<void> }> {
  const settings = withDefaults(await settingsItem.getValue());
  const conversation = newConversation(picture);
  const turn = newTurn(settings.defaultQuestion, settings);
  conversation.turns.push(turn);
  await saveNewConversation(conversation);
  return { conversation, answer: (options) => runTurn(conversation.id, turn.id, options) };
}

/** A follow-up question about the same picture; the earlier turns go along with it. */
export async function askFollowUp(conversationId: string, question: string, options?: RunOptions): Promise<void> {
  const text = question.trim();
  if (!text) throw new Error('Type a question first.');
  if (isStreaming(conversationId)) {
    throw new Error('An answer is still coming for this picture. Wait for it, or press Stop, before asking again.');
  }
  if (!(await loadConversation(conversationId))) {
    throw new Error('This conversation no longer exists. Right-click the picture to start again.');
  }
  const settings = withDefaults(await settingsItem.getValue());
  const turn = newTurn(text, settings);
  await updateConversation(conversationId, (c) => ({ ...c, turns: [...c.turns, turn] }));
  // The popup's request returns once the turn is stored; the answer streams on in the background.
  void runTurn(conversationId, turn.id, options);
}
