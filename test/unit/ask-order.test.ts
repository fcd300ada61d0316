/**
 * What a new ask does before its request leaves, and in which order: the reads first (from the
 * click, beside asking the page which picture it was), then the conversation stored while the
 * request is put together, and nothing sent before it is stored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askAboutPicture } from '../../utils/ask/ask-about-picture';
import { newConversation, newTurn } from '../../utils/ask/conversation';
import { loadConversation, saveNewConversation, updateTurn } from '../../utils/ask/conversation-store';
import { onCommand } from '../../utils/background/commands';
import { onMenuClicked } from '../../utils/background/menus';
import type { TargetDescription } from '../../utils/shared/messages';
import { latestConversationIdItem } from '../../utils/storage';
import { DEFAULT_REPLY } from '../fake-openai/server';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };
const local = fakeBrowser.storage.local;
const isConversation = (key: string) => key.startsWith('conversation:');

/** The storage.local calls from now on, in the order they were made: reads by key, writes by their keys. */
function storageCalls() {
  const calls: { op: 'get' | 'set'; keys: string[] }[] = [];
  const get = local.get.bind(local);
  const set = local.set.bind(local);
  vi.spyOn(local, 'get').mockImplementation(((keys?: string | string[] | null) => {
    calls.push({ op: 'get', keys: keys == null ? [] : typeof keys === 'string' ? [keys] : [...keys] });
    return get(keys as never);
  }) as never); // the fake's overloads, one of which takes a callback
  vi.spyOn(local, 'set').mockImplementation(((items: Record<string, unknown>) => {
    calls.push({ op: 'set', keys: Object.keys(items) });
    return set(items);
  }) as never);
  return calls;
}

/**
 * Holds (or fails) the writes of a conversation's record until `release` is called: in local
 * storage, or in session storage where a private window's conversation lives.
 */
function conversationWrites(outcome: 'held' | 'refused', area: typeof local = local) {
  let release!: () => void;
  let reached = false;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const set = area.set.bind(area);
  vi.spyOn(area, 'set').mockImplementation(((items: Record<string, unknown>) => {
    if (!Object.keys(items).some(isConversation)) return set(items);
    reached = true;
    if (outcome === 'refused') return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    return gate.then(() => set(items));
  }) as never);
  return { release, reached: () => reached };
}

beforeEach(async () => {
  await useProvider(server);
  vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined as never); // the promise form, which the types overload with the callback one
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a new ask', () => {
  it('reads the settings and the remembered answers once, before it writes anything', async () => {
    await askAboutPicture({ picture }, 'menu');
    // Asked again: answered from the remembered answers, which are then not written to.
    const calls = storageCalls();
    await askAboutPicture({ picture }, 'menu');
    expect(server.asks, 'the second answer came from the cache').toHaveLength(1);
    const firstWrite = calls.findIndex((call) => call.op === 'set');
    const reads = (key: string) => calls.flatMap((call, i) => (call.op === 'get' && call.keys.includes(key) ? [i] : []));
    expect(firstWrite, 'the conversation was written').toBeGreaterThan(-1);
    // A read queued behind the conversation's writes would wait for them on the way to the request.
    expect(reads('settings'), 'the settings were read once, first').toEqual([expect.any(Number)]);
    expect(reads('settings')[0]).toBeLessThan(firstWrite);
    expect(reads('answerCache'), 'the remembered answers were read once, first').toEqual([expect.any(Number)]);
    expect(reads('answerCache')[0]).toBeLessThan(firstWrite);
  });

  // A private window's conversation is kept in session storage (in memory), the others in local.
  it.each([
    { window: 'an ordinary window', area: fakeBrowser.storage.local, incognito: false },
    { window: 'a private window', area: fakeBrowser.storage.session, incognito: true },
  ])('from $window, puts the request together while the conversation is stored, and sends it once stored', async ({ area, incognito }) => {
    const writes = conversationWrites('held', area);
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const asking = askAboutPicture({ picture, incognito }, 'menu');
    // The answer cache's key is the last thing worked out from the request before it is sent.
    await vi.waitFor(() => expect(digest, 'the request was not put together while the conversation was being stored').toHaveBeenCalled(), { timeout: 5_000 });
    expect(writes.reached()).toBe(true);
    expect(server.asks).toHaveLength(0);
    expect(browser.action.openPopup, 'the popup opened before there was a conversation to show').not.toHaveBeenCalled();
    writes.release();
    await asking;
    expect(server.asks).toHaveLength(1);
    const id = await latestConversationIdItem.getValue();
    expect((await loadConversation(id ?? ''))?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    expect(browser.action.openPopup).toHaveBeenCalledOnce();
  });

  it('ends in words when it fails before its request, while its conversation is still being stored', async () => {
    // No key: the turn ends at once, while the conversation's store is held. Its ending must land
    // on the stored conversation once it is there, not on nothing before it.
    await useProvider(server, { key: null });
    const writes = conversationWrites('held');
    const asking = askAboutPicture({ picture }, 'menu');
    await vi.waitFor(() => expect(writes.reached(), 'the conversation was not written').toBe(true));
    writes.release();
    await asking;
    const id = await latestConversationIdItem.getValue();
    expect((await loadConversation(id ?? ''))?.turns[0]).toMatchObject({ status: 'error', error: { kind: 'no-key' } });
    expect(server.asks).toHaveLength(0);
  });

  it('sends nothing when the conversation cannot be stored, and fails with the reason', async () => {
    conversationWrites('refused');
    await expect(askAboutPicture({ picture }, 'menu')).rejects.toThrow('QUOTA_BYTES quota exceeded');
    expect(server.asks, 'a request was paid for with nothing stored to show it').toHaveLength(0);
    expect(browser.action.openPopup).not.toHaveBeenCalled();
  });
});

