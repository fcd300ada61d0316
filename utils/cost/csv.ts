/** The ledger as CSV, for a spreadsheet or an expense report. */
import { asLedger, type Ledger, type LedgerEntry, type MonthTotal } from './ledger';

/**
 * New columns go at the end, so the columns people already use keep their place. A request's row
 * says 1 in `requests`; a month's row (spend folded by ledger-rollup.ts) has the month in `time`
 * ("2026-09"), no conversation, and the number of requests it adds up, so SUM() over any column
 * still works. `profile` is the profile's name when the money was spent and `profile_id` the id
 * that stays across renames; both are empty for spend recorded before profiles existed.
 */
const COLUMNS = [
  'time', 'conversation', 'kind', 'model', 'input_tokens', 'cached_input_tokens', 'output_tokens',
  'reasoning_tokens', 'cost_usd', 'estimated', 'requests', 'profile', 'profile_id',
] as const;

/**
 * One field, quoted as RFC 4180 asks. A text field that a spreadsheet would run as a formula
 * (=, +, -, @) is prefixed with an apostrophe: a model name or a profile name is typed by the user or a server.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const monthRow = (m: MonthTotal) => [
  m.month, '', m.kind, m.model, m.input, m.cachedInput, m.output, m.reasoning, m.cost, m.estimated, m.requests,
  m.profileName ?? '', m.profileId ?? '',
];

const entryRow = (e: LedgerEntry) => [
  new Date(e.at).toISOString(), e.conversationId, e.kind, e.model, e.input, e.cachedInput, e.output,
  e.reasoning, e.cost, e.estimated ?? false, 1, e.profileName ?? '', e.profileId ?? '',
];

/** Folded months first, oldest first, then each request as it was recorded. */
export function ledgerToCsv(ledger: Ledger | readonly LedgerEntry[]): string {
  const { entries, months } = asLedger(ledger);
  const rows = [...months.map(monthRow), ...entries.map(entryRow)].map((row) => row.map(csvField).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
