/** A conversation about one picture: its turns, as the popup shows them and the API is sent them. */
import type { AltTextResult, PageContext } from '../shared/alt-text-types';
import type { PictureKind } from '../shared/picture-source';
import type { ApiKind, Detail, Settings } from '../settings';
import type { ContextUsage, Usage } from '../vision/types';
import type { PageFrame } from '../image/fetch-bytes';

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'cut' | 'error';

/** Why a turn failed; `kind` lets the popup offer the right way out (e.g. a link to the options). */
export interface TurnError {
  kind: 'no-key' | 'settings' | 'budget' | 'image' | 'private-picture' | 'http' | 'network' | 'timeout' | 'stalled' | 'malformed' | 'interrupted' | 'unknown';
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
  /**
   * The provider profile the turn is asked of (its key, server and prices), and its name then, for
   * the popup to say who answered. Turns from before profiles have none: they are the first profile's.
   */
  profileId?: string;
  profileName?: string;
  startedAt: number;
  finishedAt?: number;
  /** Why the answer ended early, in words for the user ("cut" and "stopped" turns). */
  note?: string;
  error?: TurnError;
  usage?: Usage;
  /** USD; null when the model has no known price. */
  cost?: number | null;
  /** True when usage is our estimate (the stream ended before the API reported it). */
  usageEstimated?: boolean;
  /** Answered from the answer cache, at no cost. */
  cached?: boolean;
  /** The picture's tokens as estimated before sending; null when the model's formula is unknown. */
  imageTokens?: number | null;
  /** How the picture travelled: its address, or bytes the extension prepared. */
  sentAs?: 'url' | 'bytes';
  /** What the user should know about how the picture was sent (converted, first frame, retried). */
  imageNotes?: string[];
  /** The size and weight of the prepared picture, when bytes were sent. */
  sentImage?: { width: number; height: number; bytes: number; originalBytes: number; preparedMs: number };
  /** Set on a turn that asks for alt text rather than answering a question (alt-text/one-picture.ts). */
  altText?: AltTextTurn;
  /** The on-device model's context after this answer: how much the conversation uses, of how much. */
  context?: ContextUsage;
  /** How far Chrome's model download has come (0 to 1) while a first on-device answer waits for it. */
  downloading?: number;
}

/** What an alt-text turn asked for, what came back, and whether it was written into the page. */
export interface AltTextTurn {
  context: PageContext;
  /** The language asked for (BCP 47), '' for the model's choice. */
  language: string;
  limit: number;
  /** Asked for JSON through structured output; false after the server refused it (plain-text form). */
  structured: boolean;
  /** Why this turn was asked again at high detail, in words for the user. */
  reason?: string;
  result?: AltTextResult;
  /** Written into the live page (Apply) or into a focused field (Fill), and what was written. */
  applied?: { text: string; how: 'alt' | 'aria-label' | 'field'; at: number };
}

export interface PictureRef {
  /**
   * The picture's own web address, when it has one. Pictures read from the page (canvas, video,
   * inline SVG, data: and blob: pictures, screenshots) have none here: their bytes are kept in
   * session storage only (source-store.ts), never in the conversation.
   */
  url?: string;
  kind: PictureKind;
  alt?: string;
  pageUrl?: string;
  /** The http(s) address a frame the page wrote (about:srcdoc, data:) answers to: whose private pictures are its own. */
  pageOrigin?: string;
  pageTitle?: string;
  /** The picture's own size in pixels, when known (for token estimates). */
  width?: number;
  height?: number;
  /** A small JPEG (at most 256 px) for the popup; never the full picture. */
  thumbnail?: string;
  /** Where it was found, to read it again with the page's cookies and to write alt text back. */
  page?: { tabId: number; frameId: number; elementId?: string };
  /** What the page said around it (caption, link, heading, language), for alt text. */
  context?: PageContext;
  /** The user said this picture may be read from their own network, though the page is public. */
  privateAllowed?: boolean;
}

export interface Conversation {
  id: string;
  createdAt: number;
  /** The picture asked about; for a comparison, the first of `comparison`. */
  image: PictureRef;
  /** A comparison's pictures, in the order the user put them (numbered from 1). */
  comparison?: PictureRef[];
  turns: Turn[];
}

/** Every picture a conversation sends, in order. */
export function picturesOf(conversation: Conversation): PictureRef[] {
  return conversation.comparison ?? [conversation.image];
}

/** The conversation with its pictures marked as readable from the user's network, as they chose. */
export function allowPrivatePictures(conversation: Conversation): Conversation {
  const allow = (picture: PictureRef): PictureRef => (picture.url ? { ...picture, privateAllowed: true } : picture);
  return {
    ...conversation,
    image: allow(conversation.image),
    ...(conversation.comparison ? { comparison: conversation.comparison.map(allow) } : {}),
  };
}

/** Where a picture's page-read bytes are kept: per conversation, and per position in a comparison. */
/** Where the page can read the picture again, tied to the document it was found in. */
export function pageFrameOf(picture: PictureRef): PageFrame | undefined {
  return picture.page && { tabId: picture.page.tabId, frameId: picture.page.frameId, documentUrl: picture.pageUrl };
}

