/**
 * Every storage item the extension keeps, in one place, typed and versioned. Items live in
 * storage.local so they survive browser restarts and are shared by the worker and the pages.
 *
 * Versions: WXT records an item's version in a meta record beside it (`ledger$: { v: 2 }`), but
 * only for items that declare migrations; a value with no meta record is version 1. So every item
 * states its version here, and when its shape changes, the version goes up with a migration from
 * each earlier one (test/unit/storage-migrations.test.ts stores data as each version stored it).
 * WXT migrates an item when this module is loaded, in the worker and in each page, before the
 * item's first read or write there.
 */
import { storage } from 'wxt/utils/storage';
import { isIncognito, type Conversation, type PictureRef } from './ask/conversation';
import type { Audit } from './alt-text/audit-record';
import type { CachedAnswer } from './ask/cached-answer';
import { DEFAULT_BROWSE_SETTINGS, type BrowsePage, type BrowseSettings, type BrowseSpend } from './shared/describe-as-browse-settings';
import { EMPTY_LEDGER, type Ledger, type LedgerEntry } from './cost/ledger';
import type { Price } from './cost/prices';
import { originOf, type SavedKey, type SavedKeys } from './api-key-origin';
import { settingsFromV1, type SettingsV1 } from './profiles/migrate-v1';
import { DEFAULT_SETTINGS, FIRST_PROFILE_ID, resolveSettings, type StoredSettings } from './settings';

/**
 * The options: the global settings and the provider profiles, one of them active. Version 1 held
 * one server beside the global settings; it becomes the first profile (profiles/migrate-v1.ts).
 */
export const settingsItem = storage.defineItem<StoredSettings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    2: (v1: SettingsV1): StoredSettings => settingsFromV1(v1),
  },
});

/**
 * The API keys, one per profile id, each with the origin of the server it was saved for
 * (api-key-origin.ts), where storage.local is closed to content scripts (Chrome). Read and written
 * only through api-key-store.ts, which keeps the keys elsewhere in a browser that cannot close
 * this area.
 */
