/**
 * Whether this page is the toolbar's popup, rather than popup.html opened as a tab (or the side
 * panel): only the popup closes itself after handing over to the side panel (OpenInSidePanel).
 * Synchronous, so a component can know it at its first render.
 */
import { browser } from 'wxt/browser';

export function isToolbarPopup(page: Window = window): boolean {
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(page);
  } catch (error) {
    // A page that cannot list the extension's views keeps itself open: closing a tab would lose more.
    console.info('Could not tell whether this page is the toolbar popup; it stays open.', error);
    return false;
  }
}
