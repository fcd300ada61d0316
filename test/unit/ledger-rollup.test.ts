/**
 * Folding old spend into months (utils/cost/ledger-rollup.ts): what the popup, the budgets and the
 * CSV say must not change when entries are folded, in any time zone, at any month boundary.
 */
import { describe, expect, it } from 'vitest';
import { inTimeZone } from './clock';
import { budgetState, type Budgets } from '../../utils/cost/budget';
import { ledgerToCsv } from '../../utils/cost/csv';
import { conversationTotals, periodTotals, type Ledger, type LedgerEntry } from '../../utils/cost/ledger';
import { keepFrom, monthOf, rollUp } from '../../utils/cost/ledger-rollup';

/** A local time: the tests below build their instants inside the time zone they run in. */
const local = (year: number, month: number, day: number, hour = 12, minute = 0, second = 0) =>
  new Date(year, month - 1, day, hour, minute, second).getTime();

const entry = (at: number, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at, conversationId: 'c1', kind: 'question', model: 'gpt-4.1-mini', input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
});

const ledgerOf = (entries: LedgerEntry[]): Ledger => ({ entries, months: [] });

/**
 * Half a year of spend with entries on both sides of every local month boundary, daylight-saving
 * changes included, with prices that do not add up evenly in floating point, some with no price,
 * some estimated, on two models and two kinds.
 */
function halfAYear(): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let i = 0;
  const add = (at: number) => {
    i += 1;
    entries.push(entry(at, i % 7 === 0 ? null : ((i * 7919) % 1000) * 0.0000013 + 0.1 + i * 0.0004936, {
      conversationId: `c${i % 5}`,
      model: i % 3 === 0 ? 'gpt-4o' : 'gpt-4.1-mini',
      kind: i % 4 === 0 ? 'audit' : 'question',
      input: 1000 + i, cachedInput: i % 2 ? 500 : 0, output: 50 + i, reasoning: i % 3,
      ...(i % 5 === 0 ? { estimated: true } : {}),
    }));
  };
  for (let month = 5; month <= 12; month += 1) {
    const year = 2026;
    const last = new Date(year, month, 0).getDate();
    add(local(year, month, 1, 0, 0, 0));
    add(local(year, month, 1, 0, 30));
    add(local(year, month, 15));
    add(local(year, month, last, 23, 30));
    add(local(year, month, last, 23, 59, 59));
  }
  // Daylight saving ends in Los Angeles on 1 November and begins in Auckland on 27 September.
  add(local(2026, 11, 1, 1, 30));
  add(local(2026, 9, 27, 3, 30));
  return entries.sort((a, b) => a.at - b.at);
}

function budgetsAround(totals: ReturnType<typeof periodTotals>): Budgets[] {
  return [
    { daily: totals.today.cost, monthly: null },
    { daily: null, monthly: totals.month.cost },
    { daily: null, monthly: totals.month.cost / 0.85 },
    { daily: totals.today.cost + 0.000001, monthly: totals.month.cost + 0.000001 },
  ];
}

