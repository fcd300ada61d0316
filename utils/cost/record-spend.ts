/**
 * Appends to the spend ledger, one append at a time, so parallel answers never lose an entry. The
 * same write folds old entries into month totals (ledger-rollup.ts): a write that fails leaves the
 * ledger as it was, never half folded, and an append never races a fold.
 */
import { isStorageFull } from '../error-words';
import { conversationIndexItem, ledgerItem, unsavedSpendItem } from '../storage';
import { inTurnWith } from '../storage-lock';
import { EMPTY_LEDGER, periodStarts, type Ledger, type LedgerEntry } from './ledger';
import { hasEntriesBefore, keepFrom, rollUp } from './ledger-rollup';
import { refreshSpendBadge } from './spend-badge';

const DAY_MS = 24 * 60 * 60 * 1000;

async function folded(ledger: Ledger, before: number): Promise<Ledger> {
  if (!hasEntriesBefore(ledger, before)) return ledger;
  return rollUp(ledger, before, new Set(await conversationIndexItem.getValue()));
}

const appended = (ledger: Ledger, added: readonly LedgerEntry[]): Ledger =>
  added.length === 0 ? ledger : { entries: [...ledger.entries, ...added], months: ledger.months };

/**
 * Writes the ledger folded, with `added` at its end; writes nothing when nothing changes. When
 * storage is full it makes room in the ledger itself and tries once more: it folds last month too
 * (its spend still counts, in its month's line; only the CSV loses its one-by-one rows), up to two
 * days before this month began, so "this month" stays whole even for a user who has since moved
 * to a time zone up to a day ahead.
 */
async function write(ledger: Ledger, added: readonly LedgerEntry[], now: number): Promise<void> {
  const next = appended(await folded(ledger, keepFrom(now)), added);
  if (next === ledger) return;
  try {
    await ledgerItem.setValue(next);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    const tighter = appended(await folded(ledger, periodStarts(now).month - 2 * DAY_MS), added);
    if (tighter.entries.length === next.entries.length) throw error;
    await ledgerItem.setValue(tighter);
  }
}

export async function recordSpend(entry: LedgerEntry): Promise<void> {
  try {
    await inTurnWith(ledgerItem, async () => {
      const [ledger, unsaved] = await Promise.all([ledgerItem.getValue(), unsavedSpendItem.getValue()]);
      try {
        await write(ledger, [...unsaved, entry], Date.now());
      } catch (error) {
        // The money is spent whether or not it can be written down. Session storage has a quota
        // of its own: the spend waits there, counted by budgets and views, for the next write.
        // The error still reaches the turn, so the user is told that storage is full.
        await unsavedSpendItem.setValue([...unsaved, entry]).catch((sessionError: unknown) =>
          console.error('Could not keep the spend in session storage either; this request is not in the ledger.', sessionError),
        );
        throw error;
      }
      if (unsaved.length > 0) await unsavedSpendItem.removeValue();
    });
  } finally {
    await refreshSpendBadge();
  }
}

/**
 * When the worker starts: folds what has grown old since the last append (a user may ask nothing
 * for weeks), and writes spend that was kept in session storage while storage.local was full.
 */
export async function tidyLedger(): Promise<void> {
  await inTurnWith(ledgerItem, async () => {
    const [ledger, unsaved] = await Promise.all([ledgerItem.getValue(), unsavedSpendItem.getValue()]);
    await write(ledger, unsaved, Date.now());
    if (unsaved.length > 0) await unsavedSpendItem.removeValue();
  });
}

/** Forgets all recorded spend (the options page's "Reset spend"). */
export async function resetSpend(): Promise<void> {
  await inTurnWith(ledgerItem, async () => {
    await ledgerItem.setValue(EMPTY_LEDGER);
    await unsavedSpendItem.removeValue();
  });
  await refreshSpendBadge();
}
