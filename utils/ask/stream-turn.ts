/**
 * Streams one request for a turn and settles the turn in storage: the text as it arrives
 * (throttled; open popups get each piece at once, live-text.ts), how it ended, what it cost (the
 * API's usage, or an estimate marked as one), and the answer cache. Stop and the idle guard abort
 * it through the same controller.
 */
import { estimateUsage } from '../cost/estimate-usage';
import { costOf } from '../cost/prices';
import { recordSpend } from '../cost/record-spend';
import { isDownloadFailure } from '../image/transport';
import { t } from '../shared/i18n';
import { profilePrice } from '../profiles/profile-prices';
import { presetOf } from '../profiles/presets';
import type { Profile } from '../settings';
import { priceOverridesItem } from '../storage';
import { streamAnswer, type Connection } from '../vision/client';
import { VisionError } from '../vision/errors';
import type { StreamOutcome, Usage, VisionRequest } from '../vision/types';
import type { AbortCause } from './active-requests';
import { rememberAnswer } from './answer-cache';
import { finished, isIncognito, picturesOf, type Conversation, type Turn } from './conversation';
import { updateTurn } from './conversation-store';
import { createIdleTimeout } from './idle-timeout';
import { liveText } from './live-text';
import { createThrottle } from './throttle';

export interface StreamOptions {
  /** How often streamed text is written to storage. */
  flushMs?: number;
  /** How long the server may stay silent in the middle of an answer. */
  idleMs?: number;
}

/** Words for an answer that ended before the model was done. */
function earlyEndNote(outcome: StreamOutcome): string | undefined {
  if (!outcome.complete) return t('noteCutConnection');
  if (outcome.endedEarlyBecause === 'length' || outcome.endedEarlyBecause === 'max_output_tokens') return t('noteCutLength');
  if (outcome.endedEarlyBecause === 'content_filter') return t('noteCutFilter');
  return outcome.endedEarlyBecause ? t('noteEndedEarly', outcome.endedEarlyBecause) : undefined;
}

/**
 * What a request cost: what the server said it cost where its preset says to trust that
 * (OpenRouter's usage.cost), else the tokens at the profile's prices (null when unknown).
 */
export async function requestCost(profile: Profile, model: string, usage: Usage, reported: number | undefined): Promise<number | null> {
  if (reported !== undefined && presetOf(profile.preset).reportsCost) return reported;
  return costOf(usage, profilePrice(await priceOverridesItem.getValue(), profile, model));
}

/** Records what the request cost; without the API's usage, an estimate marked as one. */
async function recordCost(job: StreamJob, usage: Usage, estimated: boolean, reported?: number) {
  const { conversation, turn, profile } = job;
  const cost = await requestCost(profile, turn.model, usage, reported);
  await recordSpend({
    at: Date.now(),
    conversationId: conversation.id,
    // Alt text asked from the menu, the keyboard or the popup runs as a turn too: the ledger and its
    // CSV tell it apart from questions by this kind.
    kind: turn.altText ? 'alt-text' : 'question',
    model: turn.model,
    // Whose key paid: the profile asked, by its stable id and by the name it had then.
    profileId: profile.id,
    profileName: profile.name,
    ...usage,
    cost,
    ...(estimated ? { estimated: true } : {}),
  });
  return { usage, cost, ...(estimated ? { usageEstimated: true } : {}) };
}

export interface StreamJob {
  /** Where the request goes and with which key: the turn's profile's (preflight.ts). */
  connection: Connection;
  /** The profile asked: its preset and its prices price the answer. */
  profile: Profile;
  conversation: Conversation;
  turn: Turn;
  request: VisionRequest;
  cacheKey: string;
  /** The turn's controller (run-turn.ts): Stop aborts it, and so does the idle guard here. */
  controller: AbortController;
  /** Fields the whole answer adds to the turn when it is done (an alt-text turn's parsed result). */
  settle?: (answer: string) => Partial<Turn>;
}

/** Which refusals the caller can still answer with a second request, so the turn is left open. */
export interface Retryable {
  /** The server could not download a picture's address: the bytes may still be sent. */
  downloads: boolean;
  /** The server refused structured output: a plain-text form may still be asked for. */
  format: boolean;
}

/** The server does not take `response_format` / `text.format` (a local server, an older model). */
export function isFormatRefusal(error: VisionError): boolean {
  if (error.status !== undefined && error.status !== 400 && error.status !== 422) return false;
  return /response_format|text\.format|json_schema|structured output/i.test(`${error.param ?? ''} ${error.message}`);
}

/**
 * Streams one request and settles the turn, except when the server refused something `retryable`
 * says can still be mended by another request: then it leaves the turn as it is.
 */
