/**
 * What a private (incognito) window leaves behind is forgotten when the last one closes: its
 * conversations (kept in session storage only, see conversation.ts), the pixels read from its pages,
 * the pictures it put in the comparison tray, the audit of one of its tabs, and the popup's pointer
 * to its latest conversation. (Their answers were never put in the answer cache.)
 * The browser empties session storage when it quits; this does it as soon as the private windows
 * are gone, as users expect.
 * What was paid stays in the spend record, which names no picture, page or question.
 */
import { browser } from 'wxt/browser';
import { cancelAudit } from '../alt-text/audit';
import { forgetClosedTabPages } from '../alt-text/describe-as-browse';
import { auditItem, compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, pictureSourcesItem } from '../storage';
import { updateItem } from '../update-item';
import { isIncognito } from './conversation';

const CONVERSATION_KEY = /^conversation:(.+)$/;

/** The names in session storage: by their keys alone where the browser can list them (Chrome 130+). */
async function sessionKeys(): Promise<string[]> {
  const session = browser.storage.session as typeof browser.storage.session & { getKeys?: () => Promise<string[]> };
  return typeof session.getKeys === 'function' ? session.getKeys() : Object.keys(await session.get(null));
}

export async function forgetIncognito(): Promise<void> {
  const ids = (await sessionKeys())
    .map((key) => CONVERSATION_KEY.exec(key)?.[1])
    .filter((id): id is string => id !== undefined && isIncognito(id));
  await Promise.all(ids.map((id) => conversationItem(id).removeValue({ removeMeta: true })));
  // The audit of a private tab, and the pixels its rows' pages gave (kept by row, audit-row.ts).
  const leftAudit: string[] = [];
  await updateItem(auditItem, (audit) => {
    if (!audit?.incognito) return audit;
    // A run still describing its pictures stops: nothing more is sent about them.
    cancelAudit();
    leftAudit.push(...audit.rows.map((row) => `audit:${row.id}`));
    return null;
  });
  const leftTray: string[] = [];
  await updateItem(compareTrayItem, (tray) => {
    leftTray.push(...tray.filter((entry) => entry.incognito).map((entry) => `tray:${entry.id}`));
    return leftTray.length > 0 ? tray.filter((entry) => !entry.incognito) : tray;
  });
  // The pixels read from their pages: kept under the conversation's id (and position), the tray entry's, or the audit row's.
  await updateItem(pictureSourcesItem, (sources) => {
    const kept = Object.entries(sources).filter(([key]) => !isIncognito(key) && !leftTray.includes(key) && !leftAudit.includes(key));
    return kept.length < Object.keys(sources).length ? Object.fromEntries(kept) : sources;
  });
  // Describe as I browse's records of private tabs' pages (which name those pages' sites).
  await forgetClosedTabPages();
  const latest = await latestConversationIdItem.getValue();
  // The popup falls back to the newest conversation in the history, as after a deletion.
  if (latest && isIncognito(latest)) await latestConversationIdItem.setValue((await conversationIndexItem.getValue())[0] ?? null);
}

/** Called as windows close: forgets once no private window is left. */
export async function forgetIncognitoIfNoneOpen(): Promise<void> {
  const windows = await browser.windows.getAll();
  if (!windows.some((window) => window.incognito)) await forgetIncognito();
}
