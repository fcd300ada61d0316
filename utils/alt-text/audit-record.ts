/**
 * The page audit as it is stored: every picture of a page that needs alt text, what the model
 * suggested for each, what was written back, and how the run went. Pure helpers for the popup:
 * the estimate before anything is sent, and the export.
 */
import { csvField } from '../cost/csv';
import { textTokens } from '../cost/estimate-usage';
import { estimateImageTokens } from '../cost/image-tokens';
import { costOf, type Price } from '../cost/prices';
import type { Detail } from '../settings';
import type { Usage } from '../vision/types';
import { altTextAsk } from './request';
import type { AltTextResult, ScannedPicture } from '../shared/alt-text-types';

export type RowStatus = 'pending' | 'running' | 'done' | 'error' | 'skipped';

export interface AuditRow {
  /** The page's handle for the element (the same as picture.elementId). */
  id: string;
  picture: ScannedPicture;
  status: RowStatus;
  result?: AltTextResult;
  /** The text Apply writes: the linted suggestion, or what the user edited or chose. */
  text?: string;
  /** Why describing it failed, in words. */
  error?: string;
  cached?: boolean;
  usage?: Usage;
  /** USD; null when the model has no known price. */
  cost?: number | null;
  /** The detail the suggestion was made at. */
  detail?: Detail;
  applied?: { text: string; how: 'alt' | 'aria-label'; at: number };
  /**
   * A small JPEG the extension made from the bytes it read (or downloaded once, without cookies):
   * the audit view shows this, never the picture's own address, which would tell the page's site
   * when and which rows the user looks at.
   */
  thumbnail?: string;
}

/** How the last "Describe all" went; 'refused' is a run that could not start (no key, bad settings). */
export type RunState = 'idle' | 'running' | 'done' | 'cancelled' | 'budget' | 'interrupted' | 'refused';

export interface Audit {
  id: string;
  createdAt: number;
  tabId: number;
  frameId: number;
  pageUrl: string;
  pageTitle: string;
  lang: string;
  model: string;
  detail: Detail;
  rows: AuditRow[];
  /** Pictures marked decorative (alt=""), listed apart for review. */
  decorative: ScannedPicture[];
  examined: number;
  scanMs: number;
  run: { state: RunState; message?: string; startedAt?: number; finishedAt?: number };
  /** Of a tab in a private window: its answers are not remembered, and it is forgotten with the last private window. */
  incognito?: true;
}

/** What the model is assumed to write per picture, for the estimate: a short alt in JSON. */
export const EXPECTED_OUTPUT_TOKENS = 60;

export interface AuditEstimate {
  pictures: number;
  input: number;
  output: number;
  /** USD; null when the price is unknown. */
  cost: number | null;
  /** Pictures whose size is unknown, so their tokens are left out of the estimate. */
  unknown: number;
}

/** The rows still to describe. */
export function rowsToDescribe(audit: Audit): AuditRow[] {
  return audit.rows.filter((row) => row.status === 'pending' || row.status === 'error');
}

/** Tokens and dollars before anything is sent: each picture at the audit's detail, plus the request's text. */
export function estimateAudit(audit: Audit, settings: { altTextLimit: number; altTextLanguage: string }, price: Price | undefined): AuditEstimate {
  const rows = rowsToDescribe(audit);
  let input = 0;
  let unknown = 0;
  for (const row of rows) {
    const { width, height, context, kind } = row.picture;
    const image = estimateImageTokens({ model: audit.model, detail: audit.detail, width, height });
    if (image.tokens === null) unknown += 1;
    else input += image.tokens;
    const ask = altTextAsk({ context, language: settings.altTextLanguage || context.lang, limit: settings.altTextLimit, structured: true }, kind);
    input += textTokens(ask.instructions + ask.question);
  }
  const output = rows.length * EXPECTED_OUTPUT_TOKENS;
  const cost = costOf({ input, cachedInput: 0, output, reasoning: 0 }, price);
  return { pictures: rows.length, input, output, cost, unknown };
}

/** What the audit has spent so far, from the rows' recorded usage. */
export function auditSpent(audit: Audit): { cost: number; unpriced: number } {
  return audit.rows.reduce(
    (sum, row) => ({ cost: sum.cost + (row.cost ?? 0), unpriced: sum.unpriced + (row.cost === null ? 1 : 0) }),
    { cost: 0, unpriced: 0 },
  );
}

export interface ExportRow {
  pageUrl: string;
  pictureUrl: string;
  currentAlt: string;
  suggestedAlt: string;
  kind: string;
}

/** Every listed picture, described or not, as the export writes it. */
export function exportRows(audit: Audit): ExportRow[] {
  return audit.rows.map((row) => ({
    pageUrl: audit.pageUrl,
    pictureUrl: row.picture.url ?? '',
    currentAlt: row.picture.currentAlt ?? '',
    suggestedAlt: row.status === 'skipped' ? '' : (row.text ?? ''),
    kind: row.result?.kind ?? '',
  }));
}

const CSV_COLUMNS = ['page_url', 'picture_url', 'current_alt', 'suggested_alt', 'kind'] as const;

export function auditToCsv(audit: Audit): string {
  const lines = exportRows(audit).map((r) => [r.pageUrl, r.pictureUrl, r.currentAlt, r.suggestedAlt, r.kind].map(csvField).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

export function auditToJson(audit: Audit): string {
  return `${JSON.stringify({ pageUrl: audit.pageUrl, pageTitle: audit.pageTitle, scannedAt: new Date(audit.createdAt).toISOString(), pictures: exportRows(audit) }, null, 2)}\n`;
}
