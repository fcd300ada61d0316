/**
 * A turn's request, one try at a time (request-runner.ts's Attempt for a turn): the pictures as the
 * turn's profile takes them, the question or the alt-text ask, and the two mended tries, the bytes
 * for an address the server could not download and plain text for a refused JSON format.
 */
import { ImageError } from '../shared/image-error';
import { t } from '../shared/i18n';
import type { Profile } from '../settings';
import type { Connection } from '../vision/client';
import type { VisionRequest } from '../vision/types';
import { altTextAsk, altTextResult } from '../alt-text/request';
import { finished, priorExchanges, type Conversation, type Turn, type TurnError } from './conversation';
import { updateTurn } from './conversation-store';
import { pictureRule, picturesInput, type PicturesInput } from './picture-input';
import type { Attempt } from './request-runner';
import type { Mend } from './retry-policy';
import { serverCacheKey } from './server-cache-key';

/** What a turn's tries share: the conversation, the turn as asked, and where it goes. */
export interface TurnJob {
  conversation: Conversation;
  turn: Turn;
  profile: Profile;
  connection: Connection;
  /** The answer-language instruction, when the user chose one. */
  instructions: string | undefined;
  signal: AbortSignal;
}

export interface TurnAttempt extends Attempt {
  /** The turn this try asks (an alt-text turn asked again in plain text differs from the one stored). */
  turn: Turn;
  /** What the turn records about the pictures as sent. */
  fields: PicturesInput['fields'];
  /** Fields the whole answer adds to the turn when it is done (an alt-text turn's parsed result). */
  settle?: (answer: string) => Partial<Turn>;
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
function settleFor(conversation: Conversation, turn: Turn): TurnAttempt['settle'] {
  const alt = turn.altText;
  if (!alt) return undefined;
  return (answer) => ({ altText: { ...alt, result: altTextResult(answer, alt, conversation.image.url) } });
}

async function attemptOf(job: TurnJob, turn: Turn, input: Pick<PicturesInput, 'imageUrls' | 'anyUrl' | 'fields'>): Promise<TurnAttempt> {
  const request = visionRequest(job.conversation, turn, input.imageUrls, job.instructions);
  const settle = settleFor(job.conversation, turn);
  const key = await serverCacheKey(job.connection.baseUrl, turn.api, request);
  return { request, key, byAddress: input.anyUrl, turn, fields: input.fields, ...(settle ? { settle } : {}) };
}

/** The first try, and the thumbnails made meanwhile; or why the pictures cannot be sent. */
export async function firstTurnAttempt(job: TurnJob): Promise<{ attempt: TurnAttempt; thumbnails: PicturesInput['thumbnails'] } | { refusal: TurnError }> {
  let input: PicturesInput;
  try {
    input = await picturesInput(job.conversation, job.turn, pictureRule(job.profile), { signal: job.signal });
  } catch (error) {
    if (!(error instanceof ImageError)) throw error;
    return { refusal: { kind: error.kind === 'private-on-public' ? 'private-picture' : 'image', message: error.message } };
  }
  return { attempt: await attemptOf(job, job.turn, input), thumbnails: input.thumbnails };
}

/** The mended try; null (and the turn ended in words) when the bytes cannot be prepared. */
export async function mendTurnAttempt(job: TurnJob, mend: Mend, refused: TurnAttempt): Promise<TurnAttempt | null> {
  const { conversation } = job;
  if (mend === 'plain') {
    // Many local servers refuse structured output: the labelled plain-text form, remembered on the turn.
    if (!refused.turn.altText) return null;
    const altText = { ...refused.turn.altText, structured: false };
    await updateTurn(conversation.id, job.turn.id, (t) => ({ ...t, altText: { ...(t.altText ?? altText), structured: false } }));
    return attemptOf(job, { ...refused.turn, altText }, { imageUrls: refused.request.imageUrls, anyUrl: refused.byAddress, fields: refused.fields });
  }
  // The server could not fetch an address: send the bytes instead, once, and say so.
  let bytes: PicturesInput;
  try {
    bytes = await picturesInput(conversation, refused.turn, pictureRule(job.profile), { forceBytes: t('noteRetriedWithBytes'), signal: job.signal });
  } catch (error) {
    if (!(error instanceof ImageError)) throw error;
    const failure = { kind: 'image' as const, message: t('errRetryFailed', error.message) };
    await updateTurn(conversation.id, job.turn.id, (t) => finished(t, { status: 'error', error: failure }));
    return null;
  }
  await updateTurn(conversation.id, job.turn.id, (t) => ({ ...t, ...bytes.fields }));
  return attemptOf(job, refused.turn, bytes);
}
