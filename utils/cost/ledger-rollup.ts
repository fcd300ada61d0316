/**
 * Folds old spend into monthly totals, so the ledger stays small however long the extension is
 * used. Every entry of this month and last month is kept as it was recorded: "today", "this
 * month" and the budgets are counted from those, and a user checking last month's bill still has
 * each request. Older entries become one line per month, model, kind and profile (and price known or not,
 * estimate or not): enough for the all-time totals, for a CSV that shows what each month cost on
 * which model, and for the counts of unpriced and estimated requests the popup explains.
 *
 * Entries of conversations still in the history are never folded, however old: the history and
 * the popup show each conversation's own cost, and that must not drop to nothing when its month
 * is folded. The history is bounded (history.ts), so these stay few.
 */
import { fromNanos, toNanos, type Ledger, type LedgerEntry, type MonthTotal } from './ledger';

/** The first instant of last month, in the user's own time zone: entries from then on are kept. */
export function keepFrom(now: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth() - 1, 1).getTime();
}

/** The local month an instant falls in, "2026-09": how a spreadsheet reads a month. */
export function monthOf(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

type LineKey = Pick<MonthTotal, 'month' | 'model' | 'kind' | 'estimated' | 'profileId'> & { priced: boolean };

// The profile comes last, so lines folded before profiles existed (none) keep their order.
const keyOf = (line: LineKey) => JSON.stringify([line.month, line.model, line.kind, line.estimated, line.priced, line.profileId ?? '']);

function lineFor(entry: LedgerEntry): MonthTotal {
  return {
    month: monthOf(entry.at), kind: entry.kind, model: entry.model, requests: 0,
    input: 0, cachedInput: 0, output: 0, reasoning: 0,
    cost: entry.cost === null ? null : 0, estimated: Boolean(entry.estimated),
    ...(entry.profileId !== undefined ? { profileId: entry.profileId } : {}),
  };
}

function add(line: MonthTotal, entry: LedgerEntry): MonthTotal {
  return {
    ...line,
    // Entries are folded oldest first: the line keeps the name the profile had last.
    ...(entry.profileName !== undefined ? { profileName: entry.profileName } : {}),
    requests: line.requests + 1,
    input: line.input + entry.input,
    cachedInput: line.cachedInput + entry.cachedInput,
    output: line.output + entry.output,
    reasoning: line.reasoning + entry.reasoning,
    // A line's price is unknown exactly when its entries' is (`priced` is part of its key). Known
    // prices are added in whole billionths, as totalsOf adds them, so the all-time total does not move by a hair.
    cost: line.cost === null ? null : fromNanos(toNanos(line.cost) + toNanos(entry.cost ?? 0)),
  };
}

/** Whether any entry is old enough to fold: the history need not be read when none is. */
export function hasEntriesBefore(ledger: Ledger, before: number): boolean {
  return ledger.entries.some((e) => e.at < before);
}

/**
 * Folds entries recorded before `before` into month lines, except those of conversations in
 * `keep`. Returns the very same ledger when there is nothing to fold, so the caller need not write.
 */
export function rollUp(ledger: Ledger, before: number, keep: ReadonlySet<string>): Ledger {
  const old = (e: LedgerEntry) => e.at < before && !keep.has(e.conversationId);
  if (!ledger.entries.some(old)) return ledger;
  const lines = new Map(ledger.months.map((line) => [keyOf({ ...line, priced: line.cost !== null }), line]));
  const entries: LedgerEntry[] = [];
  for (const entry of ledger.entries) {
    if (!old(entry)) {
      entries.push(entry);
      continue;
    }
    const fresh = lineFor(entry);
    const key = keyOf({ ...fresh, priced: fresh.cost !== null });
    lines.set(key, add(lines.get(key) ?? fresh, entry));
  }
  // By key: month first ("2026-09" sorts as a date), then model, kind, estimate and price known.
  // Stryker disable next-line EqualityOperator: a Map's keys are unique, so x < y and x <= y never differ.
  const months = [...lines].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, line]) => line);
  return { entries, months };
}
