/**
 * Answers one turn of a conversation: reads what the turn needs (or takes what its caller has just
 * read), checks the key and settings, prepares the pictures (turn-request.ts), and runs the request
 * through the one request runner (request-runner.ts: cache, budget, stream, cost, the two mended
 * retries). How it ended is written to the turn (turn-ending.ts); the popup only renders that.
 */
import { browser } from 'wxt/browser';
import { picturesTokens } from '../cost/estimate-usage';
import { errorWords } from '../error-words';
import { t } from '../shared/i18n';
import { currentSettings } from '../profiles/current-settings';
import { FIRST_PROFILE_ID, type Profile, type Settings } from '../settings';
import type { SavedKey, SavedKeys } from '../api-key-origin';
import { apiKeys, keyOf } from '../api-key-store';
import { readAnswerCache, type AnswerCache } from './answer-cache';
import { answerInstruction } from './answer-language';
import { finished, picturesOf, type Conversation, type Turn, type TurnError } from './conversation';
import { beginRequest, endRequest, type AbortCause } from './active-requests';
import { loadConversation, markStreaming, updateConversation, updateTurn } from './conversation-store';
import { addAddressThumbnails, withThumbnails } from './thumbnails';
import { budgetProblem, connectionProblem } from './preflight';
import { runRequest } from './request-runner';
import { endTurn } from './turn-ending';
import { firstTurnAttempt, type TurnJob } from './turn-request';
import { turnSide, type TurnReads } from './turn-side';
import type { StreamOptions } from './turn-sink';

export interface RunOptions extends StreamOptions {
  /** "Ask anyway": send even though a budget is reached. */
  ignoreBudget?: boolean;
  /** "Ask again": do not answer from the cache. */
  bypassCache?: boolean;
  /**
   * What a new conversation's caller has just read, so it is not read again: the settings, the keys
   * and the remembered answers, and the conversation with the writes that store it (`saved`). The
   * turn sends nothing before those are done, and its own writes to the conversation queue behind
   * them (conversation-store.ts).
   */
  known?: { conversation: Conversation; settings: Settings; keys: SavedKeys; cache?: AnswerCache; saved?: Promise<void> };
  /**
   * Called once the request has left, or the turn has ended without one (from the cache, over
   * budget, refused): the moment to open the popup without it competing with the request.
   */
  onSent?: () => void;
}

/**
 * Answers a turn. The conversation is reserved from the first moment (the default `controller`
 * is taken synchronously, when runTurn is called), so Stop, "still coming" and the worker-restart
 * recovery cover preparing the pictures too, and whatever goes wrong, the turn ends in words.
 */
export async function runTurn(
  conversationId: string,
  turnId: string,
  options: RunOptions = {},
  controller: AbortController = beginRequest(conversationId),
): Promise<void> {
  // Marked beside the answer, not before it: the unmark below queues behind the mark
  // (conversation-store.ts), and the request need not wait for either. A new conversation's is
  // made once its first writes are done: among them, its read and write would make them, and so the
  // request, a few milliseconds later (`npm run bench`).
  const marked = (options.known?.saved ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => markStreaming(conversationId, true))
    .catch((error: unknown) => console.error('Could not mark the answer as streaming; a stopped worker would leave it unmarked.', error));
  try {
    await answerTurn(conversationId, turnId, options, controller);
  } catch (error) {
    const stopped = controller.signal.aborted && (controller.signal.reason as AbortCause) === 'user';
    if (!stopped) console.error('Answering failed unexpectedly.', error);
    const ending: Partial<Turn> = stopped
      ? { status: 'stopped', note: t('errStopped') }
      : { status: 'error', error: { kind: 'unknown', message: t('errUnknown', errorWords(error)) } };
    await updateTurn(conversationId, turnId, (turn) => (turn.status === 'streaming' ? finished(turn, ending) : turn));
  } finally {
    // A turn that ended before its request left (a refusal, a failure, a stop) lets the popup open too.
    options.onSent?.();
    endRequest(conversationId, controller);
    await marked;
    await markStreaming(conversationId, false);
  }
}

/**
 * A read started before it is known to be needed. An ask or a turn that ends first (no picture
 * there, no key, a picture that cannot be sent) never awaits it, so a failure is said here rather
 * than left unhandled; whoever awaits it hears of the failure too.
 */
export function inAdvance<T>(read: Promise<T>, what: string): Promise<T> {
  read.catch((error: unknown) => console.warn(`Could not read ${what}; whatever needed it says so too.`, error));
  return read;
}

/**
 * A write the request does not wait for: the turn's later writes queue behind it (updateConversation
 * takes one change at a time per conversation), so nothing is lost or reordered.
 */
function besideRequest(write: Promise<unknown>): void {
  write.catch((error: unknown) => console.error('Could not store what the turn is sending; the next write of the turn will say more.', error));
}

