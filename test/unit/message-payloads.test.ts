/**
 * Every request the background takes from its pages is checked for its shape before its handler
 * runs: what the popup and the options page really send passes, anything else is refused in words.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { PAGE_REQUEST_PAYLOADS, withPayloadChecks } from '../../utils/message-payloads';
import type { Handlers, PageRequests } from '../../utils/shared/messages';

/** A payload of each request as the popup or the options page sends it. */
const SENT: { [K in keyof PageRequests]: PageRequests[K]['payload'] } = {
  ask: { conversationId: 'c1', question: 'What breed is it?', detail: 'high' },
  retry: { conversationId: 'c1', turnId: 't1', reason: 'again' },
  edit: { conversationId: 'c1', turnId: 't1', question: 'And the colour?' },
  openConversation: { conversationId: 'c1' },
  deleteConversation: { conversationId: 'c1' },
  clearHistory: undefined,
  compareAsk: { question: 'Which is older?' },
  compareRemove: { id: 'p1' },
  compareMove: { id: 'p1', by: -1 },
  compareClear: undefined,
  resetSpend: undefined,
  stop: { conversationId: 'c1' },
  checkAnswering: { conversationId: 'c1' },
  saveApiKey: { profileId: 'p1', apiKey: 'sk-new' },
  keyStatus: { profileId: 'p1' },
  testConnection: { profileId: 'p1', preset: 'ollama', baseUrl: 'http://localhost:11434/v1', apiKey: '' },
  chooseProfile: { profileId: 'p1' },
  deleteProfile: { profileId: 'p1' },
  altText: { conversationId: 'c1' },
  applyAlt: { conversationId: 'c1', turnId: 't1', text: 'A ginger cat asleep on a sofa' },
  undoAlt: { conversationId: 'c1', turnId: 't1' },
  focusedField: { conversationId: 'c1' },
  fillField: { conversationId: 'c1', turnId: 't1', text: 'A ginger cat' },
  auditPage: undefined,
  auditDescribeAll: undefined,
  auditCancel: undefined,
  auditApply: { auditId: 'a1', rowId: 'r1' },
  auditApplyAll: { auditId: 'a1' },
  auditUndo: { auditId: 'a1', rowId: 'r1' },
  auditEdit: { auditId: 'a1', rowId: 'r1', text: '' },
  auditSkip: { auditId: 'a1', rowId: 'r1', skip: true },
  bringFiles: { files: [{ dataUrl: 'data:image/png;base64,iVBORw0KGgo=', name: 'cat.png' }] },
  bringAddress: { address: 'https://example.com/cat.jpg' },
  askRegion: undefined,
  browseState: undefined,
  browseToggle: { on: true },
  browseUndo: undefined,
};

function recordingHandlers() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(PAGE_REQUEST_PAYLOADS).map((type) => [type, vi.fn(() => void calls.push(type))]),
  ) as unknown as Handlers<PageRequests>;
  return { calls, checked: withPayloadChecks(handlers) };
}
const sender = {} as Browser.runtime.MessageSender;
const run = (checked: Handlers<PageRequests>, type: keyof PageRequests, payload: unknown) =>
  (checked[type] as (payload: unknown, sender: Browser.runtime.MessageSender) => unknown)(payload, sender);

describe('request payloads', () => {
  it.each(Object.entries(SENT))('%s as the pages send it is let through', (type, payload) => {
    const { calls, checked } = recordingHandlers();
    run(checked, type as keyof PageRequests, payload);
    expect(calls).toEqual([type]);
  });

  it('the optional detail may be left out or sent as undefined (Firefox keeps undefined fields)', () => {
    const { calls, checked } = recordingHandlers();
    run(checked, 'ask', { conversationId: 'c1', question: 'Why?' });
    run(checked, 'ask', { conversationId: 'c1', question: 'Why?', detail: undefined });
    expect(calls).toEqual(['ask', 'ask']);
  });

  it.each([
    ['saveApiKey', { profileId: 'p1', apiKey: 42 }],
    ['saveApiKey', { profileId: 'p1', apiKey: 'sk-x', baseUrl: 'https://evil.example' }],
    ['ask', { conversationId: 'c1', question: 'Why?', detail: 'ultra' }],
    ['ask', { conversationId: '', question: 'Why?' }],
    ['ask', null],
    ['retry', { conversationId: 'c1', turnId: 't1', reason: 'free' }],
    ['compareMove', { id: 'p1', by: 5 }],
    ['auditSkip', { auditId: 'a1', rowId: 'r1', skip: 'yes' }],
    ['bringFiles', { files: 'data:image/png;base64,AAAA' }],
    ['clearHistory', { everything: true }],
    ['testConnection', { profileId: 'p1', preset: 'evil', baseUrl: 'https://api.openai.com/v1', apiKey: '' }],
    ['testConnection', { profileId: 'p1', preset: 'openai', baseUrl: 'https://api.openai.com/v1' }],
    ['testConnection', { profileId: 'p1', preset: 'openai', baseUrl: 42, apiKey: '' }],
    ['testConnection', { profileId: 'p1', preset: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: '', key: { origin: 'x' } }],
  ] as const)('%s with %j is refused in words, and its handler never runs', (type, payload) => {
    const { calls, checked } = recordingHandlers();
    expect(() => run(checked, type, payload)).toThrow(`The “${type}” request did not have the shape it must have, so nothing was done; reload the page and try again.`);
    expect(calls).toEqual([]);
  });

  // Named rather than printed: a test name holding 100,000 characters is too large for the
  // name filter `npm run mutate` runs tests by, and unreadable in a report.
  it.each([
    ['bringFiles', '101 files', { files: Array.from({ length: 101 }, () => ({ dataUrl: 'data:,', name: 'x' })) }],
    ['applyAlt', 'a text of 100,001 characters', { conversationId: 'c1', turnId: 't1', text: 'x'.repeat(100_001) }],
    ['testConnection', 'a base URL of 2,001 characters', { profileId: 'p1', preset: 'custom', baseUrl: `https://a.example/${'x'.repeat(1_983)}`, apiKey: '' }],
  ] as const)('%s with %s is refused in words, and its handler never runs', (type, _, payload) => {
    const { calls, checked } = recordingHandlers();
    expect(() => run(checked, type, payload)).toThrow(`The “${type}” request did not have the shape it must have, so nothing was done; reload the page and try again.`);
    expect(calls).toEqual([]);
  });
});
