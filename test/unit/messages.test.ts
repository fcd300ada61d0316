import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMessageListener, isExtensionPage, type Handlers } from '../../utils/messages';

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