export const localApiKeyItem = storage.defineItem<SavedKeys>('local:apiKey', {
  fallback: {},
  version: 3,
  migrations: {
    // Version 1 was the bare key: it was saved for the server configured then, the only one it
    // has been used with, which is now the first profile's. (A blank one becomes an empty key: a
    // migration that returns null keeps the old value.)
    2: async (key: string): Promise<SavedKey> =>
      key.trim()
        ? { key: key.trim(), origin: originOf(resolveSettings(await settingsItem.getValue(), FIRST_PROFILE_ID).profile.baseUrl) }
        : { key: '', origin: '' },
    // Version 2 was the one key of the one server, which became the first profile.
    3: (saved: SavedKey): SavedKeys => (saved.key ? { [FIRST_PROFILE_ID]: saved } : {}),
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

/**
 * The spend ledger (cost/ledger.ts): recent entries one by one, older months as totals
 * (cost/ledger-rollup.ts). Written only by the background, one write at a time (record-spend.ts).
 */
export const ledgerItem = storage.defineItem<Ledger>('local:ledger', {
  fallback: EMPTY_LEDGER,
  version: 2,
  migrations: {
    // Version 1 was the bare list of entries, one per request, kept for ever. They are all kept
    // as they were; the worker folds the old ones into months when it starts (record-spend.ts).
    2: (entries: LedgerEntry[]): Ledger => ({ entries, months: [] }),
  },
});

/**
 * Spend that could not be written to the ledger because storage.local was full: the money was
 * spent, so budgets and views count it, and the next write to the ledger takes it in
 * (record-spend.ts). Session storage has a quota of its own, so it fits when the ledger does not.
 */
export const unsavedSpendItem = storage.defineItem<LedgerEntry[]>('session:unsavedSpend', {
  fallback: [],
  version: 1,
});

/**
 * The user's own prices per model family (USD per million tokens), over the built-in table, per
 * profile id: the same model name may cost differently at another server. Version 1 was one table
 * for the one server, which became the first profile.
 */
export const priceOverridesItem = storage.defineItem<Record<string, Record<string, Price>>>('local:priceOverrides', {
  fallback: {},
  version: 2,
  migrations: {
    2: (table: Record<string, Price>): Record<string, Record<string, Price>> => (Object.keys(table).length > 0 ? { [FIRST_PROFILE_ID]: table } : {}),
  },
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
 *
 * Versioned like the rest: Chrome empties session storage when the extension is updated, but
 * Firefox documents only that it is emptied when the browser stops, so data written by an earlier
 * version may be read by a later one there.
 */
export const pictureSourcesItem = storage.defineItem<Record<string, { dataUrl: string; at: number }>>(
  'session:pictureSources',
  { fallback: {}, version: 1 },
);

/**
 * "Open a file…" pressed in Firefox's toolbar popup, which Firefox closes as soon as the file
 * chooser takes the focus: the popup opens the sidebar of its window and leaves this note, and the
 * sidebar there shows its own "Open a file…" ready (components/sidepanel/file-ask.ts). A note, not a
 * setting: session storage, taken by the sidebar once it has acted on it.
 */
export const fileAskItem = storage.defineItem<{ windowId: number; at: number } | null>('session:fileAsk', {
  fallback: null,
  version: 1,
});

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
  /** Collected in a private window: the comparison it joins is private too. */
  incognito?: boolean;
}

/**
 * Pictures collected for a comparison ("Add to comparison"), in the user's order. In session
 * storage, never on disk: the tray may hold pictures from private windows, and the page-read
 * pixels of its pictures are session-only anyway, so a tray kept past a restart would be half empty.
 * (It was kept in 'local:compareTray' before; removeRetiredItems deletes that one.)
 */
export const compareTrayItem = storage.defineItem<TrayEntry[]>('session:compareTray', { fallback: [], version: 1 });

/** Items earlier versions kept that nothing reads any more: removed when the worker starts. */
export async function removeRetiredItems(): Promise<void> {
  await storage.removeItem('local:compareTray', { removeMeta: true });
  await storage.removeItem('local:audit', { removeMeta: true });
}

/**
 * The latest page audit (alt text for every unlabelled picture of a page); one at a time. In
 * session storage, never on disk: an audit of a private window's tab must not be written there,
 * and any audit is tied to a live tab and its elements, which do not outlive the browser anyway.
 * (It was kept in 'local:audit' before; removeRetiredItems deletes that one.)
 */
export const auditItem = storage.defineItem<Audit | null>('session:audit', { fallback: null, version: 1 });

/**
 * "Describe as I browse": the sites it is on for, whether private windows may use it, and its own
 * daily budget. Apart from the options' settings: it is turned on and off from the popup and the
 * keyboard, one site at a time, and the worker follows its changes (describe-as-browse.ts).
 */
export const browseSettingsItem = storage.defineItem<BrowseSettings>('local:describeAsBrowse', {
  fallback: DEFAULT_BROWSE_SETTINGS,
  version: 1,
});

/** What "Describe as I browse" spent today, and whether its stop at the budget was said today. */
export const browseSpendItem = storage.defineItem<BrowseSpend | null>('local:describeAsBrowseSpend', { fallback: null, version: 1 });

/**
 * What "Describe as I browse" wrote into each tab's page, by tab id, for the badge and for Undo.
 * Session storage: it names pages the user visited, private ones included, and means nothing
 * once the browser has closed.
 */
export const browsePagesItem = storage.defineItem<Record<string, BrowsePage>>('session:describeAsBrowsePages', { fallback: {}, version: 1 });

/**
 * One item per conversation, so a streaming answer rewrites only its own record. Version 1 (all
 * conversations stored so far carry no meta record, which WXT reads as version 1). A migration
 * added here would run for each conversation when it is next loaded, not for all at once.
 */
export function conversationItem(id: string) {
  // A conversation from a private window lives in memory only: session storage is never written to
  // disk, and the browser empties it when it closes (incognito.ts empties it sooner).
  const area = isIncognito(id) ? 'session' : 'local';
  return storage.defineItem<Conversation | null>(`${area}:conversation:${id}`, { fallback: null, version: 1 });
}
