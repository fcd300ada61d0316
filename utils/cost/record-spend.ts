/** Appends to the spend ledger, one append at a time, so parallel answers never lose an entry. */
import { serialize } from '../serialize';
import { ledgerItem } from '../storage';
import type { LedgerEntry } from './ledger';
import { refreshSpendBadge } from './spend-badge';

export async function recordSpend(entry: LedgerEntry): Promise<void> {
  await serialize('ledger', async () => {
    const entries = await ledgerItem.getValue();
    await ledgerItem.setValue([...entries, entry]);
  });
  await refreshSpendBadge();
}

/** Forgets all recorded spend (the options page's "Reset spend"). */
export async function resetSpend(): Promise<void> {
  await serialize('ledger', () => ledgerItem.setValue([]));
  await refreshSpendBadge();
}
