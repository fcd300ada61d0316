/** Appends to the spend ledger, one append at a time, so parallel answers never lose an entry. */
import { serialize } from '../serialize';
import { ledgerItem } from '../storage';
import type { LedgerEntry } from './ledger';

export function recordSpend(entry: LedgerEntry): Promise<void> {
  return serialize('ledger', async () => {
    const entries = await ledgerItem.getValue();
    await ledgerItem.setValue([...entries, entry]);
  });
}
