import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMenuClicked } from '../../utils/background/menus';
import { latestConversationIdItem, noticeItem } from '../../utils/storage';

const tab = { id: 7, windowId: 1, index: 0, url: 'https://example.com/', title: 'Example' } as Browser.tabs.Tab;
const click = { menuItemId: 'ask-image', frameId: 0, editable: false, pageUrl: 'https://example.com/' } as Browser.contextMenus.OnClickData;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('No window to open the popup in.'));
  vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
});

describe('a menu item whose work fails before any conversation exists', () => {
  it('tells the user, when the page forbids its pixels and the screenshot is refused too', async () => {
    // The page's content script reports a tainted canvas: only a screenshot could show it.
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({
      ok: true,
      value: { source: { kind: 'capture', rect: { x: 0, y: 0, width: 100, height: 80 }, devicePixelRatio: 1 }, kind: 'canvas drawing', pageUrl: 'https://example.com/', pageTitle: 'Example' },
    } as never); // the reply envelope of utils/shared/messages.ts, which the browser's types call void
    // The clicked tab is still the one shown, so the screenshot is tried (and refused).
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([tab] as never); // the promise form, which the types overload with the callback one
    vi.spyOn(browser.tabs, 'captureVisibleTab').mockRejectedValue(new Error('Cannot access contents of the page.'));
    await onMenuClicked(click, tab);
    expect((await noticeItem.getValue())?.message).toBe(
      'The page does not let its pixels be read, and a screenshot of it could not be taken (Cannot access contents of the page.). Nothing was sent.',
    );
    expect(browser.action.setBadgeText).toHaveBeenCalledWith({ text: '?' });
    expect(await latestConversationIdItem.getValue()).toBeNull();
  });
});
