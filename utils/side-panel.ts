/**
 * Opening the extension's side panel: Chrome's and Edge's sidePanel, Firefox's sidebar. Both
 * browsers open it only while a user's gesture lasts (a click in a page of ours, a menu item, a
 * keyboard command), and in the worker the gesture is gone at the first await: so the call is made
 * before this function returns, and whatever a caller does first must not wait for anything.
 */
import { browser } from 'wxt/browser';

/** Firefox's sidebarAction, which Chrome's types do not describe. */
interface SidebarAction {
  open(): Promise<void>;
  isOpen(details: { windowId?: number }): Promise<boolean>;
}

/** Chrome's runtime.getContexts (116+), as far as it is used here. */
type GetContexts = (filter: { contextTypes: string[] }) => Promise<unknown[]>;

/**
 * Whether the person has the extension's side panel open: Firefox's sidebar in the current window;
 * Chrome's in any window (Chrome does not say which window a panel opened for all tabs is in). A
 * panel opened by hand, with answers set to go to the popup, shows each new answer by itself: no
 * popup need open over it.
 */
export async function sidePanelIsOpen(): Promise<boolean> {
  const firefoxSidebar = (browser as unknown as { sidebarAction?: Partial<SidebarAction> }).sidebarAction;
  if (firefoxSidebar?.isOpen) return firefoxSidebar.isOpen({});
  const getContexts = (browser.runtime as unknown as { getContexts?: GetContexts }).getContexts;
  if (getContexts) return (await getContexts({ contextTypes: ['SIDE_PANEL'] })).length > 0;
  return false;
}

/**
 * Asks the browser to open the side panel in `windowId` (Firefox opens its sidebar in the window of
 * the gesture, which is that one). The request leaves synchronously; the promise says whether the
 * browser did it. Never throws: a missing API or a refusal made on the spot become a rejection too.
 */
export function openSidePanel(windowId: number): Promise<void> {
  try {
    // By presence, not by build: a browser has one or the other, and tests stub either.
    const chromePanel = (browser as { sidePanel?: Partial<typeof browser.sidePanel> }).sidePanel;
    if (chromePanel?.open) return chromePanel.open({ windowId });
    const firefoxSidebar = (browser as unknown as { sidebarAction?: Partial<SidebarAction> }).sidebarAction;
    if (firefoxSidebar?.open) return firefoxSidebar.open();
    return Promise.reject(new Error('This browser has no side panel for extensions.'));
  } catch (error) {
    // Thrown at once rather than rejected (an argument refused, an API that only says "not implemented").
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
