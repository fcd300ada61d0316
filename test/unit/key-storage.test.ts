/**
 * The key's storage across versions: a key saved by an earlier version (the bare key) is bound to
 * the server that was configured when it was saved, the only one it has ever been sent to.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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
    const { apiKeyItem } = await import('../../utils/storage');
    expect(await apiKeyItem.getValue()).toEqual({ key: 'sk-from-v1', origin: 'https://openrouter.ai' });
    expect(await fakeBrowser.storage.local.get('apiKey$')).toEqual({ 'apiKey$': { v: 2 } });
  });

  it('from version 1 with no key is still no key', async () => {
    await fakeBrowser.storage.local.set({ apiKey: '  ' });
    const { apiKeyItem } = await import('../../utils/storage');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    expect(await apiKeyItem.getValue()).toEqual({ key: '', origin: '' });
    expect(await pageRequestHandlers.keyStatus(undefined, {} as never)).toEqual({ hasKey: false, origin: '' });
  });

  it('saved now is bound to the base URL saved in the settings', async () => {
    const { settingsItem, apiKeyItem } = await import('../../utils/storage');
    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, baseUrl: 'http://127.0.0.1:11434/v1' });
    await pageRequestHandlers.saveApiKey({ apiKey: ' sk-new ' }, {} as never);
    expect(await apiKeyItem.getValue()).toEqual({ key: 'sk-new', origin: 'http://127.0.0.1:11434' });
    expect(await pageRequestHandlers.keyStatus(undefined, {} as never)).toEqual({ hasKey: true, origin: 'http://127.0.0.1:11434' });
  });
});