// The suite runs in UTC; these zones are ahead of it, behind it, and half an hour off.
describe.each(['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'])('in %s', (zone) => {
  inTimeZone(zone);

  const nows = () => [
    local(2026, 11, 1, 0, 30), // just after the local first of a month
    local(2026, 10, 31, 23, 59), // the last minute of a month
    local(2026, 12, 15),
    local(2027, 1, 1, 0, 0, 1), // a new year: last month is last December
    local(2027, 3, 10), // long after: everything is old
  ];

  it('keeps today, this month, all time and the budgets exactly as they were', () => {
    for (const now of nows()) {
      const before = ledgerOf(halfAYear().filter((e) => e.at <= now));
      const after = rollUp(before, keepFrom(now), new Set());
      expect(after.months.length, new Date(now).toString()).toBeGreaterThan(0);
      expect(periodTotals(after, now), new Date(now).toString()).toEqual(periodTotals(before, now));
      for (const budgets of budgetsAround(periodTotals(before, now))) {
        expect(budgetState(periodTotals(after, now), budgets)).toEqual(budgetState(periodTotals(before, now), budgets));
      }
    }
  });

  it('keeps every entry of this month and last month one by one, and folds only older ones', () => {
    for (const now of nows()) {
      const before = ledgerOf(halfAYear().filter((e) => e.at <= now));
      const after = rollUp(before, keepFrom(now), new Set());
      const lastMonthBegan = new Date(new Date(now).getFullYear(), new Date(now).getMonth() - 1, 1).getTime();
      expect(after.entries).toEqual(before.entries.filter((e) => e.at >= lastMonthBegan));
      expect(after.months.every((line) => line.month < monthOf(lastMonthBegan))).toBe(true);
    }
  });

  it('names each folded month as the user\'s own calendar does', () => {
    const edges = [entry(local(2026, 8, 1, 0, 30), 1), entry(local(2026, 7, 31, 23, 30), 2)];
    const { months } = rollUp(ledgerOf(edges), local(2026, 11, 1), new Set());
    expect(months.map((line) => [line.month, line.cost])).toEqual([['2026-07', 2], ['2026-08', 1]]);
  });

  it('folds in several steps to the same months as in one', () => {
    const entries = halfAYear();
    const once = rollUp(ledgerOf(entries), keepFrom(local(2027, 3, 10)), new Set());
    let stepwise = ledgerOf(entries);
    for (const now of [local(2026, 8, 2), local(2026, 10, 1, 0, 30), local(2026, 12, 31, 23, 59), local(2027, 3, 10)]) {
      stepwise = rollUp(stepwise, keepFrom(now), new Set());
    }
    expect(stepwise).toEqual(once);
  });
});

