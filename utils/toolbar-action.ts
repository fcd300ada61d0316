/** The toolbar button's API: Firefox's MV2 build has browserAction where Chrome's MV3 build has action. */
import { browser } from 'wxt/browser';

export function toolbarAction() {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}
