/**
 * What a turn tells the request runner (request-runner.ts): its cache and budget, read in advance
 * (run-turn.ts); its ledger line; its mended tries (turn-request.ts); where its text goes
 * (turn-sink.ts); and which failures were billed (a stopped or cut answer was being generated).
 */
import type { AnswerCache } from './answer-cache';
import { answerFor } from './answer-cache';
import { isIncognito, picturesOf, type TurnError } from './conversation';
import { updateTurn } from './conversation-store';
import type { RequestSide } from './request-runner';
import { mendTurnAttempt, type TurnAttempt, type TurnJob } from './turn-request';
import { endOfFailedTurn } from './turn-ending';
import { turnSink, type StreamOptions } from './turn-sink';

export interface TurnReads {
  /** The remembered answers; undefined for "Ask again", which passes them by. */
  cache: AnswerCache | undefined;
  /** The budget's refusal, counted up to the ask; null for "Ask anyway" or within budget. */
  overBudget: TurnError | null;
}

/**
 * The turn's side. `first` is the try prepared before anything was sent: what it sends is written
 * to the turn beside the request, once it is known to go (a mended try has written its own).
 */
export function turnSide(job: TurnJob, first: TurnAttempt, reads: TurnReads, controller: AbortController, options: StreamOptions & { imageTokens: number | null }): RequestSide<TurnAttempt> {
  const { conversation, turn, profile } = job;
  return {
    connection: job.connection,
    signal: controller.signal,
    lookUp: async (key) => reads.cache && answerFor(reads.cache, key),
    budget: async () => reads.overBudget,
    remember: !isIncognito(conversation.id),
    // Alt text asked from the menu, the keyboard or the popup runs as a turn too: the ledger and its
    // CSV tell it apart from questions by this kind.
    ledger: { conversationId: conversation.id, kind: turn.altText ? 'alt-text' : 'question', model: turn.model, profile },
    pictures: picturesOf(conversation),
    mend: (mend, refused) => mendTurnAttempt(job, mend, refused),
    listen(attempt) {
      if (attempt === first) {
        updateTurn(conversation.id, turn.id, (t) => ({ ...t, imageTokens: options.imageTokens, ...attempt.fields })).catch((error: unknown) =>
          console.error('Could not store what the turn is sending; the next write of the turn will say more.', error),
        );
      }
      return turnSink(conversation.id, turn.id, controller, options);
    },
    // A stopped or cut answer was being generated, so it was billed; an error before that was not.
    billed: (error, answer) => endOfFailedTurn(error, controller.signal, answer).status !== 'error',
  };
}
