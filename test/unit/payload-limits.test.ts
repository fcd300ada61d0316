/**
 * The edges of what the background accepts from its pages (utils/message-payloads.ts): every value
 * the popup really sends passes, and a payload just past a limit is refused before its handler runs.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { withPayloadChecks } from '../../utils/message-payloads';
import type { Handlers, PageRequests } from '../../utils/shared/messages';

type Type = keyof PageRequests;
const sender = { id: 'ext', url: 'chrome-extension://ext/popup.html' } as Browser.runtime.MessageSender;

/** Checked handlers that answer with what they were given, so a test sees what reached them. */
function checkedEcho() {
  const seen = vi.fn((payload: unknown, from: unknown) => ({ payload, from }));
  const handlers = Object.fromEntries(TYPES.map((type) => [type, seen])) as unknown as Handlers<PageRequests>;
  const checked = withPayloadChecks(handlers);
  const send = (type: Type, payload: unknown) => (checked[type] as (p: unknown, s: Browser.runtime.MessageSender) => unknown)(payload, sender);
  return { seen, send };
}
const TYPES: Type[] = ['ask', 'retry', 'compareMove', 'saveApiKey', 'bringFiles', 'applyAlt', 'auditSkip', 'clearHistory', 'openConversation'];

const accepts = (type: Type, payload: unknown) => {
  const { seen, send } = checkedEcho();
  expect(send(type, payload)).toEqual({ payload, from: sender });
  expect(seen).toHaveBeenCalledOnce();
};
const refuses = (type: Type, payload: unknown) => {
  const { seen, send } = checkedEcho();
  expect(() => send(type, payload)).toThrow(`The “${type}” request`);
  expect(seen).not.toHaveBeenCalled();
};

describe('what reaches a handler', () => {
  it('is the payload and the sender as they came, and the handler\'s answer goes back', () => {
    accepts('openConversation', { conversationId: 'c1' });
  });
});

describe('the detail a question may ask for', () => {
  it.each(['auto', 'low', 'high'])('"%s" is let through', (detail) => accepts('ask', { conversationId: 'c1', question: 'Why?', detail }));
  it.each(['', 'original', 'HIGH', 1])('%j is refused', (detail) => refuses('ask', { conversationId: 'c1', question: 'Why?', detail }));
});

describe('why a turn is asked again', () => {
  it.each(['budget', 'again', 'private'])('"%s" is let through', (reason) => accepts('retry', { conversationId: 'c1', turnId: 't1', reason }));
  it.each(['', 'free', undefined])('%j is refused', (reason) => refuses('retry', { conversationId: 'c1', turnId: 't1', reason }));
});

describe('moving a picture in a comparison', () => {
  it.each([-1, 1])('by %i is let through', (by) => accepts('compareMove', { id: 'p1', by }));
  it.each([0, 2, -2, '1'])('by %j is refused', (by) => refuses('compareMove', { id: 'p1', by }));
});

describe('ids', () => {
  it('one character up to 200 are ids', () => {
    accepts('openConversation', { conversationId: 'c' });
    accepts('openConversation', { conversationId: 'c'.repeat(200) });
  });
  it.each([['empty', ''], ['201 characters', 'c'.repeat(201)], ['a number', 7]])('%s is not an id', (_, conversationId) =>
    refuses('openConversation', { conversationId }),
  );
});

describe('texts', () => {
  it('alt text of 100,000 characters is let through, one more is refused', () => {
    accepts('applyAlt', { conversationId: 'c1', turnId: 't1', text: 'x'.repeat(100_000) });
    refuses('applyAlt', { conversationId: 'c1', turnId: 't1', text: 'x'.repeat(100_001) });
  });
  it('an empty question is a question (the handler says what to do about it)', () => {
    accepts('ask', { conversationId: 'c1', question: '' });
  });
  it('an API key of 1,000 characters is let through, one more is refused', () => {
    accepts('saveApiKey', { profileId: 'p1', apiKey: 'k'.repeat(1000) });
    refuses('saveApiKey', { profileId: 'p1', apiKey: 'k'.repeat(1001) });
  });
});

describe('files brought to the popup', () => {
  const file = (name = 'cat.png') => ({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=', name });
  it('up to 100 files, each named in up to 1,000 characters', () => {
    accepts('bringFiles', { files: [] });
    accepts('bringFiles', { files: Array.from({ length: 100 }, () => file()) });
    accepts('bringFiles', { files: [file('n'.repeat(1000))] });
  });
  it.each([
    ['101 files', { files: Array.from({ length: 101 }, () => file()) }],
    ['a name of 1,001 characters', { files: [file('n'.repeat(1001))] }],
    ['a file with more than a name and its data', { files: [{ ...file(), path: '/home/me/cat.png' }] }],
    ['a file with no data', { files: [{ name: 'cat.png' }] }],
  ])('%s is refused', (_, payload) => refuses('bringFiles', payload));
});

describe('requests that carry nothing', () => {
  it('carry nothing', () => accepts('clearHistory', undefined));
  it.each([null, {}, '', 0])('refuse %j', (payload) => refuses('clearHistory', payload));
});

describe('skipping a row of the audit', () => {
  it.each([true, false])('skip: %s is let through', (skip) => accepts('auditSkip', { auditId: 'a1', rowId: 'r1', skip }));
  it('a missing row is refused', () => refuses('auditSkip', { auditId: 'a1', skip: true }));
});
