/**
 * Every storage item the extension keeps, in one place, typed and versioned. Items live in
 * storage.local so they survive browser restarts and are shared by the worker and the pages.
 */
import { storage } from 'wxt/utils/storage';
import type { Conversation, PictureRef } from './ask/conversation';
import type { Audit } from './alt-text/audit-record';
import type { CachedAnswer } from './ask/answer-cache';
import type { LedgerEntry } from './cost/ledger';
import type { Price } from './cost/prices';
import { originOf, type SavedKey } from './api-key-origin';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/**
 * The API key and the origin of the server it was saved for (api-key-origin.ts). Read only by the
 * background; pages write it through a message and never read it.
 */
export const apiKeyItem = storage.defineItem<SavedKey | null>('local:apiKey', {
  fallback: null,
  version: 2,
  migrations: {
    // Version 1 was the bare key: it was saved for the server configured then, the only one it
    // has been used with. (A blank one becomes an empty key: a migration that returns null keeps
    // the old value.)
    2: async (key: string): Promise<SavedKey> =>
      key.trim() ? { key: key.trim(), origin: originOf((await settingsItem.getValue()).baseUrl) } : { key: '', origin: '' },
  },
});

/** The conversation the popup shows when it opens. */
export const latestConversationIdItem = storage.defineItem<string | null>(
  'local:latestConversationId',
  { fallback: null, version: 1 },
);

/**
 * Conversations whose answer is being streamed. A worker that starts finds any left here by a
 * worker that was stopped mid-answer, and marks those answers as interrupted.
 */
export const streamingConversationsItem = storage.defineItem<string[]>(
  'local:streamingConversations',
  { fallback: [], version: 1 },
);

export const ledgerItem = storage.defineItem<LedgerEntry[]>('local:ledger', {
  fallback: [],
  version: 1,
});

/** The user's own prices per model family (USD per million tokens), over the built-in table. */
export const priceOverridesItem = storage.defineItem<Record<string, Price>>('local:priceOverrides', {
  fallback: {},
  version: 1,
});

/** Answers already paid for, by a hash of the exact request; bounded in answer-cache.ts. */
export const answerCacheItem = storage.defineItem<Record<string, CachedAnswer>>('local:answerCache', {
  fallback: {},
  version: 1,
});

/**
 * Pixels read from pages (canvas, video, inline SVG, data: and blob: pictures, screenshots), per
 * conversation, for follow-ups. Session storage: kept in memory, gone when the browser closes, and
 * not readable by content scripts.
 */
export const pictureSourcesItem = storage.defineItem<Record<string, { dataUrl: string; at: number }>>(
  'session:pictureSources',
  { fallback: {} },
);

/** Something the popup must say that belongs to no conversation ("no picture there"). */
export const noticeItem = storage.defineItem<{ message: string; at: number } | null>('local:notice', {
  fallback: null,
  version: 1,
});

/** Conversation ids, newest first: the history. Bounded in history.ts. */
export const conversationIndexItem = storage.defineItem<string[]>('local:conversationIndex', {
  fallback: [],
  version: 1,
});

export interface TrayEntry {
  id: string;
  picture: PictureRef;
  addedAt: number;
}

/** Pictures collected for a comparison ("Add to comparison"), in the user's order. */
export const compareTrayItem = storage.defineItem<TrayEntry[]>('local:compareTray', { fallback: [], version: 1 });

/** The latest page audit (alt text for every unlabelled picture of a page); one at a time. */
export const auditItem = storage.defineItem<Audit | null>('local:audit', { fallback: null, version: 1 });

/** One item per conversation, so a streaming answer rewrites only its own record. */
export function conversationItem(id: string) {
  return storage.defineItem<Conversation | null>(`local:conversation:${id}`, { fallback: null });
}
