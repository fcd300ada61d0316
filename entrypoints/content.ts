import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createContentHandlers } from '../utils/image/page-target';
import { createMessageListener, isOwnExtension, type ContentRequests } from '../utils/messages';
import { wakeWorkerOnContextMenu } from '../utils/wake-worker';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // Early, so a right-click made while the page is still loading is seen.
  runAt: 'document_start',
  main() {
    browser.runtime.onMessage.addListener(createMessageListener<ContentRequests>(createContentHandlers(window), isOwnExtension));
    wakeWorkerOnContextMenu(document);
  },
});
