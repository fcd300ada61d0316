/**
 * The one way a request reaches the model, for a conversation's turn (run-turn.ts), alt text for
 * one picture (a turn too), a row of the page audit and "describe as I browse" (audit-row.ts):
 * the answer cache, then the budget, then the request, its stream, what it cost, and the answer
 * remembered. A refusal that a second request can mend (retry-policy.ts) gets that request once.
 * What differs between callers (how a try is prepared, where the text goes, what a failure
 * costs) is theirs to say, through `RequestSide`.
 */
import { estimateUsage } from '../cost/estimate-usage';
import { streamAnswer, type Connection } from '../vision/client';
import type { StreamOutcome, VisionRequest } from '../vision/types';
import { rememberAnswer, type CachedAnswer } from './answer-cache';
import type { TurnError } from './conversation';
import { recordRequestCost, type LedgerLine, type Spend } from './request-cost';
import { mendFor, type Mend } from './retry-policy';

/** One try of a request: what is sent, its cache key, and whether a picture went as its address. */
export interface Attempt {
  request: VisionRequest;
  key: string;
  /** A picture went as its address: the server's failure to download it is worth a try with the bytes. */
  byAddress: boolean;
}

/** Where a try's text goes as it arrives. */
export interface StreamSink {
  delta(text: string): void;
  /** How far a model download has come (Chrome's own model, on its first use). */
  progress?(loaded: number): void;
  /** The stream is over, whichever way: what was held back is written before the cost is. */
  end(): Promise<void>;
}

export interface RequestSide<A extends Attempt> {
  connection: Connection;
  signal: AbortSignal;
  /** A remembered answer for the key; undefined on a miss, or when the cache is passed by. */
  lookUp(key: string): Promise<CachedAnswer | undefined>;
  /** Why a budget stops the request, or null. Asked after the cache: a remembered answer costs nothing. */
  budget(): Promise<TurnError | null>;
  /** Whether a whole answer is remembered (not one from a private window: it would outlive it). */
  remember: boolean;
  ledger: LedgerLine;
  /** The pictures' sizes, for an estimate when the server reports no usage. */
  pictures: readonly { width?: number; height?: number }[];
  /** The next try, mended; null when it could not be prepared (the side has said why). */
  mend(mend: Mend, refused: A): Promise<A | null>;
  /** Where one try's text goes. */
  listen(attempt: A): StreamSink;
  /** Whether a failed or stopped answer was billed (it was being generated): then it is recorded as an estimate. */
  billed(error: unknown, answer: string): boolean;
}

export type RequestEnd<A extends Attempt> =
  | { kind: 'cached'; attempt: A; answer: string }
  | { kind: 'over-budget'; attempt: A; refusal: TurnError }
  /** Nothing went out: stopped before sending, or a mended try could not be prepared. */
  | { kind: 'unsent' }
  /** `whole`: the model finished (not cut by length, a filter or the connection); only then is it remembered. */
  | { kind: 'answered'; attempt: A; answer: string; outcome: StreamOutcome; spend: Spend; whole: boolean }
  | { kind: 'failed'; attempt: A; answer: string; error: unknown; spend?: Spend };

type Sent<A extends Attempt> = Extract<RequestEnd<A>, { kind: 'answered' | 'failed' }>;

/** Runs the request from its first try to its end: cache → budget → send → stream → cost → remember. */
export async function runRequest<A extends Attempt>(first: A, side: RequestSide<A>): Promise<RequestEnd<A>> {
  const used = new Set<Mend>();
  let attempt = first;
  for (;;) {
    const hit = await side.lookUp(attempt.key);
    if (hit) return { kind: 'cached', attempt, answer: hit.answer };
    const refusal = await side.budget();
    if (refusal) return { kind: 'over-budget', attempt, refusal };
    // Stopped while the pictures were being prepared: nothing was sent, so nothing is billed.
    if (side.signal.aborted) return { kind: 'unsent' };
    const sent = await send(attempt, side);
    if (sent.kind === 'answered') return sent;
    const mend = sent.answer || side.signal.aborted ? null : mendFor(sent.error, attempt, used);
    if (!mend) return billFailure(sent, side);
    used.add(mend);
    const next = await side.mend(mend, attempt);
    if (!next) return { kind: 'unsent' };
    attempt = next;
  }
}

/** Streams one try; a whole answer is priced and remembered, a failure is left to `runRequest`. */
async function send<A extends Attempt>(attempt: A, side: RequestSide<A>): Promise<Sent<A>> {
  const { signal } = side;
  const sink = side.listen(attempt);
  let answer = '';
  let streamed: { outcome: StreamOutcome } | { error: unknown };
  try {
    const onProgress = sink.progress?.bind(sink);
    const outcome = await streamAnswer(side.connection, attempt.request, {
      signal,
      onDelta(text) {
        answer += text;
        sink.delta(text);
      },
      ...(onProgress ? { onProgress } : {}),
    });
    // The SDK ends the stream quietly when its signal is aborted, so a stop shows up here, not as a throw.
    streamed = signal.aborted ? { error: signal.reason } : { outcome };
  } catch (error) {
    streamed = { error };
  }
  await sink.end();
  if ('error' in streamed) return { kind: 'failed', attempt, answer, error: streamed.error };

  // The answer is whole. From here on a failure is the browser's storage, not the server, and it
  // reaches the caller. The money first: a paid answer is in the ledger even if storing it fails.
  const { outcome } = streamed;
  const usage = outcome.usage ?? estimateUsage(attempt.request, answer, side.pictures);
  const spend = await recordRequestCost(side.ledger, usage, !outcome.usage, outcome.reportedCost);
  const whole = outcome.complete && !outcome.endedEarlyBecause;
  if (whole && side.remember) {
    // The cache only saves a second payment; an answer that cannot be cached is still an answer.
    await rememberAnswer(attempt.key, { answer, ...(outcome.usage ? { usage: outcome.usage } : {}), at: Date.now() }).catch((error: unknown) =>
      console.warn('Could not cache the answer; asking the same again will be paid again.', error),
    );
  }
  return { kind: 'answered', attempt, answer, outcome, spend, whole };
}

/** A failure no second try mends: what was generated before it was billed, so it is recorded as an estimate. */
async function billFailure<A extends Attempt>(failed: Extract<Sent<A>, { kind: 'failed' }>, side: RequestSide<A>): Promise<Sent<A>> {
  if (!side.billed(failed.error, failed.answer)) return failed;
  const usage = estimateUsage(failed.attempt.request, failed.answer, side.pictures);
  return { ...failed, spend: await recordRequestCost(side.ledger, usage, true) };
}
