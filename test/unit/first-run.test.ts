import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { welcome } from '../../utils/background/first-run';
import { apiKeys } from '../../utils/api-key-store';

describe('the first run', () => {
  const openOptions = vi.fn(async () => undefined);
  beforeEach(() => {
    fakeBrowser.reset();
    openOptions.mockClear();
    browser.runtime.openOptionsPage = openOptions;
  });

  it('opens the options on a new install with no key, where the key is entered', async () => {
    await welcome({ reason: 'install' } as Parameters<typeof welcome>[0]);
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('opens nothing on an update, a browser update, or when a key is already there', async () => {
    await welcome({ reason: 'update', previousVersion: '0.1.0' } as Parameters<typeof welcome>[0]);
    await welcome({ reason: 'chrome_update' } as Parameters<typeof welcome>[0]);
    // Any profile's key counts, not only the active one's.
    await apiKeys.set('another-profile', { key: 'sk-kept', origin: 'https://api.openai.com' });
    await welcome({ reason: 'install' } as Parameters<typeof welcome>[0]);
    expect(openOptions).not.toHaveBeenCalled();
  });
});
