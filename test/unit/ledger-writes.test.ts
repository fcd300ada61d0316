/**
 * Writing the ledger (utils/cost/record-spend.ts): appends and folds never lose one another, the
 * worker folds when it starts, and a full storage does not lose what a request cost.
 */
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { budgetProblem } from '../../utils/ask/preflight';
import { periodTotals, type Ledger, type LedgerEntry } from '../../utils/cost/ledger';
import { recordSpend, resetSpend, tidyLedger } from '../../utils/cost/record-spend';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { atFixedNow } from './clock';
import { conversationIndexItem, ledgerItem, settingsItem, unsavedSpendItem } from '../../utils/storage';

const local = (year: number, month: number, day: number, hour = 12) => new Date(year, month - 1, day, hour).getTime();
const NOW = local(2026, 11, 21);

const entry = (at: number, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at, conversationId: 'deleted', kind: 'question', model: 'gpt-4o', input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
});

/** August's spend (old enough to fold), October's (last month) and this month's. */
const OLD = [entry(local(2026, 8, 3), 0.5), entry(local(2026, 8, 9), 0.25), entry(local(2026, 8, 20), 0.125)];
const LAST_MONTH = Array.from({ length: 30 }, (_, i) => entry(local(2026, 10, 2) + i * 3_600_000, 0.01));
const THIS_MONTH = [entry(local(2026, 11, 2), 1), entry(local(2026, 11, 21, 9), 2)];

atFixedNow(NOW);

const asked = (conversationId: string, cost = 0.5) => entry(Date.now(), cost, { conversationId });

describe('appending', () => {
  it('keeps both of two appends made at once while old months are folded', async () => {
    await ledgerItem.setValue({ entries: [...OLD, ...THIS_MONTH], months: [] });
    await Promise.all([recordSpend(asked('a')), recordSpend(asked('b'))]);
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries.map((e) => e.conversationId).sort()).toEqual(['a', 'b', 'deleted', 'deleted']);
    expect(ledger.months).toMatchObject([{ month: '2026-08', requests: 3, cost: 0.875 }]);
    expect(periodTotals(ledger, NOW).all).toMatchObject({ requests: 7, cost: 4.875 });
  });

  /**
   * Holds the first ledger write back until released, as a slow disk would; `reached` resolves once
   * that write has begun (so every write made at once has read the ledger by then).
   */
  function holdFirstLedgerWrite(): { release: () => void; reached: Promise<void> } {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let begin = () => {};
    const reached = new Promise<void>((resolve) => (begin = resolve));
    let first = true;
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('ledger' in items && first) {
        first = false;
        begin();
        await held;
      }
      return set(items);
    });
    return { release, reached };
  }

  // A worker is often started by the very click whose answer is then recorded.
  it.each([
    ['the fold first', () => [tidyLedger(), recordSpend(asked('a'))]],
    ['the append first', () => [recordSpend(asked('a')), tidyLedger()]],
  ])('keeps both an append and the starting worker\'s fold made at once, %s', async (_, both) => {
    await ledgerItem.setValue({ entries: [...OLD, ...THIS_MONTH], months: [] });
    const { release, reached } = holdFirstLedgerWrite();
    const done = Promise.all(both());
    // Once the first write is held, anything not queued behind it has read the ledger as it was:
    // its write, now or after the release, would drop the other's.
    await reached;
    release();
    await done;
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries.map((e) => e.conversationId)).toEqual(['deleted', 'deleted', 'a']);
    expect(ledger.months).toMatchObject([{ month: '2026-08', requests: 3 }]);
  });

  it('folds the old entries of deleted conversations, and keeps those of conversations still in the history', async () => {
    await conversationIndexItem.setValue(['kept']);
    await ledgerItem.setValue({ entries: [entry(local(2026, 8, 1), 0.5, { conversationId: 'kept' }), ...OLD], months: [] });
    await recordSpend(asked('kept'));
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries.map((e) => [e.conversationId, e.cost])).toEqual([['kept', 0.5], ['kept', 0.5]]);
    expect(ledger.months).toMatchObject([{ month: '2026-08', requests: 3, cost: 0.875 }]);
  });
});

