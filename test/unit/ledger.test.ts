import { describe, expect, it } from 'vitest';
import { inTimeZone } from './clock';
import { budgetState } from '../../utils/cost/budget';
import { ledgerToCsv } from '../../utils/cost/csv';
import { estimateUsage, textTokens } from '../../utils/cost/estimate-usage';
import { periodStarts, periodTotals, type LedgerEntry } from '../../utils/cost/ledger';
import { badgeAmount } from '../../utils/cost/spend-badge';

const at = (iso: string) => new Date(iso).getTime();
const entry = (when: string, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  at: at(when), conversationId: 'c1', kind: 'question', model: 'gpt-4.1-mini',
  input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
});

describe('periodTotals', () => {
  const now = at('2026-11-21T15:00:00');
  const entries = [
    entry('2026-10-31T23:59:00', 1), // last month
    entry('2026-11-02T10:00:00', 2), // this month
    entry('2026-11-20T23:59:59', 4), // yesterday
    entry('2026-11-21T00:00:00', 8), // today, at midnight
    entry('2026-11-21T14:00:00', null, { estimated: true }), // today, unpriced estimate
  ];

  it('splits today, this month and all time at local midnight and the first of the month', () => {
    const totals = periodTotals(entries, now);
    expect(totals.today).toMatchObject({ requests: 2, cost: 8, input: 200, unpriced: 1, estimated: 1 });
    expect(totals.month).toMatchObject({ requests: 4, cost: 14 });
    expect(totals.all).toMatchObject({ requests: 5, cost: 15, output: 50 });
  });

  it('starts the day and the month in local time', () => {
    expect(periodStarts(now)).toEqual({ day: at('2026-11-21T00:00:00'), month: at('2026-11-01T00:00:00') });
  });
});

// The suite runs in UTC, where local and UTC midnight are the same instant: these time zones
// (ahead of UTC, behind it, and half an hour off) tell them apart.
describe.each(['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'])('in %s', (zone) => {
  inTimeZone(zone);

  it('"today" starts at local midnight and "this month" on the local first', () => {
    const now = at('2026-11-01T09:00:00');
    expect(new Date(periodStarts(now).day).toString()).toContain('Sun Nov 01 2026 00:00:00');
    expect(periodStarts(now).month).toBe(periodStarts(now).day);
    const totals = periodTotals([entry('2026-10-31T23:30:00', 4), entry('2026-11-01T00:30:00', 2)], now);
    expect(totals.today.cost).toBe(2);
    expect(totals.month.cost).toBe(2);
    expect(totals.all.cost).toBe(6);
  });
});

describe('budgetState', () => {
  const totals = (today: number, month: number) => periodTotals([entry('2026-11-01T01:00:00', month - today), entry('2026-11-21T01:00:00', today)], at('2026-11-21T12:00:00'));

  it.each([
    [0.5, 0.5, { daily: 1, monthly: null }, 'ok'],
    [0.79, 0.79, { daily: 1, monthly: null }, 'ok'],
    [0.8, 0.8, { daily: 1, monthly: null }, 'warning'],
    [1, 1, { daily: 1, monthly: null }, 'over'],
    [0.1, 9.5, { daily: 1, monthly: 10 }, 'warning'],
    [0.9, 10, { daily: 1, monthly: 10 }, 'over'],
    [5, 5, { daily: null, monthly: null }, 'ok'],
  ] as const)('today $%d, month $%d, budgets %j: %s', (today, month, budgets, level) => {
    expect(budgetState(totals(today, month), budgets).level).toBe(level);
  });

  it('counts only this month against the monthly budget, not what was spent before it', () => {
    const spent = periodTotals([entry('2026-10-15T12:00:00', 50), entry('2026-11-03T12:00:00', 1)], at('2026-11-21T12:00:00'));
    expect(budgetState(spent, { daily: null, monthly: 10 })).toEqual({ level: 'ok' });
  });

  it('says how far along the budget is, in words', () => {
    expect(budgetState(totals(0.85, 0.85), { daily: 1, monthly: null })).toMatchObject({
      message: 'You have used 85 % of your daily budget ($0.85 of $1.00).',
    });
    expect(budgetState(totals(1.2, 1.2), { daily: 1, monthly: null })).toMatchObject({
      message: 'You have spent $1.20 today, which reaches your daily budget of $1.00.',
    });
  });
});

describe('ledgerToCsv', () => {
  it('writes a header and one quoted row per entry, defusing formulas', () => {
    const csv = ledgerToCsv([
      entry('2026-11-21T10:00:00Z', 0.000583, { input: 1234, output: 56 }),
      entry('2026-11-21T11:00:00Z', null, { model: '=HYPERLINK("x")', estimated: true, profileId: 'p-1', profileName: '@Home, mine' }),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time,conversation,kind,model,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,estimated,requests,profile,profile_id',
      '2026-11-21T10:00:00.000Z,c1,question,gpt-4.1-mini,1234,0,56,0,0.000583,false,1,,',
      `2026-11-21T11:00:00.000Z,c1,question,"'=HYPERLINK(""x"")",100,0,10,0,,true,1,"'@Home, mine",p-1`,
      '',
    ]);
  });
});

describe('estimates when the API reported no usage', () => {
  it('counts the picture by its model formula and about four characters per text token', () => {
    const usage = estimateUsage(
      { model: 'gpt-4o', detail: 'high', imageUrls: ['x'], history: [{ question: 'abcd', answer: 'efgh' }], question: 'ijkl' },
      'twelve chars',
      [{ width: 1024, height: 1024 }],
    );
    expect(usage).toEqual({ input: 765 + 3, cachedInput: 0, output: 3, reasoning: 0 });
    expect(textTokens('')).toBe(0);
  });
});

describe('badgeAmount', () => {
  it.each([[0, '0¢'], [0.004, '0¢'], [0.37, '37¢'], [1.25, '$1.3'], [15.4, '$15']])('%d is %s', (usd, text) => {
    expect(badgeAmount(usd)).toBe(text);
  });
});
