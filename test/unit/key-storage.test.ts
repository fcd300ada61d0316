/**
 * The keys' storage across versions and browsers: one key per provider profile. A key saved by an
 * earlier version (the bare key, then one key with its server's origin) becomes the first profile's,
 * bound to the server that was configured when it was saved, the only one it has ever been sent
 * to; and where storage.local cannot be closed to content scripts (Firefox), the keys are kept out of it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { KeyVault } from '../../utils/api-key-store';
import { DEFAULT_SETTINGS, profileFromPreset } from '../../utils/settings';

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
});

/** The options as version 1 stored them: one server beside the global settings. */
const { profiles: _p, activeProfileId: _a, ...globals } = DEFAULT_SETTINGS;
const settingsV1 = (baseUrl: string) => ({ ...globals, baseUrl, model: 'gpt-4o', api: 'chat', sendImagesAs: 'auto' });
const sender = {} as never;

// Each test loads the extension's modules afresh, as a worker starting does.
describe('the stored API keys', () => {
  it('from version 1 (the bare key) become the first profile\'s, bound to the base URL saved then', async () => {
    await fakeBrowser.storage.local.set({ apiKey: 'sk-from-v1', settings: settingsV1('https://openrouter.ai/api/v1') });
    // The storage module migrates when it is loaded, as the worker does when it starts after an update.
    const { apiKeys } = await import('../../utils/api-key-store');
    expect(await apiKeys.all()).toEqual({ first: { key: 'sk-from-v1', origin: 'https://openrouter.ai' } });
    expect(await fakeBrowser.storage.local.get('apiKey$')).toEqual({ 'apiKey$': { v: 3 } });
  });

  it('from version 2 (one key with its origin) become the first profile\'s as they were', async () => {
    const saved = { key: 'sk-from-v2', origin: 'http://127.0.0.1:11434' };
    await fakeBrowser.storage.local.set({ apiKey: saved, 'apiKey$': { v: 2 }, settings: settingsV1('http://127.0.0.1:11434/v1') });
    const { apiKeys } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    expect(await apiKeys.get('first')).toEqual(saved);
    expect(await pageRequestHandlers.keyStatus({ profileId: 'first' }, sender)).toEqual({ hasKey: true, origin: 'http://127.0.0.1:11434' });
    expect(await fakeBrowser.storage.local.get(['apiKey', 'apiKey$'])).toEqual({ apiKey: { first: saved }, 'apiKey$': { v: 3 } });
  });

  it.each([
    ['version 1 with a blank key', { apiKey: '  ' }],
    ['version 2 with an empty key', { apiKey: { key: '', origin: '' }, 'apiKey$': { v: 2 } }],
  ])('from %s are no key at all', async (_, stored) => {
    await fakeBrowser.storage.local.set(stored);
    const { apiKeys } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    expect(await apiKeys.all()).toEqual({});
    expect(await pageRequestHandlers.keyStatus({ profileId: 'first' }, sender)).toEqual({ hasKey: false, origin: '' });
  });

  it('saved now belongs to the profile named, bound to that profile\'s stored base URL; the others are untouched', async () => {
    const { settingsItem } = await import('../../utils/storage');
    const { apiKeys } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    const ollama = { ...profileFromPreset('ollama', 'home'), baseUrl: 'http://127.0.0.1:11434/v1' };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [...DEFAULT_SETTINGS.profiles, ollama] });
    await pageRequestHandlers.saveApiKey({ profileId: 'first', apiKey: ' sk-openai ' }, sender);
    await pageRequestHandlers.saveApiKey({ profileId: 'home', apiKey: 'sk-home' }, sender);
    expect(await apiKeys.all()).toEqual({
      first: { key: 'sk-openai', origin: 'https://api.openai.com' },
      home: { key: 'sk-home', origin: 'http://127.0.0.1:11434' },
    });
    expect(await pageRequestHandlers.keyStatus({ profileId: 'home' }, sender)).toEqual({ hasKey: true, origin: 'http://127.0.0.1:11434' });
    // An empty key forgets that profile's key only.
    await pageRequestHandlers.saveApiKey({ profileId: 'home', apiKey: '' }, sender);
    expect(await apiKeys.all()).toEqual({ first: { key: 'sk-openai', origin: 'https://api.openai.com' } });
  });

  it('is refused for a profile that does not exist, and stores nothing', async () => {
    const { apiKeys } = await import('../../utils/api-key-store');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    for (const profileId of ['nobody', '__proto__', 'constructor']) {
      await expect(pageRequestHandlers.saveApiKey({ profileId, apiKey: 'sk-stray' }, sender)).rejects.toThrow('That provider profile no longer exists.');
    }
    expect(await apiKeys.all()).toEqual({});
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-stray');
  });
});

describe('where storage.local cannot be closed to content scripts (Firefox)', () => {
  /** An extension-only store, as the IndexedDB vault is; held in memory here. */
  function memoryVault() {
    const held = new Map<string, unknown>();
    const vault: KeyVault = {
      get: async (entry) => held.get(entry),
      set: async (entry, value) => void held.set(entry, value),
      remove: async (entry) => void held.delete(entry),
    };
    return { vault, held };
  }

  it('each profile\'s key goes to the extension-only store, and nothing of any to storage.local', async () => {
    const { apiKeyStore } = await import('../../utils/api-key-store');
    const { vault, held } = memoryVault();
    const keys = apiKeyStore(vault);
    await keys.set('a', { key: 'sk-firefox-a', origin: 'https://api.openai.com' });
    await keys.set('b', { key: 'sk-firefox-b', origin: 'https://openrouter.ai' });
    expect(held.get('apiKeys')).toEqual({ a: { key: 'sk-firefox-a', origin: 'https://api.openai.com' }, b: { key: 'sk-firefox-b', origin: 'https://openrouter.ai' } });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/sk-firefox/);
    expect(await keys.get('b')).toEqual({ key: 'sk-firefox-b', origin: 'https://openrouter.ai' });
    await keys.set('a', null);
    expect(await keys.get('a')).toBeNull();
    expect(await keys.all()).toEqual({ b: { key: 'sk-firefox-b', origin: 'https://openrouter.ai' } });
  });

  it('the one key an earlier version kept in the store becomes the first profile\'s on first read', async () => {
    const { apiKeyStore } = await import('../../utils/api-key-store');
    const { vault, held } = memoryVault();
    held.set('apiKey', { key: 'sk-idb-v2', origin: 'https://api.openai.com' });
    expect(await apiKeyStore(vault).all()).toEqual({ first: { key: 'sk-idb-v2', origin: 'https://api.openai.com' } });
    expect([...held.keys()]).toEqual(['apiKeys']);
  });

  it('a key an earlier version left in storage.local is moved out of it on first read', async () => {
    await fakeBrowser.storage.local.set({ apiKey: 'sk-from-v1', settings: settingsV1('https://openrouter.ai/api/v1') });
    const { apiKeyStore } = await import('../../utils/api-key-store');
    const { vault, held } = memoryVault();
    expect(await apiKeyStore(vault).get('first')).toEqual({ key: 'sk-from-v1', origin: 'https://openrouter.ai' });
    expect(held.get('apiKeys')).toEqual({ first: { key: 'sk-from-v1', origin: 'https://openrouter.ai' } });
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['settings', 'settings$']);
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