describe('when the worker starts', () => {
  it('folds what has grown old since the last append', async () => {
    await ledgerItem.setValue({ entries: [...OLD, ...LAST_MONTH, ...THIS_MONTH], months: [] });
    const before = periodTotals(await ledgerItem.getValue(), NOW);
    await tidyLedger();
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries).toEqual([...LAST_MONTH, ...THIS_MONTH]);
    expect(periodTotals(ledger, NOW)).toEqual(before);
  });

  it('writes nothing when nothing is old enough to fold', async () => {
    await ledgerItem.setValue({ entries: [...LAST_MONTH, ...THIS_MONTH], months: [] });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await tidyLedger();
    expect(set).not.toHaveBeenCalled();
  });
});

describe('a full storage', () => {
  const full = () => new Error('QUOTA_BYTES quota exceeded');

  /** storage.local with no room left: a ledger larger than `bytes` does not fit. */
  function roomFor(bytes: number) {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    return vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('ledger' in items && JSON.stringify(items.ledger).length > bytes) throw full();
      return set(items);
    });
  }

  it('makes room by folding last month too, and records the spend with today and this month unchanged', async () => {
    const stored: Ledger = { entries: [...LAST_MONTH, ...THIS_MONTH], months: [] };
    await ledgerItem.setValue(stored);
    roomFor(JSON.stringify(stored).length);
    const spent = asked('a', 0.75);
    await recordSpend(spent);
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries).toEqual([...THIS_MONTH, spent]);
    expect(ledger.months).toMatchObject([{ month: '2026-10', requests: 30 }]);
    const expected = periodTotals({ entries: [...stored.entries, spent], months: [] }, NOW);
    expect(periodTotals(ledger, NOW)).toEqual(expected);
  });

  it('keeps the spend aside when there is no room at all: budgets count it, the error reaches the turn, the next write takes it in', async () => {
    await ledgerItem.setValue({ entries: [...THIS_MONTH], months: [] });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, dailyBudget: 2.5, spendBadge: true });
    const refused = roomFor(0);
    const spent = asked('a', 0.75);
    await expect(recordSpend(spent)).rejects.toThrow(/QUOTA_BYTES/);
    expect(await unsavedSpendItem.getValue()).toEqual([spent]);
    // $2 today in the ledger and $0.75 kept aside: the daily budget of $2.50 is reached.
    expect(await budgetProblem(await settingsItem.getValue())).toMatchObject({ kind: 'budget' });
    expect(await browser.action.getBadgeText({})).toBe('$2.8');

    refused.mockRestore();
    const next = asked('b', 0.25);
    await recordSpend(next);
    expect((await ledgerItem.getValue()).entries).toEqual([...THIS_MONTH, spent, next]);
    expect(await unsavedSpendItem.getValue()).toEqual([]);
  });

  it('lets the starting worker write the spend kept aside', async () => {
    const spent = asked('a', 0.75);
    await unsavedSpendItem.setValue([spent]);
    await ledgerItem.setValue({ entries: [...THIS_MONTH], months: [] });
    await tidyLedger();
    expect((await ledgerItem.getValue()).entries).toEqual([...THIS_MONTH, spent]);
    expect(await unsavedSpendItem.getValue()).toEqual([]);
  });

  it('is emptied with the rest by "Reset spend"', async () => {
    await unsavedSpendItem.setValue([asked('a')]);
    await ledgerItem.setValue({ entries: [...THIS_MONTH], months: [] });
    await resetSpend();
    expect(await ledgerItem.getValue()).toEqual({ entries: [], months: [] });
    expect(await unsavedSpendItem.getValue()).toEqual([]);
  });
});

describe('the budget check before a request', () => {
  it('reads no spend when no budget is set (unset or zero), and reads it when one is', async () => {
    await ledgerItem.setValue({ entries: [...THIS_MONTH], months: [] });
    const read = vi.spyOn(ledgerItem, 'getValue');
    expect(await budgetProblem({ ...DEFAULT_SETTINGS, dailyBudget: null, monthlyBudget: 0 })).toBeNull();
    expect(read, 'the ledger, which grows with every answer, read for no budget').not.toHaveBeenCalled();
    expect(await budgetProblem({ ...DEFAULT_SETTINGS, monthlyBudget: 1 })).toMatchObject({ kind: 'budget' });
    expect(read).toHaveBeenCalled();
    read.mockRestore();
  });
});
