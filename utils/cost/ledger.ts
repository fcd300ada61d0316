/** The spend ledger: one entry per request, totals derived from the entries. */
import type { Usage } from '../vision/types';

export type SpendKind = 'question' | 'alt-text' | 'audit';

export interface LedgerEntry extends Usage {
  at: number;
  conversationId: string;
  kind: SpendKind;
  model: string;
  /** USD; null when the model's price is unknown. */
  cost: number | null;
}

export interface SpendTotals extends Usage {
  requests: number;
  /** USD over the entries with a known price. */
  cost: number;
  /** How many entries had no known price, so the dollars above leave them out. */
  unpriced: number;
}

export const EMPTY_TOTALS: SpendTotals = {
  requests: 0,
  input: 0,
  cachedInput: 0,
  output: 0,
  reasoning: 0,
  cost: 0,
  unpriced: 0,
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
    }),
    EMPTY_TOTALS,
  );
}