/** What a turn starts from: the conversation, the turn, the settings of the profile it names, and that profile's key. */
interface TurnInputs {
  stored: Conversation;
  asked: Turn;
  settings: Settings;
  key: SavedKey | null;
  /** The reads the request waits for, started together (see readInputs); `saved`: whether a new conversation was stored. */
  reads: { cache: TurnReads['cache'] | Promise<TurnReads['cache']>; overBudget: TurnReads['overBudget'] | Promise<TurnReads['overBudget']>; saved: boolean | Promise<boolean> };
}

/**
 * The turn's inputs: what a new conversation's caller has just read (`known`) is taken as it is,
 * the rest is read now. The reads the request waits for go out together: one round of storage
 * reads, not three in a row, each queued behind the conversation's writes. The cache is looked up
 * once the request (and so its key) is known; the budget counts what was spent up to the ask.
 */
async function readInputs(conversationId: string, turnId: string, options: RunOptions): Promise<TurnInputs | null> {
  const { known } = options;
  const stored = known?.conversation ?? (await loadConversation(conversationId));
  const asked = stored?.turns.find((t) => t.id === turnId);
  if (!stored || !asked) return null;
  // Asked of the profile the turn names (a turn from before profiles: the first one, which its one
  // server became). When that profile was deleted, the active one answers, and the turn says so.
  const named = asked.profileId ?? FIRST_PROFILE_ID;
  const settings = known?.settings.profile.id === named ? known.settings : await currentSettings(named);
  const cache = options.bypassCache ? undefined : (known?.cache ?? inAdvance(readAnswerCache(), 'the remembered answers'));
  const budget = options.ignoreBudget ? null : inAdvance(budgetProblem(settings), 'the spend for the budget');
  // A new conversation may still be being stored (beginConversation): nothing is sent before it is.
  const saved = known?.saved?.then(() => true, () => false) ?? true;
  // Only this profile's key: another profile's is never looked at, whatever server this one names.
  const key = known ? keyOf(known.keys, settings.profile.id) : await apiKeys.get(settings.profile.id);
  return { stored, asked, settings, key, reads: { cache, overBudget: budget, saved } };
}

/** The turn as its profile asks it: when the profile it named is gone, the active one's, and the turn says so. */
async function turnOfProfile({ stored, asked }: TurnInputs, profile: Profile): Promise<{ conversation: Conversation; turn: Turn }> {
  if (profile.id === (asked.profileId ?? FIRST_PROFILE_ID)) return { conversation: stored, turn: asked };
  const fields = { model: profile.model, api: profile.api, profileId: profile.id, profileName: profile.name };
  const turn: Turn = { ...asked, ...fields };
  await updateTurn(stored.id, asked.id, (t) => ({ ...t, ...fields }));
  return { conversation: { ...stored, turns: stored.turns.map((t) => (t.id === asked.id ? turn : t)) }, turn };
}

async function answerTurn(conversationId: string, turnId: string, options: RunOptions, controller: AbortController): Promise<void> {
  const inputs = await readInputs(conversationId, turnId, options);
  if (!inputs) return;
  const { settings } = inputs;
  const { profile } = settings;
  const { conversation, turn } = await turnOfProfile(inputs, profile);
  const fail = (error: TurnError, fields: Partial<Turn> = {}) =>
    updateTurn(conversationId, turnId, (t) => finished(t, { ...fields, status: 'error', error }));
  const preflight = connectionProblem(settings, inputs.key);
  if ('refusal' in preflight) return void (await fail(preflight.refusal));
  const instructions = answerInstruction(settings.answerLanguage, browser.i18n.getUILanguage());
  const connection = { ...preflight.connection, api: turn.api };
  const job: TurnJob = { conversation, turn, profile, connection, instructions, signal: controller.signal };

  const prepared = await firstTurnAttempt(job);
  if ('refusal' in prepared) return void (await fail(prepared.refusal));
  const { attempt, thumbnails } = prepared;
  if (thumbnails.some(Boolean)) besideRequest(updateConversation(conversationId, (c) => withThumbnails(c, thumbnails)));
  const sizes = picturesOf(conversation);
  const imageTokens = picturesTokens(turn.model, turn.detail, sizes);
  // The request was put together meanwhile. A failed store ends the turn here, before it is paid
  // for, with nothing to write to; its caller says why (answer-with-popup.ts).
  const { reads } = inputs;
  const [cache, overBudget, isStored] = await Promise.all([reads.cache, reads.overBudget, reads.saved]);
  if (!isStored) return;
  // Thumbnails of pictures sent as their address are downloaded and drawn in a task queued now. From
  // here to fetch, this code and the SDK take promise steps only, so that task runs once the request
  // has left (or the turn has ended without one: from the cache, over budget, stopped), never in
  // front of it.
  setTimeout(() => {
    options.onSent?.();
    addAddressThumbnails(conversationId, sizes, thumbnails).catch((error: unknown) => console.error('Could not store the thumbnails.', error));
  }, 0);
  // A cached answer is given even past a budget, since it costs nothing (request-runner.ts).
  const side = turnSide(job, attempt, { cache, overBudget }, controller, { ...options, imageTokens });
  await endTurn(conversationId, turnId, await runRequest(attempt, side), controller.signal, imageTokens);
}
