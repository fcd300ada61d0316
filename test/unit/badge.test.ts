import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearAnswerWaiting, POPUP_OPEN_LIMIT_MS, revealAnswer } from '../../utils/badge';

beforeEach(() => {
  fakeBrowser.reset();
});

/** Runs `test` in a browser with Chrome's side panel API only: no Firefox sidebarAction beside it. */
async function asChrome(getContexts: (filter: { contextTypes: string[] }) => Promise<unknown[]>, test: () => Promise<void>): Promise<void> {
  const sidebar = Object.getOwnPropertyDescriptor(browser, 'sidebarAction');
  Object.defineProperty(browser, 'sidebarAction', { value: undefined, configurable: true });
  Object.assign(browser.runtime, { getContexts });
  try {
    await test();
  } finally {
    Reflect.deleteProperty(browser.runtime, 'getContexts');
    if (sidebar) Object.defineProperty(browser, 'sidebarAction', sidebar);
    else Reflect.deleteProperty(browser, 'sidebarAction');
  }
}

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

  it('opens no popup over a side panel the person has open (Chrome), and the popup when there is none', async () => {
    const open = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined).mockClear();
    const contexts = vi.fn(async (_filter: { contextTypes: string[] }): Promise<unknown[]> => [{ contextType: 'SIDE_PANEL' }]);
    await asChrome(contexts, async () => {
      expect(await revealAnswer()).toBe('panel');
      expect(contexts).toHaveBeenCalledWith({ contextTypes: ['SIDE_PANEL'] });
      expect(open).not.toHaveBeenCalled();
      contexts.mockResolvedValue([]);
      expect(await revealAnswer()).toBe('popup');
      expect(open).toHaveBeenCalledOnce();
    });
  });

  it('opens no popup over Firefox\'s sidebar when it is open in the window', async () => {
    const open = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined).mockClear();
    const firefox = browser as unknown as { sidebarAction: { isOpen(details: { windowId?: number }): Promise<boolean> } };
    const isOpen = vi.spyOn(firefox.sidebarAction, 'isOpen').mockResolvedValue(true);
    expect(await revealAnswer()).toBe('panel');
    expect(isOpen).toHaveBeenCalledOnce();
    expect(open).not.toHaveBeenCalled();
    isOpen.mockResolvedValue(false);
    expect(await revealAnswer()).toBe('popup');
    expect(open).toHaveBeenCalledOnce();
    isOpen.mockRestore();
  });

  it('clears the badge when the popup opens', async () => {
    const badge = vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
    const title = vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
    await clearAnswerWaiting();
    expect(badge).toHaveBeenCalledWith({ text: '' });
    expect(title).toHaveBeenCalledWith({ title: 'Ask about this image' });
  });
});
