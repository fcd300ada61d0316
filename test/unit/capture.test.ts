/**
 * A screenshot photographs whatever the window shows. It is taken, and kept, only while the tab the
 * user chose is still the one shown, at the same address: otherwise another page would go to the API.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureBox } from '../../utils/image/capture';

const rect = { x: 10, y: 10, width: 100, height: 80 };
const REFUSAL = 'The picture has to be photographed from the screen, and its tab is no longer the one shown. Go back to that tab and try again. Nothing was sent.';
const chosen = { id: 1, windowId: 7, url: 'https://pictures.example/gallery' } as Browser.tabs.Tab;

/** What the window shows, each time the extension looks (the fake browser keeps no active tab). */
function windowShows(...tabs: Partial<Browser.tabs.Tab>[]) {
  const query = vi.spyOn(fakeBrowser.tabs, 'query');
  for (const tab of tabs) query.mockResolvedValueOnce([tab as Browser.tabs.Tab]);
  return query;
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  // Only the tab spies: the language set-up's spies stay.
  vi.mocked(fakeBrowser.tabs.query).mockRestore?.();
  vi.mocked(fakeBrowser.tabs.captureVisibleTab).mockRestore?.();
});

describe('captureBox', () => {
  it('takes no screenshot once the user has switched to another tab', async () => {
    windowShows({ id: 2, windowId: 7, url: 'https://bank.example/account' });
    const shoot = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab');
    await expect(captureBox(chosen, rect, 1)).rejects.toThrow(REFUSAL);
    expect(shoot).not.toHaveBeenCalled();
  });

  it('takes no screenshot once the tab has gone to another address', async () => {
    windowShows({ ...chosen, url: 'https://pictures.example/account' });
    const shoot = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab');
    await expect(captureBox(chosen, rect, 1)).rejects.toThrow(REFUSAL);
    expect(shoot).not.toHaveBeenCalled();
  });

  it('throws the screenshot away when the user switched while it was being taken', async () => {
    windowShows(chosen, { id: 2, windowId: 7, url: 'https://bank.example/account' });
    const shoot = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockResolvedValue('data:image/png;base64,iVBORw0KGgo=');
    await expect(captureBox(chosen, rect, 1)).rejects.toThrow(REFUSAL);
    expect(shoot).toHaveBeenCalledTimes(1);
  });

  it('photographs the window it was chosen in while the tab is still the one shown', async () => {
    const query = windowShows(chosen);
    // The fake browser cannot take screenshots: reaching the camera is what this checks.
    const shoot = vi.spyOn(fakeBrowser.tabs, 'captureVisibleTab').mockRejectedValue(new Error('no screen here'));
    await expect(captureBox(chosen, rect, 1)).rejects.toThrow('a screenshot of it could not be taken (no screen here)');
    expect(query).toHaveBeenCalledWith({ active: true, windowId: 7 });
    expect(shoot).toHaveBeenCalledWith(7, { format: 'png' });
  });

  it('takes the screenshot again once the second is over when the browser\'s quota refused it', async () => {
    windowShows(chosen, chosen);
    vi.useFakeTimers();
    try {
      const shoot = vi
        .spyOn(fakeBrowser.tabs, 'captureVisibleTab')
        .mockRejectedValueOnce(new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.'))
        .mockRejectedValueOnce(new Error('no screen here'));
      const taken = expect(captureBox(chosen, rect, 1)).rejects.toThrow('a screenshot of it could not be taken (no screen here)');
      await vi.advanceTimersByTimeAsync(1000);
      await taken;
      expect(shoot).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
