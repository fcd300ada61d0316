/**
 * What the App's first render shows, read in one round of storage reads issued together, before
 * it renders: the App then shows the stored conversation at once, rather than an empty frame
 * followed by a read per part, and a second round for the conversation once its id is known. (The
 * words of the answer are on screen before this: components/shared/pre-paint.ts.) The conversation
 * the page showed last time is read in the same round (its id is kept in this page's localStorage,
 * which the pre-paint reads too), which is the one it shows unless a new question has been asked since.
 */
import {
  auditItem, compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, ledgerItem, noticeItem, priceOverridesItem, settingsItem, unsavedSpendItem,
} from '../../utils/storage';
import { firstValue, readFirstValues } from '../shared/first-values';
import { LAST_SHOWN_KEY } from '../shared/pre-paint';

export async function readFirstPaint(): Promise<void> {
  const guess = localStorage.getItem(LAST_SHOWN_KEY);
  await readFirstValues([
    latestConversationIdItem, settingsItem, ledgerItem, unsavedSpendItem, priceOverridesItem, noticeItem, compareTrayItem, conversationIndexItem, auditItem,
    ...(guess ? [conversationItem(guess)] : []),
  ]);
  const latest = firstValue(latestConversationIdItem);
  if (latest && latest !== guess) await readFirstValues([conversationItem(latest)]);
  if (latest) localStorage.setItem(LAST_SHOWN_KEY, latest);
  else localStorage.removeItem(LAST_SHOWN_KEY);
}