describe('rollUp', () => {
  const now = local(2026, 11, 21);
  const old = (day: number, cost: number | null, extra: Partial<LedgerEntry> = {}) => entry(local(2026, 8, day), cost, extra);

  it('folds one line per month, model and kind, apart for unpriced and estimated requests', () => {
    const { months } = rollUp(
      ledgerOf([
        old(1, 0.5), old(2, 0.25), old(3, 1, { model: 'gpt-4o' }), old(4, 2, { kind: 'audit' }),
        old(5, null), old(6, null), old(7, 0.125, { estimated: true }),
      ]),
      keepFrom(now),
      new Set(),
    );
    expect(months).toEqual([
      { month: '2026-08', model: 'gpt-4.1-mini', kind: 'audit', requests: 1, input: 100, cachedInput: 0, output: 10, reasoning: 0, cost: 2, estimated: false },
      { month: '2026-08', model: 'gpt-4.1-mini', kind: 'question', requests: 2, input: 200, cachedInput: 0, output: 20, reasoning: 0, cost: null, estimated: false },
      { month: '2026-08', model: 'gpt-4.1-mini', kind: 'question', requests: 2, input: 200, cachedInput: 0, output: 20, reasoning: 0, cost: 0.75, estimated: false },
      { month: '2026-08', model: 'gpt-4.1-mini', kind: 'question', requests: 1, input: 100, cachedInput: 0, output: 10, reasoning: 0, cost: 0.125, estimated: true },
      { month: '2026-08', model: 'gpt-4o', kind: 'question', requests: 1, input: 100, cachedInput: 0, output: 10, reasoning: 0, cost: 1, estimated: false },
    ]);
  });

  it('folds each profile\'s spend into lines of its own, named as the profile was last called, and spend from before profiles apart', () => {
    const work = { profileId: 'p-work', profileName: 'Work' };
    const before = ledgerOf([
      old(1, 0.5, work), old(2, 0.25), old(3, 1, { profileId: 'p-home', profileName: 'Home' }),
      old(4, 2, { profileId: 'p-work', profileName: 'Work (renamed)' }),
    ]);
    const after = rollUp(before, keepFrom(now), new Set());
    expect(after.months.map(({ profileId, profileName, requests, cost }) => ({ profileId, profileName, requests, cost }))).toEqual([
      { profileId: undefined, profileName: undefined, requests: 1, cost: 0.25 },
      { profileId: 'p-home', profileName: 'Home', requests: 1, cost: 1 },
      { profileId: 'p-work', profileName: 'Work (renamed)', requests: 2, cost: 2.5 },
    ]);
    // A line folded before profiles has no profile fields at all, as it was stored then.
    expect(Object.keys(after.months[0]!)).not.toContain('profileId');
    expect(periodTotals(after, now)).toEqual(periodTotals(before, now));
  });

  it('adds a request to a line folded before profiles existed when it has no profile either', () => {
    const earlier = rollUp(ledgerOf([old(1, 0.5)]), keepFrom(now), new Set());
    const later = rollUp({ entries: [old(2, 0.25)], months: earlier.months }, keepFrom(now), new Set());
    expect(later.months).toEqual([{ month: '2026-08', model: 'gpt-4.1-mini', kind: 'question', requests: 2, input: 200, cachedInput: 0, output: 20, reasoning: 0, cost: 0.75, estimated: false }]);
  });

  it('still counts the requests with no price and the estimates, so the popup still explains them', () => {
    const before = ledgerOf([old(1, null), old(2, null, { estimated: true }), old(3, 0.5, { estimated: true }), entry(local(2026, 11, 2), 1)]);
    const all = periodTotals(rollUp(before, keepFrom(now), new Set()), now).all;
    expect(all).toMatchObject({ requests: 4, unpriced: 2, estimated: 2, cost: 1.5 });
  });

  it('keeps the entries of conversations still in the history, so their cost does not drop to nothing', () => {
    const before = ledgerOf([old(1, 0.5, { conversationId: 'kept' }), old(2, 0.25, { conversationId: 'gone' }), old(3, 0.125, { conversationId: 'kept' })]);
    const after = rollUp(before, keepFrom(now), new Set(['kept']));
    expect(after.entries.map((e) => e.conversationId)).toEqual(['kept', 'kept']);
    expect(conversationTotals(after, 'kept')).toEqual(conversationTotals(before, 'kept'));
    expect(periodTotals(after, now)).toEqual(periodTotals(before, now));
  });

  it('does not move the all-time dollars by a hair', () => {
    // In floating point, 0.1 + 0.7 + 0.3 is 1.0999999999999999 but (0.1 + 0.3) + 0.7 is 1.1: folding
    // the two gpt-4.1-mini requests into one line must not change what all time says.
    const before = ledgerOf([old(1, 0.1), old(2, 0.7, { model: 'gpt-4o' }), old(3, 0.3), entry(local(2026, 11, 2), 0.0004936)]);
    const after = rollUp(before, keepFrom(now), new Set());
    expect(after.months).toHaveLength(2);
    expect(periodTotals(after, now).all.cost).toBe(periodTotals(before, now).all.cost);
  });

  it('returns the very ledger it was given when nothing is old enough, so nothing is written', () => {
    const recent = ledgerOf([entry(local(2026, 10, 1, 0, 0, 0), 1), entry(local(2026, 11, 20), 2)]);
    expect(rollUp(recent, keepFrom(now), new Set())).toBe(recent);
  });

  it('starts last month on the first of the previous month, across a new year', () => {
    expect(keepFrom(local(2027, 1, 1, 0, 0, 1))).toBe(local(2026, 12, 1, 0, 0, 0));
    expect(keepFrom(local(2026, 3, 31, 23, 59))).toBe(local(2026, 2, 1, 0, 0, 0));
  });
});

describe('the CSV of a ledger with folded months', () => {
  it('has one row per folded month with the month, no conversation and its number of requests, then each request', () => {
    const now = local(2026, 11, 21);
    const ledger = rollUp(
      ledgerOf([
        entry(local(2026, 8, 3), 0.5, { input: 1000, output: 100 }),
        entry(local(2026, 8, 9), 0.25, { input: 2000, output: 200 }),
        entry(local(2026, 9, 9), null, { model: '=cmd' }),
        entry(Date.UTC(2026, 10, 20, 10), 0.000583, { input: 1234, output: 56 }),
      ]),
      keepFrom(now),
      new Set(),
    );
    expect(ledgerToCsv(ledger).split('\r\n')).toEqual([
      'time,conversation,kind,model,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,estimated,requests,profile,profile_id',
      '2026-08,,question,gpt-4.1-mini,3000,0,300,0,0.75,false,2,,',
      "2026-09,,question,'=cmd,100,0,10,0,,false,1,,",
      '2026-11-20T10:00:00.000Z,c1,question,gpt-4.1-mini,1234,0,56,0,0.000583,false,1,,',
      '',
    ]);
  });
});
