/** Starting answers: a new conversation about a picture, a follow-up, or a turn answered again. */
import { apiKeys } from '../api-key-store';
import { t } from '../i18n';
import { rememberSource } from '../image/source-store';
import { currentSettings } from '../profiles/current-settings';
import type { Detail, Settings } from '../settings';
import { beginRequest, endRequest } from './active-requests';
import { choiceOf, newConversation, newTurn, resetTurn, type Conversation, type PictureRef, type Turn } from './conversation';
import { loadConversation, saveNewConversation, updateConversation, updateTurn } from './conversation-store';
import type { ResolvedPicture } from './resolve-target';
import { runTurn, type RunOptions } from './run-turn';

/**
 * Creates the conversation with its first turn (the default question) and stores it, so the popup
 * has something to show at once. Returns the conversation and a function that streams the answer.
 */
export async function createConversation(
  { picture, sourceDataUrl, incognito }: ResolvedPicture,
  /** The first turn; by default the user's default question. */
  firstTurn: (settings: Settings, picture: PictureRef) => Turn = (settings) => newTurn(settings.defaultQuestion, choiceOf(settings)),
): Promise<{ conversation: Conversation; answer: (options?: RunOptions) => Promise<void> }> {
  // The keys are read with the settings, before the conversation's writes, which would queue them.
  const [settings, keys] = await Promise.all([currentSettings(), apiKeys.all()]);
  const conversation = newConversation([picture], Date.now(), { incognito: incognito ?? false });
  if (sourceDataUrl) await rememberSource(conversation.id, sourceDataUrl);
  const turn = firstTurn(settings, picture);
  conversation.turns.push(turn);
  await saveNewConversation(conversation);
  // The answer starts from what was just read and stored: settings are read once per ask.
  return { conversation, answer: (options) => runTurn(conversation.id, turn.id, { ...options, known: { conversation, settings, keys } }) };
}

/**
 * Reserves the conversation at once (synchronously, so two quick asks cannot both pass), prepares
 * the turn, and starts answering it; if preparing fails, the reservation is given back.
 */
export async function startTurn(conversationId: string, prepare: () => Promise<string>, options?: RunOptions): Promise<{ done: Promise<void> }> {
  const controller = beginRequest(conversationId);
  try {
    if (!(await loadConversation(conversationId))) throw new Error(t('conversationGone'));
    const turnId = await prepare();
    return { done: runTurn(conversationId, turnId, options, controller) };
  } catch (error) {
    endRequest(conversationId, controller);
    throw error;
  }
}

function questionText(question: string): string {
  const text = question.trim();
  if (!text) throw new Error(t('typeAQuestion'));
  return text;
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
  const text = questionText(question);
  return startTurn(
    conversationId,
    async () => {
      // Asked of the profile active now: a switch in the popup takes effect from the next question.
      const settings = await currentSettings();
      const turn = newTurn(text, choiceOf(settings, choices.detail ?? settings.detail));
      await updateConversation(conversationId, (c) => ({ ...c, turns: [...c.turns, turn] }));
      return turn.id;
    },
    options,
  );
}

/**
 * Edit and resend: the turn gets the new question, and the turns after it are dropped. A new
 * question, so it is asked of the profile active now, as a follow-up would be.
 */
export async function editTurn(conversationId: string, turnId: string, question: string): Promise<{ done: Promise<void> }> {
  const text = questionText(question);
  return startTurn(conversationId, async () => {
    const { model, api, profile } = choiceOf(await currentSettings());
    const asked = profile ? { model, api, profileId: profile.id, profileName: profile.name } : { model, api };
    await updateConversation(conversationId, (c) => {
      const index = c.turns.findIndex((turn) => turn.id === turnId);
      if (index === -1) return c;
      return { ...c, turns: [...c.turns.slice(0, index), resetTurn({ ...c.turns[index]!, question: text, ...asked })] };
    });
    return turnId;
  });
}

/** Answers a turn again: past a reached budget ("Ask anyway") or past the cache ("Ask again"). */
export async function retryTurn(conversationId: string, turnId: string, options: RunOptions): Promise<{ done: Promise<void> }> {
  return startTurn(
    conversationId,
    async () => {
      await updateTurn(conversationId, turnId, (turn) => resetTurn(turn));
      return turnId;
    },
    options,
  );
}
