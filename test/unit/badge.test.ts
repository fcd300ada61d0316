import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearAnswerWaiting, POPUP_OPEN_LIMIT_MS, revealAnswer } from '../../utils/badge';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('revealAnswer', () => {
  it('opens the popup when the browser allows it, and leaves the badge alone', async () => {
    const open = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined);
    const badge = vi.spyOn(browser.action, 'setBadgeText');
    expect(await revealAnswer()).toBe('popup');
    expect(open).toHaveBeenCalledOnce();
    expect(badge).not.toHaveBeenCalled();
  });

  it('says an answer is waiting on the badge when the browser refuses to open the popup', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('Could not find an active browser window.'));
    const badge = vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
    const title = vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
    vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    expect(await revealAnswer()).toBe('badge');
    expect(badge).toHaveBeenCalledWith({ text: '1' });
    expect(title).toHaveBeenCalledWith({ title: 'An answer is waiting: click to read it' });
  });

  it('says an answer is waiting on the badge when opening the popup never settles', async () => {
    vi.useFakeTimers();
    try {
      // The promise form, which the types overload with the callback one.
      vi.spyOn(browser.action, 'openPopup').mockReturnValue(new Promise(() => undefined) as never);
      const badge = vi.spyOn(browser.action, 'setBadgeText').mockClear().mockResolvedValue(undefined);
      vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
      vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
      const revealed = revealAnswer();
      await vi.advanceTimersByTimeAsync(POPUP_OPEN_LIMIT_MS - 1);
      expect(badge, 'the badge before the limit').not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(await revealed).toBe('badge');
      expect(badge).toHaveBeenCalledWith({ text: '1' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears the badge when the popup opens', async () => {
    const badge = vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
    const title = vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
    await clearAnswerWaiting();
    expect(badge).toHaveBeenCalledWith({ text: '' });
    expect(title).toHaveBeenCalledWith({ title: 'Ask about this image' });
  });
});
