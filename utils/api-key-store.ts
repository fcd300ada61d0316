/**
 * Where the API key is kept, out of reach of content scripts in both browsers.
 *
 * Chrome: in storage.local, which the worker closes to content scripts at start (storage-access.ts).
 * Firefox cannot close storage.local (only storage.session has an access level there; Mozilla bug
 * 1724754), and its content scripts may read the whole area. There the key lives in the extension's
 * own IndexedDB instead: that database belongs to the moz-extension:// origin, which no web page and
 * no content script (they run with the page's origin) can open. A key an earlier version left in
 * storage.local is moved there on first read.
 *
 * Only the background reads or writes it; pages hand the key over by message and never read it back.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { browser } from 'wxt/browser';
import type { SavedKey } from './api-key-origin';
import { localApiKeyItem } from './storage';

/** The extension-only store, where storage.local cannot be closed. */
export interface KeyVault {
  get(): Promise<SavedKey | undefined>;
  set(value: SavedKey): Promise<void>;
  remove(): Promise<void>;
}

const KEY = 'apiKey';
let database: UseStore | undefined;
const store = () => (database ??= createStore('ask-about-this-image', 'secrets'));

export const indexedDbVault: KeyVault = {
  get: () => get<SavedKey>(KEY, store()),
  set: (value) => set(KEY, value, store()),
  remove: () => del(KEY, store()),
};

/** Whether this browser lets storage.local be closed to content scripts (Chrome 102+). */
export function localStorageCanBeClosed(): boolean {
  return typeof (browser.storage.local as { setAccessLevel?: unknown }).setAccessLevel === 'function';
}

export function apiKeyStore(vault: KeyVault | null) {
  return {
    async getValue(): Promise<SavedKey | null> {
      if (!vault) return localApiKeyItem.getValue();
      const kept = await vault.get();
      if (kept) return kept;
      // Read through the storage item, so a version-1 key is migrated on the way.
      const left = await localApiKeyItem.getValue();
      if (!left) return null;
      await vault.set(left);
      await localApiKeyItem.removeValue({ removeMeta: true });
      return left;
    },
    async setValue(value: SavedKey | null): Promise<void> {
      if (!vault) return localApiKeyItem.setValue(value);
      await (value ? vault.set(value) : vault.remove());
      // Nothing stays where content scripts could read it.
      await localApiKeyItem.removeValue({ removeMeta: true });
    },
  };
}

/** The key, kept where this browser allows it to be kept from pages. */
export const apiKeyItem = apiKeyStore(localStorageCanBeClosed() ? null : indexedDbVault);
