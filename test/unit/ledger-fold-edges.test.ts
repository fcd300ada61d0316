/**
 * Edges of folding old spend into month lines (utils/cost/ledger-rollup.ts) and of writing the
 * ledger (utils/cost/record-spend.ts): an unknown price stays unknown once folded, the lines read
 * the same whatever order requests came in, a full storage keeps "this month" whole, and an error
 * that is not a full storage is not answered by folding.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { periodTotals, type Ledger, type LedgerEntry } from '../../utils/cost/ledger';
import { hasEntriesBefore, keepFrom, rollUp } from '../../utils/cost/ledger-rollup';
import { recordSpend, resetSpend, tidyLedger } from '../../utils/cost/record-spend';
import { conversationIndexItem, ledgerItem, unsavedSpendItem } from '../../utils/storage';
import { atFixedNow } from './clock';

const local = (year: number, month: number, day: number, hour = 12) => new Date(year, month - 1, day, hour).getTime();
const NOW = local(2026, 11, 21);
const NOBODY = new Set<string>();

const entry = (at: number, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at, conversationId: 'deleted', kind: 'question', model: 'gpt-4o', input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
});
const ledgerOf = (...entries: LedgerEntry[]): Ledger => ({ entries, months: [] });

describe('rollUp', () => {
  const before = keepFrom(NOW);

  it('keeps a folded month\'s unknown price unknown, never $0', () => {
    const folded = rollUp(ledgerOf(entry(local(2026, 8, 3), null), entry(local(2026, 8, 9), null)), before, NOBODY);
    expect(folded.months).toEqual([
      { month: '2026-08', kind: 'question', model: 'gpt-4o', requests: 2, input: 200, cachedInput: 0, output: 20, reasoning: 0, cost: null, estimated: false },
    ]);
    expect(periodTotals(folded, NOW).all).toMatchObject({ requests: 2, cost: 0, unpriced: 2 });
  });

  it('writes the same month lines whatever order the requests were recorded in', () => {
    const spent = [
      entry(local(2026, 8, 3), 0.5),
      entry(local(2026, 8, 4), null),
      entry(local(2026, 8, 5), 0.25, { estimated: true }),
      entry(local(2026, 7, 9), 1, { model: 'gpt-4.1' }),
      entry(local(2026, 8, 6), 2, { kind: 'alt-text' }),
      entry(local(2026, 9, 1), 0.125, { model: 'gpt-4.1-mini' }),
    ];
    const forwards = rollUp(ledgerOf(...spent), before, NOBODY).months;
    const backwards = rollUp(ledgerOf(...[...spent].reverse()), before, NOBODY).months;
    const shuffled = rollUp(ledgerOf(...[3, 1, 5, 0, 4, 2].map((i) => spent[i]!)), before, NOBODY).months;
    expect(backwards).toEqual(forwards);
    expect(shuffled).toEqual(forwards);
    // Oldest month first; within a month, by model, kind, then the API's counts before estimates.
    expect(forwards.map((l) => [l.month, l.model, l.kind, l.estimated, l.cost])).toEqual([
      ['2026-07', 'gpt-4.1', 'question', false, 1],
      ['2026-08', 'gpt-4o', 'alt-text', false, 2],
      ['2026-08', 'gpt-4o', 'question', false, null],
      ['2026-08', 'gpt-4o', 'question', false, 0.5],
      ['2026-08', 'gpt-4o', 'question', true, 0.25],
      ['2026-09', 'gpt-4.1-mini', 'question', false, 0.125],
    ]);
  });

  it('adds a conversation deleted later to the line its month already has', () => {
    // August was folded while the conversation "kept" was in the history; it was deleted since.
    const first = rollUp(ledgerOf(entry(local(2026, 8, 3), 0.5), entry(local(2026, 8, 9), 0.25, { conversationId: 'kept' })), before, new Set(['kept']));
    expect(first.entries).toHaveLength(1);
    const second = rollUp(first, before, NOBODY);
    expect(second.entries).toEqual([]);
    expect(second.months).toMatchObject([{ month: '2026-08', requests: 2, cost: 0.75 }]);
    expect(second.months).toHaveLength(1);
  });

  it('adds an unpriced request deleted later to its month\'s unpriced line, not to the priced one', () => {
    const first = rollUp(
      ledgerOf(entry(local(2026, 8, 3), 0.5), entry(local(2026, 8, 4), null), entry(local(2026, 8, 9), null, { conversationId: 'kept' })),
      before,
      new Set(['kept']),
    );
    const second = rollUp(first, before, NOBODY);
    expect(second.months.map((l) => [l.requests, l.cost])).toEqual([[2, null], [1, 0.5]]);
  });
});

describe('what is old enough to fold', () => {
  it('is everything before the first instant of last month, in local time', () => {
    expect(keepFrom(NOW)).toBe(local(2026, 10, 1, 0));
    expect(keepFrom(local(2026, 1, 15))).toBe(local(2025, 12, 1, 0));
  });

  it('does not include a request made at that very instant', () => {
    const from = keepFrom(NOW);
    expect(hasEntriesBefore(ledgerOf(entry(from, 1)), from)).toBe(false);
    expect(hasEntriesBefore(ledgerOf(entry(from, 1), entry(from - 1, 1)), from)).toBe(true);
    expect(hasEntriesBefore(ledgerOf(), from)).toBe(false);
    expect(rollUp(ledgerOf(entry(from, 1)), from, NOBODY).entries).toHaveLength(1);
  });
});

describe('writing the ledger', () => {
  atFixedNow(NOW);

  const asked = (conversationId: string, cost = 0.5) => entry(Date.now(), cost, { conversationId });
  const quota = () => new Error('QUOTA_BYTES quota exceeded');
  const LAST_MONTH = [entry(local(2026, 10, 2), 0.01), entry(local(2026, 10, 29), 0.02), entry(local(2026, 10, 30), 0.04), entry(local(2026, 10, 31, 23), 0.08)];
  const THIS_MONTH = [entry(local(2026, 11, 2), 1)];

  /** storage.local refusing the ledger's writes with `error` while `refuse` says so. */
  function refuseLedger(refuse: (ledger: Ledger) => Error | undefined) {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    return vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      const error = 'ledger' in items ? refuse(items.ledger as Ledger) : undefined;
      if (error) throw error;
      return set(items);
    });
  }

  it('when storage is full, keeps the last two days of last month one by one (a user a day ahead still counts them as this month)', async () => {
    const stored = ledgerOf(...LAST_MONTH, ...THIS_MONTH);
    await ledgerItem.setValue(stored);
    refuseLedger((ledger) => (JSON.stringify(ledger).length > JSON.stringify(stored).length ? quota() : undefined));
    const spent = asked('a');
    await recordSpend(spent);
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries).toEqual([LAST_MONTH[2], LAST_MONTH[3], ...THIS_MONTH, spent]);
    expect(ledger.months).toMatchObject([{ month: '2026-10', requests: 2, cost: 0.03 }]);
  });

  it('does not fold last month to answer an error that is not a full storage, and keeps the spend aside', async () => {
    const stored = ledgerOf(...LAST_MONTH, ...THIS_MONTH);
    await ledgerItem.setValue(stored);
    let failures = 1;
    refuseLedger(() => (failures-- > 0 ? new Error('IO error: the disk is not ready') : undefined));
    const spent = asked('a');
    await expect(recordSpend(spent)).rejects.toThrow('IO error: the disk is not ready');
    expect(await ledgerItem.getValue()).toEqual(stored);
    expect(await unsavedSpendItem.getValue()).toEqual([spent]);
  });

  it('says so on the console when the spend cannot be kept aside either, and still reports the first failure', async () => {
    await ledgerItem.setValue(ledgerOf(...THIS_MONTH));
    refuseLedger(() => quota());
    const sessionFailure = new Error('session storage is full too');
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(sessionFailure);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(recordSpend(asked('a'))).rejects.toThrow(/QUOTA_BYTES/);
    expect(logged).toHaveBeenCalledWith('Could not keep the spend in session storage either; this request is not in the ledger.', sessionFailure);
  });

  it('an ordinary append reads no history and writes only the ledger', async () => {
    // Every answer ends with an append: with nothing old to fold and nothing kept aside, the
    // history is not read and session storage not written.
    await ledgerItem.setValue(ledgerOf(...THIS_MONTH));
    const history = vi.spyOn(conversationIndexItem, 'getValue');
    const aside = vi.spyOn(unsavedSpendItem, 'removeValue');
    const spent = asked('a');
    await recordSpend(spent);
    expect((await ledgerItem.getValue()).entries).toEqual([...THIS_MONTH, spent]);
    expect(history).not.toHaveBeenCalled();
    expect(aside).not.toHaveBeenCalled();
  });

  it('a starting worker with nothing old and nothing kept aside touches neither storage', async () => {
    await ledgerItem.setValue(ledgerOf(...THIS_MONTH));
    const aside = vi.spyOn(unsavedSpendItem, 'removeValue');
    const writes = vi.spyOn(fakeBrowser.storage.local, 'set');
    await tidyLedger();
    expect(aside).not.toHaveBeenCalled();
    expect(writes).not.toHaveBeenCalled();
  });

  it('when storage is full and there is nothing left to fold, does not try the same write again', async () => {
    await ledgerItem.setValue(ledgerOf(...THIS_MONTH));
    const writes = refuseLedger(() => quota());
    await expect(recordSpend(asked('a'))).rejects.toThrow(/QUOTA_BYTES/);
    expect(writes.mock.calls.filter(([items]) => 'ledger' in items)).toHaveLength(1);
  });

  it('"Reset spend" pressed while a request\'s cost is being written leaves nothing behind', async () => {
    await ledgerItem.setValue(ledgerOf(...THIS_MONTH));
    await Promise.all([recordSpend(asked('a')), resetSpend()]);
    expect(await ledgerItem.getValue()).toEqual({ entries: [], months: [] });
  });
});