describe('a new conversation being stored', () => {
  it('takes a change asked for meanwhile after it, so the change is not lost', async () => {
    // A turn that ends at once (no key, a picture that cannot be sent) asks for such a change.
    const conversation = newConversation([picture]);
    const turn = newTurn('What is this?', { model: 'gpt-4.1-mini', detail: 'auto', api: 'chat' });
    conversation.turns.push(turn);
    const writes = conversationWrites('held');
    const saving = saveNewConversation(conversation);
    const changing = updateTurn(conversation.id, turn.id, (t) => ({ ...t, status: 'error', note: 'ended early' }));
    await vi.waitFor(() => expect(writes.reached(), 'the conversation was not written').toBe(true));
    writes.release();
    await Promise.all([saving, changing]);
    expect((await loadConversation(conversation.id))?.turns[0], 'the change was applied to no conversation and lost').toMatchObject({ status: 'error', note: 'ended early' });
  });
});

describe('the menu item and the keyboard command', () => {
  const tab = { id: 7, windowId: 1, index: 0, url: picture.pageUrl, title: picture.pageTitle, incognito: false } as Browser.tabs.Tab;
  const click = { menuItemId: 'ask-image', frameId: 0, editable: false, pageUrl: picture.pageUrl } as Browser.contextMenus.OnClickData;
  const described: TargetDescription = {
    source: { kind: 'url', url: picture.url },
    kind: 'image',
    pageUrl: picture.pageUrl,
    pageTitle: picture.pageTitle,
    elementId: 'e1',
    context: { lang: 'en', pageTitle: picture.pageTitle },
    need: { needs: false, reason: 'labelled' },
  };

  /** Chooses `item` (or presses the command) while the page holds its answer about which picture; returns what was read meanwhile. */
  async function readsWhileThePageAnswers(choose: () => Promise<void>) {
    // Asked once before, so this ask is answered from the remembered answers: what it reads is then
    // all the ask's own (an answer from the server is followed by the spend's reads).
    await askAboutPicture({ picture }, 'menu');
    const calls = storageCalls();
    let answerPage!: () => void;
    const pageAnswered = new Promise<void>((resolve) => (answerPage = resolve));
    // The reply envelope of utils/shared/messages.ts; the page answers which picture, and nothing else here.
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: string }) =>
      message.type === 'describeTarget' ? pageAnswered.then(() => ({ ok: true, value: described })) : Promise.reject(new Error('No such page here.'))) as never);
    const asking = choose();
    const settingsReads = () => calls.filter((call) => call.op === 'get' && call.keys.includes('settings')).length;
    await vi.waitFor(() => expect(settingsReads(), 'no read before the page said which picture').toBe(1), { timeout: 5_000 });
    answerPage();
    await asking;
    const id = await latestConversationIdItem.getValue();
    expect((await loadConversation(id ?? ''))?.turns[0], 'the picture the page described, answered').toMatchObject({ status: 'done', cached: true });
    // Those reads are the ones the ask used: the settings were not read again.
    expect(settingsReads(), 'the settings read again after the page answered').toBe(1);
  }

  it('starts the ask\'s reads while the page is still saying which picture it was', async () => {
    await readsWhileThePageAnswers(() => onMenuClicked(click, tab));
  });

  it('does the same for the keyboard command', async () => {
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([tab] as never); // the promise form, which the types overload with the callback one
    await readsWhileThePageAnswers(() => onCommand('ask-image', tab));
  });
});
