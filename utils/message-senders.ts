/**
 * Who may ask the background for what. Its pages' requests spend the user's key, write into web
 * pages, save a key or clear history, so each request names the pages that send it and no other
 * sender is answered: not a content script, not another extension, and not the offscreen
 * document, which draws SVG pictures that came from web pages.
 */
import { browser, type Browser } from 'wxt/browser';
import type { PageRequests } from './shared/messages';

// The popup's views, in the toolbar's popup or in the side panel (the same App, sidepanel.html).
const POPUP = ['/popup.html', '/sidepanel.html'] as const;
const OPTIONS = ['/options.html'] as const;

/** The pages, by path, that may send each request; a new request must be given its senders here. */
export const PAGE_REQUEST_SENDERS: { readonly [K in keyof PageRequests]: readonly string[] } = {
  ask: POPUP,
  retry: POPUP,
  edit: POPUP,
  openConversation: POPUP,
  deleteConversation: POPUP,
  clearHistory: POPUP,
  compareAsk: POPUP,
  compareRemove: POPUP,
  compareMove: POPUP,
  compareClear: POPUP,
  stop: POPUP,
  checkAnswering: POPUP,
  altText: POPUP,
  applyAlt: POPUP,
  undoAlt: POPUP,
  focusedField: POPUP,
  fillField: POPUP,
  auditPage: POPUP,
  auditDescribeAll: POPUP,
  auditCancel: POPUP,
  auditApply: POPUP,
  auditApplyAll: POPUP,
  auditUndo: POPUP,
  auditEdit: POPUP,
  auditSkip: POPUP,
  bringFiles: POPUP,
  bringAddress: POPUP,
  askRegion: POPUP,
  browseState: POPUP,
  browseToggle: POPUP,
  browseUndo: POPUP,
  resetSpend: OPTIONS,
  saveApiKey: OPTIONS,
  keyStatus: OPTIONS,
  // It sends the typed or saved key to the typed base URL: the options page's form alone names them.
  testConnection: OPTIONS,
  deleteProfile: OPTIONS,
  // The popup's switcher and the options' list both choose the profile that answers next.
  chooseProfile: [...POPUP, ...OPTIONS],
};

/** Whether `sender` is one of this extension's pages that may send a `type` request. */
export function pageMaySend(sender: Browser.runtime.MessageSender, type: string): boolean {
  if (sender.id !== browser.runtime.id || !sender.url || !Object.hasOwn(PAGE_REQUEST_SENDERS, type)) return false;
  const allowed = PAGE_REQUEST_SENDERS[type as keyof PageRequests];
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    // Not an address at all, so not one of the extension's pages: left unanswered.
    return false;
  }
  // Stryker disable next-line StringLiteral: getURL('') and getURL('/') are the same root address.
  return url.origin === new URL(browser.runtime.getURL('/')).origin && allowed.includes(url.pathname);
}
