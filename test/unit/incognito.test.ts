import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addToTray, askComparison } from '../../utils/ask/compare';
import { isIncognito } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { forgetIncognitoIfNoneOpen } from '../../utils/ask/incognito';
import { resolveTarget } from '../../utils/ask/resolve-target';
import { createConversation } from '../../utils/ask/start';
import { answerCacheItem, compareTrayItem, conversationIndexItem, latestConversationIdItem, ledgerItem, pictureSourcesItem, removeRetiredItems } from '../../utils/storage';
import { useProvider } from './provider';
import { DEFAULT_REPLY } from '../fake-openai/server';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };

beforeEach(async () => {
  await useProvider(server, { profile: { sendImagesAs: 'url' } });
});

/** Every key of the storage that is written to disk. */
async function onDisk(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

describe('a question from a private window', () => {
  it('is answered and billed, but kept in memory only: not on disk, not in the history, not remembered', async () => {
    const { conversation, answer } = await createConversation({ picture, incognito: true });
    await answer();
    expect(isIncognito(conversation.id)).toBe(true);
    expect((await loadConversation(conversation.id))?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(`conversation:${conversation.id}`);

    const disk = await onDisk();
    expect(disk).not.toContain('cat.jpg');
    expect(disk).not.toContain(DEFAULT_REPLY.text);
    expect(await conversationIndexItem.getValue()).toEqual([]);
    expect(await answerCacheItem.getValue()).toEqual({});
    // What was paid is still counted: the record names no picture, page or question.
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
    // The popup opens on it while the window is open.
    expect(await latestConversationIdItem.getValue()).toBe(conversation.id);
  });

  it('is forgotten when the last private window closes, and the others are kept', async () => {
    const ordinary = await createConversation({ picture });
    await ordinary.answer();
    const window = await fakeBrowser.windows.create({ incognito: true });
    const secret = await createConversation({ picture: { ...picture, url: 'https://example.com/secret.jpg' }, incognito: true });
    await secret.answer();

    await forgetIncognitoIfNoneOpen();
    expect(await loadConversation(secret.conversation.id), 'kept while a private window is open').not.toBeNull();

    // The pixels its page gave, kept for follow-ups, by conversation and position.
    const pixels = { dataUrl: 'data:image/png;base64,AAAA', at: 1 };
    await pictureSourcesItem.setValue({ [secret.conversation.id]: pixels, [`${secret.conversation.id}:1`]: pixels, [ordinary.conversation.id]: pixels });

    await fakeBrowser.windows.remove(window.id!);
    await forgetIncognitoIfNoneOpen();
    expect(await loadConversation(secret.conversation.id)).toBeNull();
    expect(Object.keys(await pictureSourcesItem.getValue())).toEqual([ordinary.conversation.id]);
    // The popup falls back to the newest conversation left, as after a deletion.
    expect(await latestConversationIdItem.getValue()).toBe(ordinary.conversation.id);
    expect(await loadConversation(ordinary.conversation.id)).not.toBeNull();
    expect(await conversationIndexItem.getValue()).toEqual([ordinary.conversation.id]);
  });

  it('leaves the popup on an ordinary conversation asked after the private one', async () => {
    const secret = await createConversation({ picture, incognito: true });
    await secret.answer();
    const ordinary = await createConversation({ picture: { ...picture, url: 'https://example.com/dog.jpg' } });
    await ordinary.answer();
    await forgetIncognitoIfNoneOpen();
    expect(await latestConversationIdItem.getValue()).toBe(ordinary.conversation.id);
  });

  it('knows its tab was private, from the menu\'s click', async () => {
    const tab = { id: 7, index: 0, windowId: 3, incognito: true, highlighted: true, active: true, pinned: false, title: 'Cats', url: 'https://example.com/', frozen: false, selected: true, discarded: false, autoDiscardable: true, groupId: -1 };
    const resolved = await resolveTarget({ menuItemId: 'ask-image', editable: false, pageUrl: 'https://example.com/', srcUrl: picture.url, mediaType: 'image' }, tab);
    expect(resolved?.incognito).toBe(true);
    const ordinary = await resolveTarget({ menuItemId: 'ask-image', editable: false, pageUrl: 'https://example.com/', srcUrl: picture.url, mediaType: 'image' }, { ...tab, incognito: false });
    expect(ordinary?.incognito).toBeUndefined();
  });
});

describe('the comparison tray', () => {
  it('is never written to disk, and a private picture makes its comparison private', async () => {
    await addToTray({ picture: { ...picture, thumbnail: 'data:image/jpeg;base64,AA' } });
    await addToTray({ picture: { ...picture, url: 'https://example.com/secret.jpg', thumbnail: 'data:image/jpeg;base64,AA' }, incognito: true });
    expect(await onDisk()).not.toContain('secret.jpg');
    const { done } = await askComparison('Which is larger?');
    await done;
    const id = await latestConversationIdItem.getValue();
    expect(id && isIncognito(id)).toBe(true);
    expect(await conversationIndexItem.getValue()).toEqual([]);
  });

  it('drops only the private pictures when the private windows are gone', async () => {
    await addToTray({ picture: { ...picture, thumbnail: 'data:image/jpeg;base64,AA' } });
    await addToTray({ picture: { ...picture, url: 'https://example.com/secret.jpg', thumbnail: 'data:image/jpeg;base64,AA' }, incognito: true });
    await forgetIncognitoIfNoneOpen();
    expect((await compareTrayItem.getValue()).map((entry) => entry.picture.url)).toEqual([picture.url]);
  });

  it('forgets the pixels read from a private window\'s pages for the tray, and keeps the ordinary ones', async () => {
    // Pictures with no address (a canvas, a screenshot): their pixels are kept apart, under the tray entry.
    const ordinaryPixels = 'data:image/png;base64,T1JESU5BUlk=';
    const secretPixels = 'data:image/png;base64,U0VDUkVU';
    const window = await fakeBrowser.windows.create({ incognito: true });
    await addToTray({ picture: { kind: 'canvas drawing', pageUrl: 'https://example.com/', pageTitle: 'Cats', thumbnail: 'data:image/jpeg;base64,AA' }, sourceDataUrl: ordinaryPixels });
    await addToTray({ picture: { kind: 'canvas drawing', pageUrl: 'https://example.com/secret', pageTitle: 'Secret', thumbnail: 'data:image/jpeg;base64,AA' }, sourceDataUrl: secretPixels, incognito: true });
    expect(Object.values(await pictureSourcesItem.getValue()).map((source) => source.dataUrl).sort()).toEqual([ordinaryPixels, secretPixels].sort());

    await fakeBrowser.windows.remove(window.id!);
    await forgetIncognitoIfNoneOpen();
    expect((await compareTrayItem.getValue()).map((entry) => entry.picture.pageTitle)).toEqual(['Cats']);
    const left = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(left, 'the private picture\'s pixels left in session storage').not.toContain(secretPixels);
    expect(Object.values(await pictureSourcesItem.getValue()).map((source) => source.dataUrl)).toEqual([ordinaryPixels]);
  });

  it('an earlier version\'s tray on disk is removed', async () => {
    await fakeBrowser.storage.local.set({ compareTray: [{ id: 't1', picture, addedAt: 1 }], compareTray$: { v: 1 } });
    await removeRetiredItems();
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('compareTray'))).toEqual([]);
  });
});
