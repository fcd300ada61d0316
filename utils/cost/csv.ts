/** The ledger as CSV, for a spreadsheet or an expense report. */
import type { LedgerEntry } from './ledger';

const COLUMNS = [
  'time', 'conversation', 'kind', 'model', 'input_tokens', 'cached_input_tokens', 'output_tokens',
  'reasoning_tokens', 'cost_usd', 'estimated',
] as const;

/**
 * One field, quoted as RFC 4180 asks. A text field that a spreadsheet would run as a formula
 * (=, +, -, @) is prefixed with an apostrophe: a model name is typed by the user or a server.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function ledgerToCsv(entries: readonly LedgerEntry[]): string {
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(), e.conversationId, e.kind, e.model, e.input, e.cachedInput, e.output,
      e.reasoning, e.cost, e.estimated ?? false,
    ]
      .map(csvField)
      .join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
