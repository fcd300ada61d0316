// @vitest-environment happy-dom
/**
 * The popup's "Open in side panel": the panel is asked for within the click (the browsers open it
 * only then), the toolbar popup then steps aside, a popup opened as a tab stays, and a refusal is
 * said on screen.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isToolbarPopup } from '../../components/sidepanel/is-toolbar-popup';
import { OpenInSidePanel } from '../../components/sidepanel/OpenInSidePanel';

/** Whether the click is being handled: the browsers open the side panel only then. */
let inClick = false;
const openedInClick = () => (inClick ? Promise.resolve() : Promise.reject(new Error('`sidePanel.open()` may only be called in response to a user gesture.')));

function chromeSidePanel(open: () => Promise<void> = openedInClick) {
  const panel = { open: vi.fn((_options: { windowId?: number }) => open()) };
  Object.assign(fakeBrowser, { sidePanel: panel });
  return panel.open;
}

let host: HTMLElement;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
  delete (fakeBrowser as { sidePanel?: unknown }).sidePanel;
  vi.restoreAllMocks();
});

/** Shows the button and presses it, the handler running as the browser runs it within the click. */
async function press(closeAfter: boolean) {
  await act(() => render(h(OpenInSidePanel, { closeAfter }), host));
  const button = host.querySelector('button');
  // An icon: its name is for screen readers and its tooltip.
  expect(button?.getAttribute('aria-label')).toBe('Open in side panel');
  expect(button?.getAttribute('title')).toBe('Open in side panel');
  await act(async () => {
    inClick = true;
    try {
      button!.click();
    } finally {
      inClick = false;
    }
  });
}

describe('OpenInSidePanel', () => {
  it.each([
    { then: 'closes the toolbar popup', closeAfter: true, closes: 1 },
    { then: 'leaves popup.html open as a tab', closeAfter: false, closes: 0 },
  ])('opens the window\'s side panel within the click, then $then', async ({ closeAfter, closes }) => {
    const open = chromeSidePanel();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    await press(closeAfter);
    expect(open).toHaveBeenCalledWith({ windowId: browser.windows.WINDOW_ID_CURRENT });
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(closes));
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('opens Firefox\'s sidebar within the click', async () => {
    const open = vi.spyOn(fakeBrowser.sidebarAction, 'open').mockImplementation(openedInClick);
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    await press(true);
    expect(open).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(close).toHaveBeenCalledOnce());
  });

  it('says so when the browser refuses, and the popup stays open', async () => {
    chromeSidePanel(() => Promise.reject(new Error('No active browser window.')));
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await press(true);
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toBe('The browser did not open the side panel (No active browser window.).'));
    expect(close).not.toHaveBeenCalled();
  });
});

describe('isToolbarPopup', () => {
  it('is true only for the page the browser lists as its popup', () => {
    vi.spyOn(browser.extension, 'getViews').mockReturnValue([window] as never); // happy-dom's window, which the types call another Window
    expect(isToolbarPopup()).toBe(true);
    vi.spyOn(browser.extension, 'getViews').mockReturnValue([]);
    expect(isToolbarPopup()).toBe(false);
  });
});