export function sourceKey(conversationId: string, index: number): string {
  return index === 0 ? conversationId : `${conversationId}:${index}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

const INCOGNITO = 'incognito-';

/**
 * Whether the conversation began in a private (incognito) window. Its id says so, so that every
 * part that stores it can tell from the id alone: it is kept in memory only (storage.ts), never
 * listed in the history nor its answer remembered, and forgotten with the last private window.
 */
export function isIncognito(conversationId: string): boolean {
  return conversationId.startsWith(INCOGNITO);
}

export function newConversation(pictures: PictureRef[], now = Date.now(), options: { incognito?: boolean } = {}): Conversation {
  const [image, ...others] = pictures;
  if (!image) throw new Error('A conversation needs a picture.');
  const id = options.incognito ? `${INCOGNITO}${newId()}` : newId();
  return { id, createdAt: now, image, ...(others.length > 0 ? { comparison: pictures } : {}), turns: [] };
}

/** Who a new turn is asked of: a model, an API and a detail, and the profile they come from. */
export interface TurnChoice {
  model: string;
  detail: Detail;
  api: ApiKind;
  profile?: { id: string; name: string };
}

/** A new turn is asked of the profile the settings name (the active one), at `detail`. */
export function choiceOf(settings: Settings, detail: Detail = settings.detail): TurnChoice {
  const { id, name, model, api } = settings.profile;
  return { model, api, detail, profile: { id, name } };
}

export function newTurn(question: string, choice: TurnChoice, now = Date.now()): Turn {
  return {
    ...freshAnswer(),
    id: newId(),
    question,
    model: choice.model,
    detail: choice.detail,
    api: choice.api,
    ...(choice.profile ? { profileId: choice.profile.id, profileName: choice.profile.name } : {}),
    startedAt: now,
  };
}

/** The fields of a turn that describe its answer, as they are before any answer arrives. */
export function freshAnswer(): Pick<Turn, 'answer' | 'status'> {
  return { answer: '', status: 'streaming' };
}

/** A turn made ready to be answered again (Ask again, Ask anyway): same question, no answer yet. */
export function resetTurn(turn: Turn, now = Date.now()): Turn {
  const { id, question, model, detail, api, profileId, profileName, altText } = turn;
  const request = altText ? { altText: { context: altText.context, language: altText.language, limit: altText.limit, structured: altText.structured } } : {};
  // Asked again of the same profile it was asked of: its model belongs to that server.
  const profile = profileId !== undefined ? { profileId, ...(profileName !== undefined ? { profileName } : {}) } : {};
  return { id, question, model, detail, api, ...profile, startedAt: now, ...freshAnswer(), ...request };
}

/** A turn as it ends, however it ends: it no longer waits for a download either. */
export function finished(turn: Turn, fields: Partial<Turn>): Turn {
  const { downloading: _downloading, ...rest } = turn;
  return { ...rest, ...fields, finishedAt: Date.now() };
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
  // Alt-text turns are asked on their own and answer in JSON: no history to build on either way.
  return earlier.filter((t) => t.answer.length > 0 && !t.altText);
}

/** Failures that stop a question before anything is sent: nothing was asked, nothing is worth keeping in view. */
const REFUSED_BEFORE_SENDING: ReadonlySet<TurnError['kind']> = new Set(['no-key', 'settings', 'budget', 'image']);

/**
 * Whether the conversation belongs in the history: some question reached the server (or is on
 * its way). An attempt refused before sending, say with no key yet, is not an answer to list.
 */
export function reachedServer(conversation: Conversation): boolean {
  return conversation.turns.some((turn) => turn.status !== 'error' || !turn.error || !REFUSED_BEFORE_SENDING.has(turn.error.kind));
}

/**
 * A history entry's name: the answer's opening words tell conversations apart (their questions
 * are mostly the same one-click question); the question stands in until an answer arrives.
 */
export function conversationTitle(conversation: Conversation, maxLength = 90): string {
  const first = conversation.turns[0];
  const answer = first?.altText?.result?.lint.text ?? first?.answer ?? '';
  // The first line, without markdown's leading marks ("# ", "- ", "**").
  const line = answer
    .split('\n')
    .map((text) => text.replace(/^\s*(#{1,6}\s+|>\s*|[*+-]\s+|\d+[.)]\s+)*/, '').replace(/\*\*|__/g, '').trim())
    .find(Boolean);
  const title = line || first?.question || '';
  return title.length > maxLength ? `${title.slice(0, maxLength - 1).trimEnd()}…` : title;
}

/** The site a conversation's picture came from ("example.com"), or '' for a file or a pasted picture. */
export function siteOf(conversation: Conversation): string {
  const address = conversation.image.pageUrl;
  if (!address) return '';
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : '';
  } catch {
    // A page address that does not parse names no site; the entry is still listed by its title.
    return '';
  }
}
