/**
 * The totals the spend meter, the options page and the budgets read (utils/cost/ledger.ts), and
 * the budget warnings built on them (utils/cost/budget.ts): every token kind added up, each period
 * starting at its first instant, and a warning that says the right share of the right budget.
 */
import { describe, expect, it } from 'vitest';
import { budgetState } from '../../utils/cost/budget';
import { conversationTotals, periodTotals, totalsOf, type LedgerEntry } from '../../utils/cost/ledger';

const NOW = new Date(2026, 10, 21, 15).getTime();
const entry = (at: number, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at, conversationId: 'c1', kind: 'question', model: 'gpt-4o', input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
});

describe('totalsOf', () => {
  it('adds up every kind of token', () => {
    const totals = totalsOf([
      entry(NOW, 0.01, { input: 1000, cachedInput: 400, output: 200, reasoning: 150 }),
      entry(NOW, 0.02, { input: 500, cachedInput: 100, output: 50, reasoning: 25 }),
    ]);
    expect(totals).toEqual({ requests: 2, input: 1500, cachedInput: 500, output: 250, reasoning: 175, cost: 0.03, unpriced: 0, estimated: 0 });
  });

  it('is all zeros for no requests', () => {
    expect(totalsOf([])).toEqual({ requests: 0, input: 0, cachedInput: 0, output: 0, reasoning: 0, cost: 0, unpriced: 0, estimated: 0 });
  });

  it('counts requests with no price and estimates apart, and adds only known dollars', () => {
    const totals = totalsOf([entry(NOW, null), entry(NOW, 0.5, { estimated: true }), entry(NOW, null, { estimated: true })]);
    expect(totals).toMatchObject({ requests: 3, cost: 0.5, unpriced: 2, estimated: 2 });
  });
});

describe('periodTotals', () => {
  const midnight = new Date(2026, 10, 21).getTime();
  const first = new Date(2026, 10, 1).getTime();

  it('counts a request made at the first instant of the month in this month', () => {
    const totals = periodTotals([entry(first, 2), entry(first - 1, 4)], NOW);
    expect(totals.month).toMatchObject({ requests: 1, cost: 2 });
    expect(totals.all).toMatchObject({ requests: 2, cost: 6 });
  });

  it('counts a request made at midnight in today', () => {
    const totals = periodTotals([entry(midnight, 1), entry(midnight - 1, 8)], NOW);
    expect(totals.today).toMatchObject({ requests: 1, cost: 1 });
    expect(totals.month).toMatchObject({ requests: 2, cost: 9 });
  });
});

describe('conversationTotals', () => {
  it('adds up one conversation\'s requests, and no other\'s', () => {
    const ledger = {
      entries: [entry(NOW, 0.25, { conversationId: 'a' }), entry(NOW, 1, { conversationId: 'b' }), entry(NOW, 0.5, { conversationId: 'a', output: 30 })],
      months: [],
    };
    expect(conversationTotals(ledger, 'a')).toMatchObject({ requests: 2, cost: 0.75, output: 40 });
    expect(conversationTotals(ledger, 'c')).toMatchObject({ requests: 0, cost: 0 });
  });
});

describe('budgetState', () => {
  const spentToday = (cost: number) => periodTotals([entry(NOW - 60_000, cost)], NOW);

  it.each([
    ['no daily limit', null],
    ['a limit of $0 (the field left at zero)', 0],
    ['a negative limit', -5],
  ])('%s stops nothing', (_, daily) => {
    expect(budgetState(spentToday(50), { daily, monthly: null })).toEqual({ level: 'ok' });
  });

  it('warns with the share of the budget used, rounded down', () => {
    expect(budgetState(spentToday(8.59), { daily: 10, monthly: null })).toEqual({
      level: 'warning', period: 'daily', spent: 8.59, limit: 10,
      message: 'You have used 85 % of your daily budget ($8.59 of $10.00).',
    });
  });

  it('names the monthly budget when that is the one reached', () => {
    expect(budgetState(spentToday(25), { daily: null, monthly: 20 })).toEqual({
      level: 'over', period: 'monthly', spent: 25, limit: 20,
      message: 'You have spent $25.00 this month, which reaches your monthly budget of $20.00.',
    });
  });

  it('puts a stop before a warning, whichever budget it comes from', () => {
    // $9 today: 90 % of the $10 daily budget, and over a $5 monthly one.
    expect(budgetState(spentToday(9), { daily: 10, monthly: 5 })).toMatchObject({ level: 'over', period: 'monthly' });
  });

  it('names the daily budget first when both are reached', () => {
    expect(budgetState(spentToday(30), { daily: 10, monthly: 20 })).toMatchObject({ level: 'over', period: 'daily' });
  });
});
