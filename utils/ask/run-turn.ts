/**
 * Answers one turn of a conversation: checks the key and settings, prepares the pictures, answers
 * from the cache or checks the budget, then streams (stream-turn.ts), retrying once with the bytes
 * when the server could not download a picture's address. The popup only renders what this writes.
 */
import { browser } from 'wxt/browser';
import { picturesTokens } from '../cost/estimate-usage';
import { errorWords } from '../error-words';
import { ImageError } from '../image/image-error';
import { t } from '../i18n';
import { currentSettings } from '../profiles/current-settings';
import { FIRST_PROFILE_ID, type Settings } from '../settings';
import type { SavedKeys } from '../api-key-origin';
import { apiKeys, keyOf } from '../api-key-store';
import type { VisionRequest } from '../vision/types';
import { altTextAsk, altTextResult } from '../alt-text/request';
import { answerFor, readAnswerCache, type AnswerCache } from './answer-cache';
import { answerInstruction } from './answer-language';
import { finished, picturesOf, priorExchanges, type Conversation, type Turn } from './conversation';
import { serverCacheKey } from './server-cache-key';
import { beginRequest, endRequest, type AbortCause } from './active-requests';
import { loadConversation, markStreaming, updateConversation, updateTurn } from './conversation-store';
import { pictureRule, picturesInput, type PicturesInput } from './picture-input';
import { addAddressThumbnails, withThumbnails } from './thumbnails';
import { budgetProblem, connectionProblem } from './preflight';
import { streamTurn, type StreamJob, type StreamOptions } from './stream-turn';

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

function visionRequest(conversation: Conversation, turn: Turn, imageUrls: string[], instructions: string | undefined): VisionRequest {
  if (turn.altText) {
    // Alt text is asked on its own, with the page's context and its own instruction and language.
    const ask = altTextAsk(turn.altText, conversation.image.kind);
    return { model: turn.model, detail: turn.detail, imageUrls, history: [], ...ask };
  }
  return {
    model: turn.model,
    detail: turn.detail,
    imageUrls,
    ...(instructions ? { instructions } : {}),
    history: priorExchanges(conversation, turn.id),
    question: turn.question,
  };
}

