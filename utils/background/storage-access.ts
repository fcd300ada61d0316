/**
 * The API key lives in storage.local, which content scripts may read by default. Chrome lets an
 * extension close a storage area to them (TRUSTED_CONTEXTS): then only the extension's own pages
 * and its service worker reach it, so a page that compromises its renderer cannot read the key or
 * change the base URL. The content script never uses storage, so it loses nothing.
 *
 * Firefox has no such setting for storage.local (only storage.session has one; Mozilla bug
 * 1724754): there the key is kept in IndexedDB instead (api-key-store.ts).
 */
import { browser } from 'wxt/browser';

interface AccessControlledArea {
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
}

/** Closes storage.local to content scripts where the browser allows it; says whether it could. */
export async function closeStorageToPages(): Promise<boolean> {
  const local = browser.storage.local as unknown as AccessControlledArea;
  if (typeof local.setAccessLevel !== 'function') return false;
  await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return true;
}
