/** Starting answers: a new conversation about a picture, a follow-up, or a turn answered again. */
import type { SavedKeys } from '../api-key-origin';
import { apiKeys } from '../api-key-store';
import { t } from '../shared/i18n';
import { rememberSource } from '../image/source-store';
import { boundedPicture } from '../page-strings';
import { currentSettings } from '../profiles/current-settings';
import type { Detail, Settings } from '../settings';
import { beginRequest, endRequest } from './active-requests';
import { readAnswerCache, type AnswerCache } from './answer-cache';
import { choiceOf, newConversation, newTurn, resetTurn, type Conversation, type PictureRef, type Turn } from './conversation';
import { loadConversation, saveNewConversation, updateConversation, updateTurn } from './conversation-store';
import type { ResolvedPicture } from './resolve-target';
import { inAdvance, runTurn, type RunOptions } from './run-turn';

/** What a new conversation reads before it writes anything. */
export interface AskReads {
  settings: Settings;
  keys: SavedKeys;
  /** The remembered answers, looked up once the request is put together. */
  cache: AnswerCache;
}

/**
 * The reads an ask needs, in one round. Started at the click, beside asking the page which picture
 * was meant, and before the conversation's writes, which would queue them.
 */
export function readForAsk(): Promise<AskReads> {
  const reads = Promise.all([currentSettings(), apiKeys.all(), readAnswerCache()]).then(([settings, keys, cache]) => ({ settings, keys, cache }));
  return inAdvance(reads, 'the settings, keys or remembered answers for an ask');
}

export interface BegunConversation {
  conversation: Conversation;
  /** The conversation's first writes; the answer sends nothing until they are done. */
  saved: Promise<void>;
  /** Streams the answer; it prepares the request while the conversation is being stored. */
  answer: (options?: RunOptions) => Promise<void>;
}

/**
 * Creates the conversation with its first turn (the default question) and starts storing it. The
 * answer may start at once: it puts the request together while the writes go on, and waits for
 * them before sending, so a failed write still stops the ask before it is paid for. The popup is
 * shown once they are done (answer-with-popup.ts), so it has the conversation to show.
 */
export async function beginConversation(
  { picture: given, sourceDataUrl, incognito }: ResolvedPicture,
  /** The first turn; by default the user's default question. */
  firstTurn: (settings: Settings, picture: PictureRef) => Turn = (settings) => newTurn(settings.defaultQuestion, choiceOf(settings)),
  reads: Promise<AskReads> = readForAsk(),
): Promise<BegunConversation> {
  // Stored with every question: what the page wrote about its picture is bounded first.
  const picture = boundedPicture(given);
  const { settings, keys, cache } = await reads;
  const conversation = newConversation([picture], Date.now(), { incognito: incognito ?? false });
  if (sourceDataUrl) await rememberSource(conversation.id, sourceDataUrl);
  const turn = firstTurn(settings, picture);
  conversation.turns.push(turn);
  const saved = saveNewConversation(conversation);
  // The answer starts from what was just read: settings are read once per ask.
  const known = { conversation, settings, keys, cache, saved };
  return { conversation, saved, answer: (options) => runTurn(conversation.id, turn.id, { ...options, known }) };
}

/** As beginConversation, returning once the conversation is stored. */
export async function createConversation(
  resolved: ResolvedPicture,
  firstTurn?: (settings: Settings, picture: PictureRef) => Turn,
): Promise<{ conversation: Conversation; answer: (options?: RunOptions) => Promise<void> }> {
  const { conversation, saved, answer } = await beginConversation(resolved, firstTurn);
  await saved;
  return { conversation, answer };
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
