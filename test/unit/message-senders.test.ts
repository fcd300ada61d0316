/**
 * Who may ask the background for what (utils/message-senders.ts). Requests spend the user's key,
 * write into pages and save the key: only this extension's own pages, each for its own requests.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAGE_REQUEST_SENDERS, pageMaySend } from '../../utils/message-senders';

const ours = fakeBrowser.runtime.id;
const sender = (id: string | undefined, url: string | undefined) => ({ id, url }) as Browser.runtime.MessageSender;
const popup = fakeBrowser.runtime.getURL('/popup.html');
const options = fakeBrowser.runtime.getURL('/options.html');
const sidePanel = fakeBrowser.runtime.getURL('/sidepanel.html');

describe('pageMaySend', () => {
  it('answers the popup and the options page, each for its own requests', () => {
    for (const [type, pages] of Object.entries(PAGE_REQUEST_SENDERS)) {
      expect(pageMaySend(sender(ours, popup), type), `popup: ${type}`).toBe(pages.includes('/popup.html'));
      // The side panel shows the popup's views: it may ask exactly what the popup may.
      expect(pageMaySend(sender(ours, sidePanel), type), `side panel: ${type}`).toBe(pages.includes('/popup.html'));
      expect(pageMaySend(sender(ours, options), type), `options: ${type}`).toBe(pages.includes('/options.html'));
    }
  });

  it('leaves the key, the spend record, the key status and the connection test to the options page alone', () => {
    expect(PAGE_REQUEST_SENDERS.saveApiKey).toEqual(['/options.html']);
    expect(PAGE_REQUEST_SENDERS.testConnection).toEqual(['/options.html']);
    expect(PAGE_REQUEST_SENDERS.resetSpend).toEqual(['/options.html']);
    expect(PAGE_REQUEST_SENDERS.keyStatus).toEqual(['/options.html']);
    expect(PAGE_REQUEST_SENDERS.ask).toEqual(['/popup.html', '/sidepanel.html']);
    expect(pageMaySend(sender(ours, sidePanel), 'saveApiKey')).toBe(false);
  });

  it('lets both pages choose the provider that answers next, and only the options page delete one with its key', () => {
    // The popup's switcher and the options page's list both choose; deleting also deletes a key.
    expect(pageMaySend(sender(ours, popup), 'chooseProfile')).toBe(true);
    expect(pageMaySend(sender(ours, options), 'chooseProfile')).toBe(true);
    expect(pageMaySend(sender(ours, options), 'deleteProfile')).toBe(true);
    expect(pageMaySend(sender(ours, popup), 'deleteProfile')).toBe(false);
  });

  it('refuses a web page whose path happens to be /popup.html, relayed by our own content script', () => {
    // Content scripts run on every page and carry this extension's id: the address's origin is
    // what tells a page of ours from https://evil.example/popup.html.
    expect(pageMaySend(sender(ours, 'https://evil.example/popup.html'), 'ask')).toBe(false);
    expect(pageMaySend(sender(ours, 'https://evil.example/options.html'), 'saveApiKey')).toBe(false);
    expect(pageMaySend(sender(ours, 'https://evil.example/options.html'), 'testConnection')).toBe(false);
  });

  it('refuses another extension even when it names one of our pages', () => {
    expect(pageMaySend(sender('someone-else', popup), 'ask')).toBe(false);
    expect(pageMaySend(sender(undefined, options), 'saveApiKey')).toBe(false);
    expect(pageMaySend(sender('someone-else', options), 'testConnection')).toBe(false);
  });

  it.each([
    ['no address', undefined],
    ['an empty address', ''],
    ['something that is not an address', 'popup.html'],
  ])('refuses a sender of ours with %s', (_, url) => {
    expect(pageMaySend(sender(ours, url), 'ask')).toBe(false);
  });

  it.each(['launchMissiles', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''])(
    'refuses a request it does not know: %j',
    (type) => {
      expect(pageMaySend(sender(ours, popup), type)).toBe(false);
    },
  );

  it('ignores the query and the fragment of the page\'s address', () => {
    expect(pageMaySend(sender(ours, `${popup}?view=history#top`), 'clearHistory')).toBe(true);
    expect(pageMaySend(sender(ours, `${options}#spend`), 'resetSpend')).toBe(true);
  });

  it('refuses pages of ours that send nothing (the offscreen document draws web pages\' SVG)', () => {
    for (const type of Object.keys(PAGE_REQUEST_SENDERS)) {
      expect(pageMaySend(sender(ours, fakeBrowser.runtime.getURL('/offscreen.html')), type)).toBe(false);
    }
  });
});
