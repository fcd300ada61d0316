/** A conversation about one picture: its turns, as the popup shows them and the API is sent them. */
import type { ApiKind, Detail } from '../settings';
import type { Usage } from '../vision/types';

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'cut' | 'error';

/** Why a turn failed; `kind` lets the popup offer the right way out (e.g. a link to the options). */
export interface TurnError {
  kind: 'no-key' | 'settings' | 'http' | 'network' | 'timeout' | 'stalled' | 'interrupted' | 'unknown';
  message: string;
  status?: number;
}

export interface Turn {
  id: string;
  question: string;
  answer: string;
  status: TurnStatus;
  model: string;
  detail: Detail;
  api: ApiKind;
  startedAt: number;
  finishedAt?: number;
  /** Why the answer ended early, in words for the user ("cut" and "stopped" turns). */
  note?: string;
  error?: TurnError;
  usage?: Usage;
  /** USD; null when the model has no known price. */
  cost?: number | null;
}

export interface PictureRef {
  /** The URL the picture was shown from (currentSrc of srcset / <picture>). */
  url: string;
  alt?: string;
  pageUrl?: string;
  pageTitle?: string;
}

export interface Conversation {
  id: string;
  createdAt: number;
  image: PictureRef;
  turns: Turn[];
}

export function newId(): string {
  return crypto.randomUUID();
}

export function newConversation(image: PictureRef, now = Date.now()): Conversation {
  return { id: newId(), createdAt: now, image, turns: [] };
}

export function newTurn(
  question: string,
  settings: { model: string; detail: Detail; api: ApiKind },
  now = Date.now(),
): Turn {
  return {
    id: newId(),
    question,
    answer: '',
    status: 'streaming',
    model: settings.model,
    detail: settings.detail,
    api: settings.api,
    startedAt: now,
  };
}

export function isFinished(turn: Turn): boolean {
  return turn.status !== 'streaming';
}

/**
 * The earlier turns a follow-up re-sends. A turn whose answer never arrived carries nothing the
 * model can build on, so it is left out; a cut or stopped answer is sent as far as it got.
 */
export function priorExchanges(conversation: Conversation, beforeTurnId: string): Turn[] {
  const index = conversation.turns.findIndex((t) => t.id === beforeTurnId);
  const earlier = index === -1 ? conversation.turns : conversation.turns.slice(0, index);
  return earlier.filter((t) => t.answer.length > 0);
}
