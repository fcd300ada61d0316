/**
 * How a turn reads once its request has ended (request-runner.ts's RequestEnd): the answer from the
 * cache, the budget's refusal, the answer with what it cost and whether it was cut, or the failure
 * in words with whatever text had arrived.
 */
import { t } from '../shared/i18n';
import { VisionError } from '../vision/errors';
import type { StreamOutcome } from '../vision/types';
import type { AbortCause } from './active-requests';
import { finished, type Turn } from './conversation';
import { updateTurn } from './conversation-store';
import type { RequestEnd } from './request-runner';
import type { TurnAttempt } from './turn-request';

/** Words for an answer that ended before the model was done. */
function earlyEndNote(outcome: StreamOutcome): string | undefined {
  if (!outcome.complete) return t('noteCutConnection');
  if (outcome.endedEarlyBecause === 'length' || outcome.endedEarlyBecause === 'max_output_tokens') return t('noteCutLength');
  if (outcome.endedEarlyBecause === 'content_filter') return t('noteCutFilter');
  return outcome.endedEarlyBecause ? t('noteEndedEarly', outcome.endedEarlyBecause) : undefined;
}

/** How a turn reads after its request failed or was stopped; whatever text arrived is kept. */
export function endOfFailedTurn(error: unknown, signal: AbortSignal, answer: string): Partial<Turn> {
  const cause = signal.aborted ? (signal.reason as AbortCause) : undefined;
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

/** The fields a turn ends with; null when the request ended nothing of its own (see `RequestEnd`'s unsent). */
function endingOf(end: RequestEnd<TurnAttempt>, signal: AbortSignal, imageTokens: number | null): Partial<Turn> | null {
  switch (end.kind) {
    case 'cached': {
      const { attempt, answer } = end;
      return { answer, status: 'done', cached: true, cost: 0, imageTokens, ...attempt.fields, ...attempt.settle?.(answer) };
    }
    case 'over-budget':
      return { imageTokens, status: 'error', error: end.refusal };
    case 'unsent':
      return null;
    case 'answered': {
      const { answer, outcome, spend, attempt } = end;
      const note = earlyEndNote(outcome);
      return {
        answer,
        status: note ? 'cut' : 'done',
        ...(note ? { note } : {}),
        ...spend,
        ...(outcome.context ? { context: outcome.context } : {}),
        ...attempt.settle?.(answer),
      };
    }
    case 'failed':
      return { ...endOfFailedTurn(end.error, signal, end.answer), ...end.spend };
  }
}

/** Writes how the turn ended. Stopped before anything was sent: the stop reaches runTurn, which says so. */
export async function endTurn(conversationId: string, turnId: string, end: RequestEnd<TurnAttempt>, signal: AbortSignal, imageTokens: number | null): Promise<void> {
  const ending = endingOf(end, signal, imageTokens);
  if (ending) await updateTurn(conversationId, turnId, (turn) => finished(turn, ending));
  else signal.throwIfAborted();
}
