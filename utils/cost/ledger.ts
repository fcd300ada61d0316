/** The spend ledger: one entry per request, totals derived from the entries. */
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
}

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

export function totalsOf(entries: readonly LedgerEntry[]): SpendTotals {
  return entries.reduce<SpendTotals>(
    (sum, e) => ({
      requests: sum.requests + 1,
      input: sum.input + e.input,
      cachedInput: sum.cachedInput + e.cachedInput,
      output: sum.output + e.output,
      reasoning: sum.reasoning + e.reasoning,
      cost: sum.cost + (e.cost ?? 0),
      unpriced: sum.unpriced + (e.cost === null ? 1 : 0),
      estimated: sum.estimated + (e.estimated ? 1 : 0),
    }),
    EMPTY_TOTALS,
  );
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

export function periodTotals(entries: readonly LedgerEntry[], now = Date.now()): PeriodTotals {
  const { day, month } = periodStarts(now);
  return {
    today: totalsOf(entries.filter((e) => e.at >= day)),
    month: totalsOf(entries.filter((e) => e.at >= month)),
    all: totalsOf(entries),
  };
}
