/**
 * The key's storage across versions: a key saved by an earlier version (the bare key) is bound to
 * the server that was configured when it was saved, the only one it has ever been sent to; and
 * where storage.local cannot be closed to content scripts (Firefox), the key is kept out of it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SavedKey } from '../../utils/api-key-origin';
import type { KeyVault } from '../../utils/api-key-store';
import { DEFAULT_SETTINGS } from '../../utils/settings';

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
});

// Each test loads the extension's modules afresh, as a worker starting does.
describe('the stored API key', () => {
  it('from version 1 (the bare key) is bound to the base URL saved then', async () => {
    await fakeBrowser.storage.local.set({ apiKey: 'sk-from-v1', settings: { ...DEFAULT_SETTINGS, baseUrl: 'https://openrouter.ai/api/v1' } });
    // The storage module migrates when it is loaded, as the worker does when it starts after an update.
    const { apiKeyItem } = await import('../../utils/api-key-store');
    expect(await apiKeyItem.getValue()).toEqual({ key: 'sk-from-v1', origin: 'https://openrouter.ai' });
    expect(await fakeBrowser.storage.local.get('apiKey$')).toEqual({ 'apiKey$': { v: 2 } });
  });

  it('from version 1 with no key is still no key', async () => {
    await fakeBrowser.storage.local.set({ apiKey: '  ' });
    const { apiKeyItem } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    expect(await apiKeyItem.getValue()).toEqual({ key: '', origin: '' });
    expect(await pageRequestHandlers.keyStatus(undefined, {} as never)).toEqual({ hasKey: false, origin: '' });
  });

  it('saved now is bound to the base URL saved in the settings', async () => {
    const { settingsItem } = await import('../../utils/storage');
    const { apiKeyItem } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseUrl: 'http://127.0.0.1:11434/v1' });
    await pageRequestHandlers.saveApiKey({ apiKey: ' sk-new ' }, {} as never);
    expect(await apiKeyItem.getValue()).toEqual({ key: 'sk-new', origin: 'http://127.0.0.1:11434' });
    expect(await pageRequestHandlers.keyStatus(undefined, {} as never)).toEqual({ hasKey: true, origin: 'http://127.0.0.1:11434' });
  });
});

describe('where storage.local cannot be closed to content scripts (Firefox)', () => {
  /** An extension-only store, as the IndexedDB vault is; held in memory here. */
  function memoryVault() {
    const held: { value?: SavedKey } = {};
    const vault: KeyVault = {
      get: async () => held.value,
      set: async (value) => void (held.value = value),
      remove: async () => void delete held.value,
    };
    return { vault, held };
  }

  it('a saved key goes to the extension-only store, and nothing of it to storage.local', async () => {
    const { apiKeyStore } = await import('../../utils/api-key-store');
    const { vault, held } = memoryVault();
    const keys = apiKeyStore(vault);
    await keys.setValue({ key: 'sk-firefox', origin: 'https://api.openai.com' });
    expect(held.value).toEqual({ key: 'sk-firefox', origin: 'https://api.openai.com' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-firefox');
    expect(await keys.getValue()).toEqual({ key: 'sk-firefox', origin: 'https://api.openai.com' });
    await keys.setValue(null);
    expect(held.value).toBeUndefined();
    expect(await keys.getValue()).toBeNull();
  });

  it('a key an earlier version left in storage.local is moved out of it on first read', async () => {
    await fakeBrowser.storage.local.set({ apiKey: 'sk-from-v1', settings: { ...DEFAULT_SETTINGS, baseUrl: 'https://openrouter.ai/api/v1' } });
    const { apiKeyStore } = await import('../../utils/api-key-store');
    const { vault, held } = memoryVault();
    expect(await apiKeyStore(vault).getValue()).toEqual({ key: 'sk-from-v1', origin: 'https://openrouter.ai' });
    expect(held.value).toEqual({ key: 'sk-from-v1', origin: 'https://openrouter.ai' });
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['settings']);
  });

  it('is the way taken when the browser has no access level for storage.local', async () => {
    const { localStorageCanBeClosed } = await import('../../utils/api-key-store');
    expect(localStorageCanBeClosed()).toBe(true);
    const local = fakeBrowser.storage.local as { setAccessLevel?: unknown };
    const chromeOwn = local.setAccessLevel;
    delete local.setAccessLevel;
    try {
      expect(localStorageCanBeClosed()).toBe(false);
    } finally {
      local.setAccessLevel = chromeOwn;
    }
  });
});
