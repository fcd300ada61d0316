/**
 * What a private (incognito) window leaves behind is forgotten when the last one closes: its
 * conversations (kept in session storage only, see conversation.ts), the pictures it put in the
 * comparison tray, and the popup's pointer to its latest conversation. The browser empties session
 * storage when it quits; this does it as soon as the private windows are gone, as users expect.
 * What was paid stays in the spend record, which names no picture, page or question.
 */
import { browser } from 'wxt/browser';
import { serialize } from '../serialize';
import { compareTrayItem, conversationItem, latestConversationIdItem } from '../storage';
import { isIncognito } from './conversation';

const CONVERSATION_KEY = /^conversation:(.+)$/;

export async function forgetIncognito(): Promise<void> {
  const stored = await browser.storage.session.get(null);
  const ids = Object.keys(stored)
    .map((key) => CONVERSATION_KEY.exec(key)?.[1])
    .filter((id): id is string => id !== undefined && isIncognito(id));
  await Promise.all(ids.map((id) => conversationItem(id).removeValue({ removeMeta: true })));
  await serialize('compare-tray', async () => {
    const tray = await compareTrayItem.getValue();
    if (tray.some((entry) => entry.incognito)) await compareTrayItem.setValue(tray.filter((entry) => !entry.incognito));
  });
  const latest = await latestConversationIdItem.getValue();
  if (latest && isIncognito(latest)) await latestConversationIdItem.setValue(null);
}

/** Called as windows close: forgets once no private window is left. */
export async function forgetIncognitoIfNoneOpen(): Promise<void> {
  const windows = await browser.windows.getAll();
  if (!windows.some((window) => window.incognito)) await forgetIncognito();
}
