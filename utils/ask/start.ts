/** Starting answers: a new conversation about a picture, a follow-up, or a turn answered again. */
import { withDefaults, type Detail } from '../settings';
import { settingsItem } from '../storage';
import { isStreaming } from './active-requests';
import { rememberSource } from '../image/source-store';
import { t } from '../i18n';
import { newConversation, newTurn, resetTurn, type Conversation } from './conversation';
import { loadConversation, saveNewConversation, updateConversation, updateTurn } from './conversation-store';
import type { ResolvedPicture } from './resolve-target';
import { runTurn, type RunOptions } from './run-turn';


/**
 * Creates the conversation with its first turn (the default question) and stores it, so the popup
 * has something to show at once. Returns the conversation and a function that streams the answer.
 */
export async function createConversation({ picture, sourceDataUrl }: ResolvedPicture): Promise<{ conversation: Conversation; answer: (options?: RunOptions) => Promise<void> }> {
  const settings = withDefaults(await settingsItem.getValue());
  const conversation = newConversation([picture]);
  if (sourceDataUrl) await rememberSource(conversation.id, sourceDataUrl);
  const turn = newTurn(settings.defaultQuestion, settings);
  conversation.turns.push(turn);
  await saveNewConversation(conversation);
  return { conversation, answer: (options) => runTurn(conversation.id, turn.id, options) };
}

async function checkReady(conversationId: string): Promise<void> {
  if (isStreaming(conversationId)) throw new Error(t('busyAnswering'));
  if (!(await loadConversation(conversationId))) throw new Error(t('conversationGone'));
}

/**
 * A follow-up question about the same picture; the earlier turns go along with it. The popup's
 * request returns once the turn is stored, and the answer streams on in the background.
 */
export async function askFollowUp(
  conversationId: string,
  question: string,
  choices: { detail?: Detail } = {},
  options?: RunOptions,
): Promise<{ done: Promise<void> }> {
  const text = question.trim();
  if (!text) throw new Error(t('typeAQuestion'));
  await checkReady(conversationId);
  const settings = withDefaults(await settingsItem.getValue());
  const turn = newTurn(text, { ...settings, detail: choices.detail ?? settings.detail });
  await updateConversation(conversationId, (c) => ({ ...c, turns: [...c.turns, turn] }));
  return { done: runTurn(conversationId, turn.id, options) };
}

/** Edit and resend: the turn gets the new question, and the turns after it are dropped. */
export async function editTurn(conversationId: string, turnId: string, question: string): Promise<{ done: Promise<void> }> {
  const text = question.trim();
  if (!text) throw new Error(t('typeAQuestion'));
  await checkReady(conversationId);
  await updateConversation(conversationId, (c) => {
    const index = c.turns.findIndex((t) => t.id === turnId);
    if (index === -1) return c;
    return { ...c, turns: [...c.turns.slice(0, index), resetTurn({ ...c.turns[index]!, question: text })] };
  });
  return { done: runTurn(conversationId, turnId) };
}

/** Answers a turn again: past a reached budget ("Ask anyway") or past the cache ("Ask again"). */
export async function retryTurn(conversationId: string, turnId: string, options: RunOptions): Promise<{ done: Promise<void> }> {
  await checkReady(conversationId);
  await updateTurn(conversationId, turnId, (t) => resetTurn(t));
  return { done: runTurn(conversationId, turnId, options) };
}
