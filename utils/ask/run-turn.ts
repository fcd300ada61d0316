/**
 * Answers one turn of a conversation and keeps storage up to date as it goes: the text
 * (throttled), how it ended, and what it cost. The popup only renders what this writes.
 */
import { browser } from 'wxt/browser';
import { estimateUsage, picturesTokens } from '../cost/estimate-usage';
import { recordSpend } from '../cost/record-spend';
import { costOf, priceFor, priceTable } from '../cost/prices';
import { ImageError } from '../image/image-error';
import { isDownloadFailure } from '../image/transport';
import { withDefaults, type Settings } from '../settings';
import { apiKeyItem, priceOverridesItem, settingsItem } from '../storage';
import { streamAnswer } from '../vision/client';
import { VisionError } from '../vision/errors';
import type { StreamOutcome, Usage, VisionRequest } from '../vision/types';
import { beginRequest, endRequest, type AbortCause } from './active-requests';
import { cachedAnswer, cacheKey, rememberAnswer } from './answer-cache';
import { answerInstruction } from './answer-language';
import { picturesOf, priorExchanges, type Conversation, type PictureRef, type Turn } from './conversation';
import { loadConversation, markStreaming, updateConversation, updateTurn } from './conversation-store';
import { createIdleTimeout } from './idle-timeout';
import { picturesInput, type PicturesInput } from './picture-input';
import { budgetProblem, connectionProblem } from './preflight';
import { createThrottle } from './throttle';

export interface RunOptions {
  /** How often streamed text is written to storage. */
  flushMs?: number;
  /** How long the server may stay silent in the middle of an answer. */
  idleMs?: number;
  /** "Ask anyway": send even though a budget is reached. */
  ignoreBudget?: boolean;
  /** "Ask again": do not answer from the cache. */
  bypassCache?: boolean;
}

function finished(turn: Turn, fields: Partial<Turn>): Turn {
  return { ...turn, ...fields, finishedAt: Date.now() };
}

/** Words for an answer that ended before the model was done. */
function earlyEndNote(outcome: StreamOutcome): string | undefined {
  if (!outcome.complete) {
    return 'The answer was cut off: the connection ended before the server finished. What arrived is shown.';
  }
  if (outcome.endedEarlyBecause === 'length' || outcome.endedEarlyBecause === 'max_output_tokens') {
    return 'The answer was cut off: the model reached its length limit.';
  }
  if (outcome.endedEarlyBecause === 'content_filter') {
    return "The answer was cut off by the provider's content filter.";
  }
  return outcome.endedEarlyBecause ? `The answer ended early (${outcome.endedEarlyBecause}).` : undefined;
}

/** Records what the request cost; without the API's usage, an estimate marked as one. */
async function recordCost(conversation: Conversation, turn: Turn, usage: Usage, estimated: boolean) {
  const price = priceFor(turn.model, priceTable(await priceOverridesItem.getValue()));
  const cost = costOf(usage, price);
  await recordSpend({
    at: Date.now(),
    conversationId: conversation.id,
    kind: 'question',
    model: turn.model,
    ...usage,
    cost,
    ...(estimated ? { estimated: true } : {}),
  });
  return { usage, cost, ...(estimated ? { usageEstimated: true } : {}) };
}

function visionRequest(conversation: Conversation, turn: Turn, imageUrls: string[], instructions: string | undefined): VisionRequest {
  return {
    model: turn.model,
    detail: turn.detail,
    imageUrls,
    ...(instructions ? { instructions } : {}),
    history: priorExchanges(conversation, turn.id),
    question: turn.question,
  };
}

const RETRIED_WITH_BYTES =
  'The server could not download the picture from its address, so the extension sent the picture itself.';

/** Thumbnails made while preparing, kept on the conversation's pictures that had none. */
function withThumbnails(conversation: Conversation, thumbnails: (string | undefined)[]): Conversation {
  const add = (picture: PictureRef, i: number): PictureRef =>
    picture.thumbnail || !thumbnails[i] ? picture : { ...picture, thumbnail: thumbnails[i] };
  return {
    ...conversation,
    image: add(conversation.image, 0),
    ...(conversation.comparison ? { comparison: conversation.comparison.map(add) } : {}),
  };
}

