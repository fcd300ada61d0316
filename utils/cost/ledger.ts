/**
 * The spend ledger: one entry per request for the recent past, and one line per month, model and
 * kind for older spend (ledger-rollup.ts folds it), so it stays small however long it is used.
 * Totals are derived from both.
 */
import type { Usage } from '../vision/types';

export type SpendKind = 'question' | 'alt-text' | 'audit';

export interface LedgerEntry extends Usage {
  at: number;
  conversationId: string;
  kind: SpendKind;
  model: string;
  /** USD at the prices in force when it was recorded; null when the model's price is unknown. */
  cost: number | null;
  /** True when the stream was cut before the API reported usage, so these counts are our estimate. */
  estimated?: boolean;
  /**
   * The provider profile the request was asked of, and its name then (a profile may be renamed or
   * deleted later; the record keeps what it was called when the money was spent). Entries from
   * before profiles have neither: optional, so the ledger loads as it is, with no migration.
   */
  profileId?: string;
  profileName?: string;
}

/**
 * Requests of one month folded into one line. Requests with and without a price, and estimates
 * and the API's own counts, are kept on separate lines: each line then reads like an entry that
 * stands for `requests` requests, and the views can still say how many had no price or were estimated.
 */
export interface MonthTotal extends Usage {
  /** The month in the user's local time, "2026-09". */
  month: string;
  kind: SpendKind;
  model: string;
  requests: number;
  /** USD; null for a line of requests whose model had no known price. */
  cost: number | null;
  /** True for a line of requests whose counts are our estimates. */
  estimated: boolean;
  /** The profile its requests were asked of (each profile's spend folds into lines of its own); absent for spend from before profiles. */
  profileId?: string;
  /** The profile's name as its latest folded request recorded it. */
  profileName?: string;
}

/** What is stored (version 2 of the ledger item): recent entries, and older months as totals. */
export interface Ledger {
  entries: LedgerEntry[];
  months: MonthTotal[];
}

export const EMPTY_LEDGER: Ledger = { entries: [], months: [] };

export interface SpendTotals extends Usage {
  requests: number;
  /** USD over the entries with a known price. */
  cost: number;
  /** How many entries had no known price, so the dollars above leave them out. */
  unpriced: number;
  /** How many entries are estimates rather than the API's own counts. */
  estimated: number;
}

export const EMPTY_TOTALS: SpendTotals = {
  requests: 0,
  input: 0,
  cachedInput: 0,
  output: 0,
  reasoning: 0,
  cost: 0,
  unpriced: 0,
  estimated: 0,
};

/**
 * Dollars are added up in whole billionths of a dollar. Adding fractions in floating point gives a
 * slightly different last digit depending on the order, so the all-time total would change by a
 * hair each time old entries were folded into a month; whole numbers add up the same in any order.
 * A billionth is far below the smallest price per token; sums stay exact up to millions of dollars.
 */
const NANOS_PER_USD = 1e9;

export function toNanos(usd: number): number {
  return Math.round(usd * NANOS_PER_USD);
}

export function fromNanos(nanos: number): number {
  return nanos / NANOS_PER_USD;
}

const requestsIn = (line: LedgerEntry | MonthTotal) => ('requests' in line ? line.requests : 1);

/** Totals over entries and folded months alike: a month line counts as the requests it stands for. */
export function totalsOf(lines: readonly (LedgerEntry | MonthTotal)[]): SpendTotals {
  const sum = { ...EMPTY_TOTALS };
  let nanos = 0;
  for (const line of lines) {
    const requests = requestsIn(line);
    sum.requests += requests;
    sum.input += line.input;
    sum.cachedInput += line.cachedInput;
    sum.output += line.output;
    sum.reasoning += line.reasoning;
    if (line.cost === null) sum.unpriced += requests;
    else nanos += toNanos(line.cost);
    if (line.estimated) sum.estimated += requests;
  }
  return { ...sum, cost: fromNanos(nanos) };
}

/** Midnight today and the first of this month, in the user's own time zone. */
export function periodStarts(now: number): { day: number; month: number } {
  const date = new Date(now);
  return {
    day: new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime(),
    month: new Date(date.getFullYear(), date.getMonth(), 1).getTime(),
  };
}

export interface PeriodTotals {
  today: SpendTotals;
  month: SpendTotals;
  all: SpendTotals;
}

/** A bare list of entries (as version 1 stored it, and as tests write it) is a ledger with nothing folded. */
export function asLedger(ledger: Ledger | readonly LedgerEntry[]): { entries: readonly LedgerEntry[]; months: readonly MonthTotal[] } {
  return 'months' in ledger ? ledger : { entries: ledger, months: [] };
}

/**
 * Today and this month come from entries alone: folded months all end before last month began
 * (ledger-rollup.ts), so they belong to neither, in any time zone. All time adds the months.
 */
export function periodTotals(ledger: Ledger | readonly LedgerEntry[], now = Date.now()): PeriodTotals {
  const { entries, months } = asLedger(ledger);
  const { day, month } = periodStarts(now);
  return {
    today: totalsOf(entries.filter((e) => e.at >= day)),
    month: totalsOf(entries.filter((e) => e.at >= month)),
    all: totalsOf([...months, ...entries]),
  };
}

/**
 * One conversation's spend. Entries of conversations still in the history are never folded
 * (ledger-rollup.ts), so this is whole for every conversation the popup can show.
 */
export function conversationTotals(ledger: Ledger, conversationId: string): SpendTotals {
  return totalsOf(ledger.entries.filter((e) => e.conversationId === conversationId));
}

/**
 * The ledger with spend that could not be written to it yet (storage was full; record-spend.ts
 * keeps it in session storage until it can be): the money was spent, so budgets and views count it.
 */
export function withUnsaved(ledger: Ledger, unsaved: readonly LedgerEntry[]): Ledger {
  return { entries: [...ledger.entries, ...unsaved], months: ledger.months };
}