export async function streamTurn(
  job: StreamJob,
  options: StreamOptions,
  retryable: Retryable,
): Promise<'settled' | 'download-failed' | 'format-refused'> {
  const { conversation, turn, request, controller } = job;
  const { flushMs = 100, idleMs = 180_000 } = options;
  const idle = createIdleTimeout(controller, idleMs);
  let answer = '';
  const writer = createThrottle(
    () => updateTurn(conversation.id, turn.id, (t) => ({ ...t, answer })),
    flushMs,
    // The text stays in memory and the next write carries all of it; the final write is not throttled.
    (error) => console.warn('Could not store the answer so far; the next write will carry it.', error),
  );
  // Open popups get each piece at once; storage, written above, stays the record.
  const live = liveText(conversation.id, turn.id);
  // Chrome's model downloads on its first use: the popup shows how far, and a download is not silence.
  let downloading: number | undefined;
  const progress = createThrottle(
    () => updateTurn(conversation.id, turn.id, (t) => (downloading === undefined ? t : { ...t, downloading })),
    flushMs,
    (error) => console.warn('Could not store how far the model download has come; the next write will say.', error),
  );
  let outcome: StreamOutcome;
  try {
    outcome = await streamAnswer({ ...job.connection, api: turn.api }, request, {
      signal: controller.signal,
      onDelta(text) {
        answer += text;
        live.add(text);
        idle.touch();
        writer.schedule();
      },
      onProgress(loaded) {
        idle.touch();
        // Whole percents only: a download reports thousands of steps, the popup shows a number.
        if (downloading !== undefined && Math.floor(loaded * 100) === Math.floor(downloading * 100)) return;
        downloading = loaded;
        progress.schedule();
      },
    });
    idle.cancel();
    live.end();
    await progress.settle();
    // The SDK ends the stream quietly when its signal is aborted, so a stop shows up here, not as a throw.
    if (controller.signal.aborted) throw controller.signal.reason;
  } catch (error) {
    idle.cancel();
    live.end();
    await progress.settle();
    await writer.settle();
    if (!answer && error instanceof VisionError) {
      if (retryable.downloads && isDownloadFailure(error)) return 'download-failed';
      if (retryable.format && isFormatRefusal(error)) return 'format-refused';
    }
    const ending = endOfFailedTurn(error, controller, answer);
    // A stopped or cut answer was being generated, so it was billed; an error before that was not.
    const spend =
      ending.status === 'error' ? {} : await recordCost(job, estimateUsage(request, answer, picturesOf(conversation)), true);
    await updateTurn(conversation.id, turn.id, (t) => finished(t, { ...ending, ...spend }));
    return 'settled';
  }

  // The answer is whole. From here on a failure is the browser's storage, not the server: it
  // reaches runTurn, which ends the turn in words, and the text written so far stays.
  await writer.settle();
  // The money first, apart from the answer's own writes: a paid answer is in the ledger even if
  // storing its text fails.
  const spend = await recordCost(
    job,
    outcome.usage ?? estimateUsage(request, answer, picturesOf(conversation)),
    !outcome.usage,
    outcome.reportedCost,
  );
  const note = earlyEndNote(outcome);
  // An answer from a private window is not remembered: it would outlive the window.
  if (!note && !isIncognito(conversation.id)) {
    // The cache only saves a second payment; an answer that cannot be cached is still an answer.
    await rememberAnswer(job.cacheKey, { answer, ...(outcome.usage ? { usage: outcome.usage } : {}), at: Date.now() }).catch((error: unknown) =>
      console.warn('Could not cache the answer; asking the same again will be paid again.', error),
    );
  }
  await updateTurn(conversation.id, turn.id, (t) =>
    finished(t, {
      answer,
      status: note ? 'cut' : 'done',
      ...(note ? { note } : {}),
      ...spend,
      ...(outcome.context ? { context: outcome.context } : {}),
      ...job.settle?.(answer),
    }),
  );
  return 'settled';
}

/** How a turn reads after its request failed or was stopped; whatever text arrived is kept. */
function endOfFailedTurn(error: unknown, controller: AbortController, answer: string): Partial<Turn> {
  const cause = controller.signal.aborted ? (controller.signal.reason as AbortCause) : undefined;
  if (cause === 'user') return { answer, status: 'stopped', note: t('errStopped') };
  if (cause === 'stalled') {
    const message = t('errStalled');
    return answer
      ? { answer, status: 'cut', note: t('noteCutBecause', message) }
      : { answer, status: 'error', error: { kind: 'stalled', message } };
  }
  const visionError =
    error instanceof VisionError ? error : new VisionError('unknown', t('errUnknown', String(error)));
  const turnError = visionError.toTurnError();
  if (answer && turnError.kind === 'malformed') {
    return { answer, status: 'cut', note: t('noteCutBecause', turnError.message), error: turnError };
  }
  if (answer && (turnError.kind === 'network' || turnError.kind === 'unknown')) {
    // The answer had started, so this is a broken connection rather than a refused request.
    const note = t('noteCutBroken');
    return { answer, status: 'cut', note, error: turnError };
  }
  return { answer, status: 'error', error: turnError };
}
