/**
 * The popup opens on the new conversation, and a popup that cannot open (no window) holds up no
 * answer: the badge says one is waiting. (Sending the request before the popup opens is switched off
 * for now: answer-with-popup.ts says why.)
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
  vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
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

async function latestConversation() {
  const id = await latestConversationIdItem.getValue();
  return id ? loadConversation(id) : null;
}

describe('asking about a picture', () => {
  it('opens the popup on the new conversation, then answers in full', async () => {
    let shownAtOpen: string | null = null;
    let asksAtOpen = -1;
    const open = vi.spyOn(browser.action, 'openPopup').mockImplementation(async () => {
      shownAtOpen = await latestConversationIdItem.getValue();
      asksAtOpen = server.asks.length;
    });
    await within(askAboutPicture({ picture }, 'menu'), 10_000, 'The answer did not finish');
    expect(open).toHaveBeenCalledOnce();
    expect(server.asks).toHaveLength(1);
    const conversation = await latestConversation();
    expect(shownAtOpen).toBe(conversation?.id);
    // The popup first, then the question (answer-with-popup.ts says why, for now).
    expect(asksAtOpen).toBe(0);
    expect(conversation?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
  });

  it('answers in full when the popup cannot open, and the badge says an answer is waiting', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('Could not find an active browser window.'));
    await askAboutPicture({ picture }, 'menu');
    expect(server.asks).toHaveLength(1);
    expect((await latestConversation())?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    await vi.waitFor(() => expect(browser.action.setBadgeText).toHaveBeenCalledWith({ text: '1' }));
  });
});

describe('alt text for one picture', () => {
  it('is written even when the popup cannot open', async () => {
    server.reply({ text: JSON.stringify({ alt: 'A cat on a mat', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }) });
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('Could not find an active browser window.'));
    // A model that takes low detail from an address (no bytes to decode here, where no browser draws).
    await useProvider(server, { profile: { model: 'gpt-4o', sendImagesAs: 'url' } });
    await within(generateAltText({ picture }, 'menu'), 10_000, 'The alt text did not finish');
    const turn = (await latestConversation())?.turns[0];
    expect(turn?.error).toBeUndefined();
    expect(server.asks).toHaveLength(1);
    expect(turn?.status).toBe('done');
  });
});
