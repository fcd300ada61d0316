/**
 * An open popup gets an answer's words through its port as they stream (live-text.ts), while
 * storage stays the record; only the extension's own popup may listen.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadConversation } from '../../utils/ask/conversation-store';
import { acceptLiveText, liveText } from '../../utils/ask/live-text';
import { createConversation } from '../../utils/ask/start';
import { LIVE_TEXT_PORT, type LiveText } from '../../utils/shared/messages';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();

/** A port as the background sees one, recording what it is sent. */
function port(url: string, options: { id?: string; name?: string } = {}) {
  const received: LiveText[] = [];
  const closed: (() => void)[] = [];
  const fake = {
    name: options.name ?? LIVE_TEXT_PORT,
    sender: { id: options.id ?? browser.runtime.id, url },
    postMessage: vi.fn((message: LiveText) => void received.push(structuredClone(message))),
    disconnect: vi.fn(),
    onDisconnect: { addListener: (listener: () => void) => void closed.push(listener) },
    onMessage: { addListener: vi.fn() },
  };
  return {
    port: fake as unknown as Browser.runtime.Port,
    received,
    disconnect: fake.disconnect,
    /** The popup closed: the browser tells the background. */
    close: () => closed.forEach((listener) => listener()),
    /** What a popup builds from the pieces, as components/popup/useLiveConversation.ts does. */
    text(turnId: string): string {
      let text = '';
      for (const piece of received.filter((r) => r.turnId === turnId)) {
        if (piece.from > text.length) continue;
        text = text.slice(0, piece.from) + piece.text;
      }
      return text;
    },
  };
}

const popupUrl = () => browser.runtime.getURL('/popup.html');

describe('the words of a streaming answer', () => {
  it('reach an open popup piece by piece, and one that connects midway gets the text so far first', async () => {
    const early = port(popupUrl());
    acceptLiveText(early.port);
    const live = liveText('c1', 't1');
    live.add('A red ');
    const late = port(popupUrl());
    acceptLiveText(late.port);
    live.add('square.');
    live.end();
    expect(early.received).toEqual([
      { conversationId: 'c1', turnId: 't1', from: 0, text: '' },
      { conversationId: 'c1', turnId: 't1', from: 0, text: 'A red ' },
      { conversationId: 'c1', turnId: 't1', from: 6, text: 'square.' },
    ]);
    expect(late.received[0]).toEqual({ conversationId: 'c1', turnId: 't1', from: 0, text: 'A red ' });
    expect(late.text('t1')).toBe('A red square.');
    // Once over, a popup that connects reads storage instead.
    const after = port(popupUrl());
    acceptLiveText(after.port);
    expect(after.received).toEqual([]);
    [early, late, after].forEach((p) => p.close());
  });

  it('start over when the turn is answered again', () => {
    const popup = port(popupUrl());
    acceptLiveText(popup.port);
    const first = liveText('c2', 't2');
    first.add('Cut off mid');
    first.end();
    const again = liveText('c2', 't2');
    again.add('Whole answer.');
    again.end();
    expect(popup.text('t2')).toBe('Whole answer.');
    popup.close();
  });

  it('a stream cut off that ends late leaves the one answering now to popups that connect', () => {
    const first = liveText('c3', 't3');
    first.add('Old');
    const again = liveText('c3', 't3');
    again.add('New');
    first.end();
    const late = port(popupUrl());
    acceptLiveText(late.port);
    expect(late.text('t3')).toBe('New');
    again.end();
    late.close();
  });

  it('reach the side panel as they reach the popup', () => {
    const panel = port(browser.runtime.getURL('/sidepanel.html'));
    acceptLiveText(panel.port);
    const live = liveText('c5', 't5');
    live.add('Beside the page.');
    live.end();
    expect(panel.text('t5')).toBe('Beside the page.');
    expect(panel.disconnect).not.toHaveBeenCalled();
    panel.close();
  });

  it('go to no one else: not a web page, not another page of the extension, not another extension', () => {
    const live = liveText('c3', 't3');
    const strangers = [
      port('https://example.com/'),
      port(browser.runtime.getURL('/options.html')),
      port('https://example.com/sidepanel.html'),
      port(popupUrl(), { id: 'another-extension' }),
    ];
    for (const stranger of strangers) acceptLiveText(stranger.port);
    live.add('private words');
    live.end();
    for (const stranger of strangers) {
      expect(stranger.received).toEqual([]);
      expect(stranger.disconnect).toHaveBeenCalled();
    }
  });

  it('stop going to a popup once it has closed', () => {
    const popup = port(popupUrl());
    acceptLiveText(popup.port);
    const live = liveText('c4', 't4');
    popup.close();
    live.add('unseen');
    live.end();
    expect(popup.received.map((r) => r.text)).toEqual(['']);
  });
});

describe('a real answer streamed to an open popup', () => {
  beforeEach(async () => {
    await useProvider(server);
  });

  it('arrives whole and in order through the port, and storage holds the same answer', async () => {
    const text = 'One two three four five six seven eight nine ten.';
    server.reply({ text, chunkDelayMs: 5 });
    const popup = port(popupUrl());
    acceptLiveText(popup.port);
    const { conversation, answer } = await createConversation({ picture: { kind: 'image', url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' } });
    await answer({ flushMs: 1000 });
    const turnId = conversation.turns[0]!.id;
    // Word by word, not once at the end.
    expect(popup.received.filter((r) => r.turnId === turnId && r.text).length).toBeGreaterThan(5);
    expect(popup.text(turnId)).toBe(text);
    expect((await loadConversation(conversation.id))?.turns[0]).toMatchObject({ status: 'done', answer: text });
    popup.close();
  });

  it('reaches an open popup while every storage write after the conversation was stored is still pending', async () => {
    const text = 'Words that must not wait for storage.';
    server.reply({ text, chunkDelayMs: 5 });
    const popup = port(popupUrl());
    acceptLiveText(popup.port);
    const { conversation, answer } = await createConversation({ picture: { kind: 'image', url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' } });
    // From here every write of storage.local hangs until released: the turn's marks, its throttled
    // text, what it records beside the request. A write awaited on the way to the popup's words
    // would hold them back for good.
    const held: (() => void)[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items) => new Promise<void>((resolve) => held.push(() => void set(items).then(resolve))));
    const answered = answer({ flushMs: 1 });
    const turnId = conversation.turns[0]!.id;
    try {
      await expect
        .poll(() => popup.text(turnId), { message: 'the first words reach the popup with every storage write still pending', timeout: 10_000 })
        .toMatch(/^Words/);
      expect(held.length, 'writes were asked for, and are still pending').toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
      for (const release of held.splice(0)) release();
    }
    await answered;
    expect(popup.text(turnId)).toBe(text);
    expect((await loadConversation(conversation.id))?.turns[0]).toMatchObject({ status: 'done', answer: text });
    popup.close();
  });
});
