/**
 * The request leaves first: the popup opens beside the answer, never before it, so a popup that is
 * slow to open, never opens, or cannot open (no window) holds up no answer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { generateAltText } from '../../utils/alt-text/one-picture';
import { askAboutPicture } from '../../utils/ask/ask-about-picture';
import { loadConversation } from '../../utils/ask/conversation-store';
import { latestConversationIdItem } from '../../utils/storage';
import { DEFAULT_REPLY } from '../fake-openai/server';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };

beforeEach(async () => {
  await useProvider(server);
  // Cleared: whether the badge was set is what tells here whether the popup was given up on.
  vi.spyOn(browser.action, 'setBadgeText').mockClear().mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
});

/** `promise`, or a failure saying `what` did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * An openPopup that neither opens nor fails until `close` is called (the window closing). An ask that
 * waited for it would send its request only once revealAnswer gave up on it (badge.ts), badge set.
 */
function popupNeverOpening() {
  let close!: () => void;
  const pending = new Promise<void>((_, reject) => (close = () => reject(new Error('The window closed.'))));
  vi.spyOn(browser.action, 'openPopup').mockReturnValue(pending as never); // the promise form, which the types overload with the callback one
  return { close };
}

/** The badge's "an answer is waiting": set only once the popup was given up on. */
const badgeShown = () => vi.mocked(browser.action.setBadgeText).mock.calls.some(([details]) => details.text === '1');

async function latestConversation() {
  const id = await latestConversationIdItem.getValue();
  return id ? loadConversation(id) : null;
}

describe('asking about a picture', () => {
  it('sends the request before the popup has opened, and the popup opens on the new conversation', async () => {
    let shownAtOpen: string | null = null;
    // This popup opens only once the server has the request: an ask that waited for the popup first
    // would wait for ever.
    const open = vi.spyOn(browser.action, 'openPopup').mockImplementation(async () => {
      shownAtOpen = await latestConversationIdItem.getValue();
      await server.waitForAsk(1);
    });
    await within(askAboutPicture({ picture }, 'menu'), 10_000, 'The answer did not finish');
    expect(badgeShown(), 'the popup given up on before the request left').toBe(false);
    expect(open).toHaveBeenCalledOnce();
    expect(server.asks).toHaveLength(1);
    const conversation = await latestConversation();
    expect(shownAtOpen).toBe(conversation?.id);
    expect(conversation?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
  });

  it('answers in full even when the popup never opens', async () => {
    const popup = popupNeverOpening();
    // The ask itself waits for its popup (for a while: badge.ts); the answer does not.
    const asking = askAboutPicture({ picture }, 'menu');
    await vi.waitFor(async () => expect((await latestConversation())?.turns[0]?.status, 'the answer finished while the popup hung').toBe('done'), { timeout: 10_000 });
    expect(badgeShown(), 'the popup given up on before the answer').toBe(false);
    expect(server.asks).toHaveLength(1);
    expect((await latestConversation())?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    popup.close();
    await asking;
  });

  it('answers in full when the popup cannot open, and the badge says an answer is waiting', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('Could not find an active browser window.'));
    await askAboutPicture({ picture }, 'menu');
    expect(server.asks).toHaveLength(1);
    expect((await latestConversation())?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    await vi.waitFor(() => expect(browser.action.setBadgeText).toHaveBeenCalledWith({ text: '1' }));
  });
});

describe('the popup beside the request', () => {
  it('is asked for only once the request has been handed to the network, so its opening does not compete with it', async () => {
    const sent: string[] = [];
    const realFetch = globalThis.fetch;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
    let sentAtOpen: string[] | undefined;
    vi.spyOn(browser.action, 'openPopup').mockImplementation(async () => void (sentAtOpen = [...sent]));
    await within(askAboutPicture({ picture }, 'menu'), 10_000, 'The answer did not finish').finally(() => fetchSpy.mockRestore());
    expect(sentAtOpen, 'the popup was asked for').toBeDefined();
    expect(sentAtOpen!.some((url) => url.startsWith(server.url)), `the request had left when the popup was asked for (fetched then: ${JSON.stringify(sentAtOpen)})`).toBe(true);
  });

  it('still opens soon while a picture is slow to arrive, before any request', async () => {
    await useProvider(server, { profile: { sendImagesAs: 'bytes' } });
    let release!: () => void;
    const held = new Promise<never>((_, reject) => (release = () => reject(new TypeError('Failed to fetch'))));
    const realFetch = globalThis.fetch;
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => (String(input instanceof Request ? input.url : input).startsWith(picture.url) ? held : realFetch(input, init)));
    const open = vi.spyOn(browser.action, 'openPopup').mockClear().mockResolvedValue(undefined as never);
    const asking = askAboutPicture({ picture }, 'menu');
    try {
      await vi.waitFor(() => expect(open, 'the popup opened while the picture was still on its way').toHaveBeenCalledOnce(), { timeout: 5_000 });
      expect(server.asks).toHaveLength(0);
    } finally {
      release();
    }
    await asking;
    fetchSpy.mockRestore();
    expect((await latestConversation())?.turns[0]?.status).toBe('error');
  });
});

describe('alt text for one picture', () => {
  it('sends the request even when the popup never opens', async () => {
    server.reply({ text: JSON.stringify({ alt: 'A cat on a mat', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }) });
    const popup = popupNeverOpening();
    // A model that takes low detail from an address (no bytes to decode here, where no browser draws).
    await useProvider(server, { profile: { model: 'gpt-4o', sendImagesAs: 'url' } });
    const asking = generateAltText({ picture }, 'menu');
    await vi.waitFor(async () => expect((await latestConversation())?.turns[0]?.status, 'the alt text finished while the popup hung').toBe('done'), { timeout: 10_000 });
    expect(badgeShown(), 'the popup given up on before the request left').toBe(false);
    const turn = (await latestConversation())?.turns[0];
    expect(turn?.error).toBeUndefined();
    expect(server.asks).toHaveLength(1);
    popup.close();
    await asking;
  });
});
