/**
 * Where the API keys are kept, one per provider profile, out of reach of content scripts in both
 * browsers.
 *
 * Chrome: in storage.local, which the worker closes to content scripts at start (storage-access.ts).
 * Firefox cannot close storage.local (only storage.session has an access level there; Mozilla bug
 * 1724754), and its content scripts may read the whole area. There the keys live in the extension's
 * own IndexedDB instead: that database belongs to the moz-extension:// origin, which no web page and
 * no content script (they run with the page's origin) can open. A key an earlier version left in
 * storage.local, or as the one key in IndexedDB, is moved to the first profile on first read.
 *
 * Only the background reads or writes them; pages hand a key over by message and never read it back.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { browser } from 'wxt/browser';
import type { SavedKey, SavedKeys } from './api-key-origin';
import { FIRST_PROFILE_ID } from './settings';
import { localApiKeyItem } from './storage';
import { inTurnWith } from './storage-lock';

/** The extension-only store, where storage.local cannot be closed: named entries, nothing more. */
export interface KeyVault {
  get(entry: string): Promise<unknown>;
  set(entry: string, value: unknown): Promise<void>;
  remove(entry: string): Promise<void>;
}

/** The vault's entry holding every profile's key. */
const KEYS = 'apiKeys';
/** Where the version before profiles kept its one key (a SavedKey) in the vault. */
const LEGACY_KEY = 'apiKey';

let database: UseStore | undefined;
const store = () => (database ??= createStore('ask-about-this-image', 'secrets'));

export const indexedDbVault: KeyVault = {
  get: (entry) => get(entry, store()),
  set: (entry, value) => set(entry, value, store()),
  remove: (entry) => del(entry, store()),
};

/** Whether this browser lets storage.local be closed to content scripts (Chrome 102+). */
export function localStorageCanBeClosed(): boolean {
  return typeof (browser.storage.local as { setAccessLevel?: unknown }).setAccessLevel === 'function';
}

/** The keys with one profile's replaced or removed; built as own entries whatever the id is. */
function withKey(keys: SavedKeys, profileId: string, value: SavedKey | null): SavedKeys {
  const others = Object.entries(keys).filter(([id]) => id !== profileId);
  return Object.fromEntries(value ? [...others, [profileId, value]] : others);
}

/** One profile's key among all the saved ones, or null. */
export function keyOf(keys: SavedKeys, profileId: string): SavedKey | null {
  return Object.hasOwn(keys, profileId) ? keys[profileId]! : null;
}

export function apiKeyStore(vault: KeyVault | null) {
  async function all(): Promise<SavedKeys> {
    if (!vault) return localApiKeyItem.getValue();
    const kept = (await vault.get(KEYS)) as SavedKeys | undefined;
    if (kept) return kept;
    // In the same queue as saves: a read beside a save must not write the old keys over the new one.
    return inTurnWith(localApiKeyItem, () => migrate(vault));
  }

  /** The keys in the vault, moved there on the first read since keys are kept per profile. */
  async function migrate(into: KeyVault): Promise<SavedKeys> {
    const again = (await into.get(KEYS)) as SavedKeys | undefined;
    if (again) return again;
    // The first read since keys are kept per profile: what an earlier version kept becomes the
    // first profile's key, read through the storage item so an older stored shape is migrated.
    const legacy = (await into.get(LEGACY_KEY)) as SavedKey | undefined;
    const left = await localApiKeyItem.getValue();
    const keys = legacy?.key ? withKey(left, FIRST_PROFILE_ID, legacy) : left;
    await into.set(KEYS, keys);
    await into.remove(LEGACY_KEY);
    // Nothing stays where content scripts could read it.
    await localApiKeyItem.removeValue({ removeMeta: true });
    return keys;
  }

  return {
    /** Every profile's saved key, by profile id. */
    all,
    /** The key saved for one profile, or null. */
    async get(profileId: string): Promise<SavedKey | null> {
      return keyOf(await all(), profileId);
    },
    /** Saves (or, with null, forgets) one profile's key; the others are left as they are. */
    set(profileId: string, value: SavedKey | null): Promise<void> {
      // One write at a time: two saves at once must not each put back the other's old keys.
      return inTurnWith(localApiKeyItem, async () => {
        // Not all(): that queues a first-read migration behind this very save.
        const keys = withKey(vault ? await migrate(vault) : await localApiKeyItem.getValue(), profileId, value);
        if (!vault) return localApiKeyItem.setValue(keys);
        await vault.set(KEYS, keys);
        await localApiKeyItem.removeValue({ removeMeta: true });
      });
    },
  };
}

/** The keys, kept where this browser allows them to be kept from pages. */
export const apiKeys = apiKeyStore(localStorageCanBeClosed() ? null : indexedDbVault);
