import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageRequestHandlers } from '../../utils/background/page-requests';
import { PAGE_REQUEST_SENDERS, pageMaySend } from '../../utils/message-senders';
import { createMessageListener, isExtensionPage, type Handlers } from '../../utils/shared/messages';

interface TestProtocol {
  double: { payload: { n: number }; result: number };
  fail: { payload: undefined; result: void };
}

const handlers: Handlers<TestProtocol> = {
  double: ({ n }) => n * 2,
  fail: () => {
    throw new Error('Type a question first.');
  },
};

const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') } as Browser.runtime.MessageSender;
const contentScript = { id: fakeBrowser.runtime.id, url: 'https://example.com/', tab: { id: 1 } } as Browser.runtime.MessageSender;
const otherExtension = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' } as Browser.runtime.MessageSender;

describe('createMessageListener', () => {
  const listener = createMessageListener<TestProtocol>(handlers, isExtensionPage);

  it('routes a message to its handler and wraps the result', async () => {
    await expect(listener({ type: 'double', payload: { n: 21 } }, page)).resolves.toEqual({ ok: true, value: 42 });
  });

  it('passes a handler\'s failure back as words, not as a rejected promise', async () => {
    await expect(listener({ type: 'fail', payload: undefined }, page)).resolves.toEqual({ ok: false, error: 'Type a question first.' });
  });

  it.each([
    ['a content script', contentScript],
    ['another extension', otherExtension],
  ])('does not answer %s', (_, sender) => {
    expect(listener({ type: 'double', payload: { n: 1 } }, sender)).toBeUndefined();
  });

  it.each([null, 'double', { type: 'unknown' }, { type: 'toString' }])('leaves unknown messages alone: %j', (message) => {
    expect(listener(message, page)).toBeUndefined();
  });
});

describe('pageMaySend: each request from the pages it belongs to', () => {
  const from = (path: string) => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/popup.html') }) as Browser.runtime.MessageSender;

  it.each([
    ['/popup.html', 'ask'],
    ['/popup.html?view=audit', 'auditDescribeAll'],
    ['/popup.html', 'clearHistory'],
    ['/options.html', 'saveApiKey'],
    ['/options.html', 'resetSpend'],
  ])('%s may send %s', (path, type) => {
    expect(pageMaySend(from(path), type)).toBe(true);
  });

  it.each([
    // The offscreen document draws SVG from web pages: it may ask for nothing.
    ['/offscreen.html', 'saveApiKey'],
    ['/offscreen.html', 'clearHistory'],
    ['/offscreen.html', 'ask'],
    // Each page only what it needs.
    ['/popup.html', 'saveApiKey'],
    ['/popup.html', 'resetSpend'],
    ['/options.html', 'ask'],
    ['/popup.html', 'toString'],
  ])('%s may not send %s', (path, type) => {
    expect(pageMaySend(from(path), type)).toBe(false);
  });

  it.each([
    ['a content script', contentScript],
    ['another extension', otherExtension],
    ['a sender with no address', { id: fakeBrowser.runtime.id } as Browser.runtime.MessageSender],
  ])('refuses %s', (_, sender) => {
    expect(pageMaySend(sender, 'ask')).toBe(false);
  });

  it('names senders for every request the background answers', () => {
    expect(Object.keys(PAGE_REQUEST_SENDERS).sort()).toEqual(Object.keys(pageRequestHandlers).sort());
  });
});