export async function runTurn(conversationId: string, turnId: string, options: RunOptions = {}): Promise<void> {
  const [settings, apiKey, conversation] = await Promise.all([
    settingsItem.getValue().then(withDefaults),
    apiKeyItem.getValue(),
    loadConversation(conversationId),
  ]);
  const turn = conversation?.turns.find((t) => t.id === turnId);
  if (!conversation || !turn) return;
  const fail = (error: Turn['error'], fields: Partial<Turn> = {}) =>
    updateTurn(conversationId, turnId, (t) => finished(t, { ...fields, status: 'error', ...(error ? { error } : {}) }));

  const refusal = connectionProblem(settings, apiKey);
  if (refusal) return void (await fail(refusal));

  let input: PicturesInput;
  try {
    input = await picturesInput(conversation, turn, settings);
  } catch (error) {
    if (error instanceof ImageError) return void (await fail({ kind: 'image', message: error.message }));
    throw error;
  }
  if (input.thumbnails.some(Boolean)) await updateConversation(conversationId, (c) => withThumbnails(c, input.thumbnails));
  const sizes = picturesOf(conversation);
  const imageTokens = picturesTokens(turn.model, turn.detail, sizes);
  const instructions = answerInstruction(settings.answerLanguage, browser.i18n.getUILanguage());
  const request = visionRequest(conversation, turn, input.imageUrls, instructions);
  const key = await cacheKey(turn.api, request);
  const hit = options.bypassCache ? undefined : await cachedAnswer(key);
  if (hit) {
    await updateTurn(conversationId, turnId, (t) =>
      finished(t, { answer: hit.answer, status: 'done', cached: true, cost: 0, imageTokens, ...input.fields }),
    );
    return;
  }
  const overBudget = options.ignoreBudget ? null : await budgetProblem(settings);
  if (overBudget) return void (await fail(overBudget, { imageTokens }));

  await updateTurn(conversationId, turnId, (t) => ({ ...t, imageTokens, ...input.fields }));
  const job: StreamJob = { settings, apiKey, conversation, turn, request, cacheKey: key };
  const first = await streamTurn(job, options, input.anyUrl);
  if (first !== 'download-failed') return;

  // The server could not fetch an address: send the bytes instead, once, and say so.
  let bytes: PicturesInput;
  try {
    bytes = await picturesInput(conversation, turn, settings, { forceBytes: RETRIED_WITH_BYTES });
  } catch (error) {
    if (error instanceof ImageError) {
      return void (await fail({ kind: 'image', message: `The server could not download the picture from its address, and the extension could not read it either: ${error.message}` }));
    }
    throw error;
  }
  await updateTurn(conversationId, turnId, (t) => ({ ...t, ...bytes.fields }));
  const retryRequest = visionRequest(conversation, turn, bytes.imageUrls, instructions);
  await streamTurn({ ...job, request: retryRequest, cacheKey: await cacheKey(turn.api, retryRequest) }, options, false);
}

interface StreamJob {
  settings: Settings;
  apiKey: string;
  conversation: Conversation;
  turn: Turn;
  request: VisionRequest;
  cacheKey: string;
}

/**
 * Streams one request and settles the turn, except when the server could not download the
 * picture's address and `mayRetry` says bytes may still be tried: then it leaves the turn as it is.
 */
async function streamTurn(job: StreamJob, options: RunOptions, mayRetry: boolean): Promise<'settled' | 'download-failed'> {
  const { conversation, turn, request } = job;
  const { flushMs = 100, idleMs = 180_000 } = options;
  const controller = beginRequest(conversation.id);
  const idle = createIdleTimeout(controller, idleMs);
  let answer = '';
  const writer = createThrottle(() => updateTurn(conversation.id, turn.id, (t) => ({ ...t, answer })), flushMs);
  await markStreaming(conversation.id, true);
  try {
    const outcome = await streamAnswer({ ...job.settings, model: turn.model, api: turn.api }, job.apiKey, request, {
      signal: controller.signal,
      onDelta(text) {
        answer += text;
        idle.touch();
        writer.schedule();
      },
    });
    idle.cancel();
    // The SDK ends the stream quietly when its signal is aborted, so a stop shows up here, not as a throw.
    if (controller.signal.aborted) throw controller.signal.reason;
    await writer.finish();
    const spend = await recordCost(
      conversation,
      turn,
      outcome.usage ?? estimateUsage(request, answer, picturesOf(conversation)),
      !outcome.usage,
    );
    const note = earlyEndNote(outcome);
    if (!note) await rememberAnswer(job.cacheKey, { answer, ...(outcome.usage ? { usage: outcome.usage } : {}), at: Date.now() });
    await updateTurn(conversation.id, turn.id, (t) =>
      finished(t, { answer, status: note ? 'cut' : 'done', ...(note ? { note } : {}), ...spend }),
    );
    return 'settled';
  } catch (error) {
    idle.cancel();
    await writer.finish();
    if (mayRetry && !answer && error instanceof VisionError && isDownloadFailure(error)) return 'download-failed';
    const ending = endOfFailedTurn(error, controller, answer);
    // A stopped or cut answer was being generated, so it was billed; an error before that was not.
    const spend =
      ending.status === 'error' ? {} : await recordCost(conversation, turn, estimateUsage(request, answer, picturesOf(conversation)), true);
    await updateTurn(conversation.id, turn.id, (t) => finished(t, { ...ending, ...spend }));
    return 'settled';
  } finally {
    endRequest(conversation.id, controller);
    await markStreaming(conversation.id, false);
  }
}

/** How a turn reads after its request failed or was stopped; whatever text arrived is kept. */
function endOfFailedTurn(error: unknown, controller: AbortController, answer: string): Partial<Turn> {
  const cause = controller.signal.aborted ? (controller.signal.reason as AbortCause) : undefined;
  if (cause === 'user') return { answer, status: 'stopped', note: 'Stopped.' };
  if (cause === 'stalled') {
    const message = 'The server stopped sending in the middle of the answer, so it was abandoned.';
    return answer
      ? { answer, status: 'cut', note: `The answer was cut off: ${message}` }
      : { answer, status: 'error', error: { kind: 'stalled', message } };
  }
  const visionError =
    error instanceof VisionError ? error : new VisionError('unknown', `Something went wrong while asking: ${String(error)}`);
  const turnError = visionError.toTurnError();
  if (answer && (turnError.kind === 'network' || turnError.kind === 'unknown')) {
    // The answer had started, so this is a broken connection rather than a refused request.
    const note = 'The answer was cut off: the connection broke before the server finished. What arrived is shown.';
    return { answer, status: 'cut', note, error: turnError };
  }
  return { answer, status: 'error', error: turnError };
}