/** An alt-text answer is parsed and linted before it is shown; other answers are shown as written. */
function settleFor(conversation: Conversation, turn: Turn): StreamJob['settle'] {
  const alt = turn.altText;
  if (!alt) return undefined;
  return (answer) => ({ altText: { ...alt, result: altTextResult(answer, alt, conversation.image.url) } });
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

async function answerTurn(conversationId: string, turnId: string, options: RunOptions, controller: AbortController): Promise<void> {
  const { signal } = controller;
  const stored = options.known?.conversation ?? (await loadConversation(conversationId));
  const asked = stored?.turns.find((t) => t.id === turnId);
  if (!stored || !asked) return;
  // Asked of the profile the turn names (a turn from before profiles: the first one, which its one
  // server became). When that profile was deleted, the active one answers, and the turn says so.
  const named = asked.profileId ?? FIRST_PROFILE_ID;
  const settings = options.known?.settings.profile.id === named ? options.known.settings : await currentSettings(named);
  const { profile } = settings;
  const turn: Turn =
    profile.id === named
      ? asked
      : { ...asked, model: profile.model, api: profile.api, profileId: profile.id, profileName: profile.name };
  const conversation = turn === asked ? stored : { ...stored, turns: stored.turns.map((t) => (t.id === turnId ? turn : t)) };
  if (turn !== asked) await updateTurn(conversationId, turnId, (t) => ({ ...t, model: turn.model, api: turn.api, profileId: profile.id, profileName: profile.name }));
  const fail = (error: Turn['error'], fields: Partial<Turn> = {}) =>
    updateTurn(conversationId, turnId, (t) => finished(t, { ...fields, status: 'error', ...(error ? { error } : {}) }));

  // The reads the request waits for go out together: one round of storage reads, not three in a
  // row, each queued behind the conversation's writes. The cache is looked up once the request
  // (and so its key) is known; the budget counts what was spent up to the ask.
  const cacheRead = options.bypassCache
    ? Promise.resolve(undefined)
    : options.known?.cache
      ? Promise.resolve(options.known.cache)
      : inAdvance(readAnswerCache(), 'the remembered answers');
  const budgetRead = options.ignoreBudget ? Promise.resolve(null) : inAdvance(budgetProblem(settings), 'the spend for the budget');
  // Only this profile's key: another profile's is never looked at, whatever server this one names.
  const known = options.known?.keys;
  const preflight = connectionProblem(settings, known ? keyOf(known, profile.id) : await apiKeys.get(profile.id));
  if ('refusal' in preflight) return void (await fail(preflight.refusal));
  const { connection } = preflight;

  let input: PicturesInput;
  try {
    input = await picturesInput(conversation, turn, pictureRule(profile), { signal });
  } catch (error) {
    if (error instanceof ImageError) {
      return void (await fail({ kind: error.kind === 'private-on-public' ? 'private-picture' : 'image', message: error.message }));
    }
    throw error;
  }
  if (input.thumbnails.some(Boolean)) besideRequest(updateConversation(conversationId, (c) => withThumbnails(c, input.thumbnails)));
  const sizes = picturesOf(conversation);
  const imageTokens = picturesTokens(turn.model, turn.detail, sizes);
  const instructions = answerInstruction(settings.answerLanguage, browser.i18n.getUILanguage());
  const request = visionRequest(conversation, turn, input.imageUrls, instructions);
  const key = await serverCacheKey(connection.baseUrl, turn.api, request);
  // A new conversation may still be being stored (beginConversation): the request was put together
  // meanwhile, but nothing is sent before it is stored. A failed store ends the turn here, before it
  // is paid for, with nothing to write to; its caller says why (answer-with-popup.ts).
  const storing = options.known?.saved?.then(
    () => true,
    () => false,
  );
  const [cache, overBudget, isStored] = await Promise.all([cacheRead, budgetRead, storing ?? true]);
  if (!isStored) return;
  // Thumbnails of pictures sent as their address are downloaded and drawn in a task queued now. From
  // here to fetch, this code and the SDK take promise steps only, so that task runs once the request
  // has left (or the turn has ended without one: from the cache, over budget, stopped), never in
  // front of it.
  setTimeout(() => {
    options.onSent?.();
    addAddressThumbnails(conversationId, sizes, input.thumbnails).catch((error: unknown) => console.error('Could not store the thumbnails.', error));
  }, 0);
  // A cached answer is given even past a budget, since it costs nothing.
  const hit = cache && answerFor(cache, key);
  const settle = settleFor(conversation, turn);
  if (hit) {
    await updateTurn(conversationId, turnId, (t) =>
      finished(t, { answer: hit.answer, status: 'done', cached: true, cost: 0, imageTokens, ...input.fields, ...settle?.(hit.answer) }),
    );
    return;
  }
  if (overBudget) return void (await fail(overBudget, { imageTokens }));
  // Stopped while the pictures were being prepared: nothing was sent, so nothing is billed.
  signal.throwIfAborted();

  besideRequest(updateTurn(conversationId, turnId, (t) => ({ ...t, imageTokens, ...input.fields })));
  const job: StreamJob = { connection, profile, conversation, turn, request, cacheKey: key, controller, ...(settle ? { settle } : {}) };
  const first = await streamTurn(job, options, { downloads: input.anyUrl, format: Boolean(request.responseFormat) });
  if (first === 'format-refused') return void (await askWithoutFormat(job, options));
  if (first !== 'download-failed') return;

  // The server could not fetch an address: send the bytes instead, once, and say so.
  let bytes: PicturesInput;
  try {
    bytes = await picturesInput(conversation, turn, pictureRule(profile), { forceBytes: t('noteRetriedWithBytes'), signal });
  } catch (error) {
    if (error instanceof ImageError) {
      return void (await fail({ kind: 'image', message: t('errRetryFailed', error.message) }));
    }
    throw error;
  }
  await updateTurn(conversationId, turnId, (t) => ({ ...t, ...bytes.fields }));
  signal.throwIfAborted();
  const retryRequest = visionRequest(conversation, turn, bytes.imageUrls, instructions);
  const retried = { ...job, request: retryRequest, cacheKey: await serverCacheKey(connection.baseUrl, turn.api, retryRequest) };
  const second = await streamTurn(retried, options, { downloads: false, format: Boolean(retryRequest.responseFormat) });
  if (second === 'format-refused') await askWithoutFormat(retried, options);
}

/**
 * The server refused structured output (many local servers do): ask once more for the labelled
 * plain-text form, which the parser reads just as well, and remember it on the turn.
 */
async function askWithoutFormat(job: StreamJob, options: StreamOptions): Promise<void> {
  const { conversation, turn } = job;
  if (!turn.altText) return;
  const altText = { ...turn.altText, structured: false };
  const plainTurn: Turn = { ...turn, altText };
  await updateTurn(conversation.id, turn.id, (t) => ({ ...t, altText: { ...(t.altText ?? altText), structured: false } }));
  const request = visionRequest(conversation, plainTurn, job.request.imageUrls, job.request.instructions);
  const settle = settleFor(conversation, plainTurn);
  const plain: StreamJob = { ...job, turn: plainTurn, request, cacheKey: await serverCacheKey(job.connection.baseUrl, turn.api, request), ...(settle ? { settle } : {}) };
  await streamTurn(plain, options, { downloads: false, format: false });
}

