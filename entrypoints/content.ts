import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createBrowseWatcher } from '../utils/page/alt-text/describe-as-browse-page';
import { createElementRegistry } from '../utils/page/alt-text/element-registry';
import { createContentHandlers } from '../utils/page/page-target';
import { createMessageListener, isOwnExtension, sendFromContentScript, type ContentRequests } from '../utils/shared/messages';
import { wakeWorkerOnContextMenu } from '../utils/page/wake-worker';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // Early, so a right-click made while the page is still loading is seen.
  runAt: 'document_start',
  main() {
    const registry = createElementRegistry();
    // "Describe as I browse" watches the top frame's pictures, while it is on for the site.
    const browse = window === window.top ? createBrowseWatcher(window, registry, (report) => sendFromContentScript('browseInView', report)) : undefined;
    browser.runtime.onMessage.addListener(
      createMessageListener<ContentRequests>(
        {
          ...createContentHandlers(window, registry),
          browseSet: ({ on }) => browse?.set(on),
          browseAnnounce: ({ text }) => browse?.announce(text),
        },
        isOwnExtension,
      ),
    );
    wakeWorkerOnContextMenu(document);
    if (browse) {
      sendFromContentScript('browseHello', undefined).then(
        ({ on }) => browse.set(on),
        (error: unknown) => console.info('Describe as I browse: could not ask whether it is on here.', error),
      );
    }
  },
});
