/**
 * What the popup's first paint shows, read in one round of storage reads issued together, before
 * anything renders: the popup then paints the stored conversation at once, rather than an empty
 * frame followed by a read per part, and a second round for the conversation once its id is known.
 * The conversation the popup showed last time is read in the same round (its id is kept in this
 * page's localStorage), which is the one it shows unless a new question has been asked since.
 */
import {
  auditItem, compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, ledgerItem, noticeItem, priceOverridesItem, settingsItem, unsavedSpendItem,
} from '../../utils/storage';
import { firstValue, readFirstValues } from '../shared/first-values';

const LAST_SHOWN = 'popup:lastConversationId';

export async function readFirstPaint(): Promise<void> {
  const guess = localStorage.getItem(LAST_SHOWN);
  await readFirstValues([
    latestConversationIdItem, settingsItem, ledgerItem, unsavedSpendItem, priceOverridesItem, noticeItem, compareTrayItem, conversationIndexItem, auditItem,
    ...(guess ? [conversationItem(guess)] : []),
  ]);
  const latest = firstValue(latestConversationIdItem);
  if (latest && latest !== guess) await readFirstValues([conversationItem(latest)]);
  if (latest) localStorage.setItem(LAST_SHOWN, latest);
  else localStorage.removeItem(LAST_SHOWN);
}
