import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeAll, startAudit } from '../../utils/alt-text/audit';
import type { PageScan, ScannedPicture } from '../../utils/shared/alt-text-types';
import { addToTray, askComparison } from '../../utils/ask/compare';
import { isIncognito } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { forgetIncognitoIfNoneOpen } from '../../utils/ask/incognito';
import { resolveTarget } from '../../utils/ask/resolve-target';
import { createConversation } from '../../utils/ask/start';
import { answerCacheItem, auditItem, compareTrayItem, conversationIndexItem, latestConversationIdItem, ledgerItem, pictureSourcesItem, removeRetiredItems } from '../../utils/storage';
import { useProvider } from './provider';
import { DEFAULT_REPLY } from '../fake-openai/server';
import { useFakeServer } from './fake-server';
import { altJson } from '../e2e/support/alt-answer';

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

describe('a page audit of a private window\'s tab', () => {
  const secretPage = 'https://example.com/secret-page';
  const scanned = (id: string, url?: string): ScannedPicture => ({
    elementId: id, kind: 'image', ...(url ? { url } : {}), currentAlt: null, need: { needs: true, reason: 'missing' }, width: 10, height: 10, context: { lang: 'en', pageTitle: 'Secret page' },
  });
  const scan: PageScan = { pageUrl: secretPage, pageTitle: 'Secret page', lang: 'en', needing: [scanned('p1', 'https://example.com/secret.jpg'), scanned('p2', 'https://example.com/secret-2.jpg')], decorative: [], examined: 2, scanMs: 1 };
  /** The pixels a row's page gave (a canvas, say), kept by row as audit-row.ts keeps them; and a conversation's. */
  const pixels = { dataUrl: 'data:image/png;base64,c2VjcmV0', at: 1 };
  const keepPixels = () => pictureSourcesItem.setValue({ 'audit:p2': pixels, 'ordinary-conversation': pixels });

  beforeEach(() => {
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: string }) => {
      if (message.type === 'scanPage') return Promise.resolve({ ok: true, value: scan });
      return Promise.reject(new Error(`No page answers ${message.type} here.`));
    }) as never);
  });

  async function audited(incognito: boolean): Promise<void> {
    await startAudit({ id: 9, windowId: 2, index: 0, incognito, url: secretPage, title: 'Secret page' } as Browser.tabs.Tab);
    server.reply({ text: altJson({ alt: 'A secret picture' }) });
    server.reply({ text: altJson({ alt: 'A secret picture' }) });
    const { done } = await describeAll();
    await done;
    expect((await auditItem.getValue())!.rows.map((row) => row.error ?? row.status)).toEqual(['done', 'done']);
    await keepPixels();
  }

  it('is described, but neither it nor its answers are written to disk or remembered', async () => {
    const window = await fakeBrowser.windows.create({ incognito: true });
    await audited(true);
    const disk = await onDisk();
    expect(disk).not.toContain('secret');
    expect(disk).not.toContain('A secret picture');
    expect(await answerCacheItem.getValue()).toEqual({});
    expect(server.asks).toHaveLength(2);

    await forgetIncognitoIfNoneOpen();
    expect(await auditItem.getValue(), 'kept while a private window is open').not.toBeNull();
    await fakeBrowser.windows.remove(window.id!);
    await forgetIncognitoIfNoneOpen();
    expect(await auditItem.getValue()).toBeNull();
    expect(Object.keys(await pictureSourcesItem.getValue())).toEqual(['ordinary-conversation']);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('secret');
  });

  it('an ordinary tab\'s audit is still remembered, and kept when the private windows close', async () => {
    await audited(false);
    expect(Object.keys(await answerCacheItem.getValue())).toHaveLength(2);
    await forgetIncognitoIfNoneOpen();
    expect((await auditItem.getValue())?.pageUrl).toBe(secretPage);
    expect(Object.keys(await pictureSourcesItem.getValue()).sort()).toEqual(['audit:p2', 'ordinary-conversation']);
  });

  it('an audit an earlier version left on disk is removed', async () => {
    await fakeBrowser.storage.local.set({ audit: { id: 'a1', pageUrl: secretPage }, audit$: { v: 1 } });
    await removeRetiredItems();
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('audit'))).toEqual([]);
  });
});
