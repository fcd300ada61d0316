/**
 * The page audit, background side: scan a tab for pictures that need alt text, list them with the
 * cost known first, describe them a few at a time (Cancel stops it, the budget stops it, answers
 * are cached), and write the suggestions back into the page one by one or all at once.
 */
import { browser, type Browser } from 'wxt/browser';
import type { PanelOpening } from '../background/panel-opening';
import { revealAnswer } from '../badge';
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import { boundedScan } from '../page-strings';
import { currentSettings } from '../profiles/current-settings';
import { auditItem } from '../storage';
import { updateItem } from '../update-item';
import { apiKeys } from '../api-key-store';
import { keepAlive } from '../ask/keep-alive';
import type { Audit, AuditRow } from './audit-record';
import { describeRow, type RowOutcome, type RunContext } from './audit-row';
import { connectionProblem } from '../ask/preflight';
import type { AltTextResult, ScannedPicture } from '../shared/alt-text-types';

/** How many pictures are described at once: fast enough, and gentle with rate limits. */
export const AUDIT_CONCURRENCY = 3;

/** A data: address longer than this is not kept in the record; the page is asked for the pixels. */
const KEEP_DATA_URL_UNDER = 2048;

/** The run in progress; a live controller cannot live in storage (recoverAudit covers a stopped worker). */
let current: { auditId: string; controller: AbortController } | undefined;

function changeAudit(change: (audit: Audit) => Audit): Promise<Audit | null> {
  // No audit stays no audit: null is given back as it is, so nothing is written.
  return updateItem(auditItem, (audit) => audit && change(audit));
}

function changeRow(auditId: string, rowId: string, change: (row: AuditRow) => AuditRow): Promise<Audit | null> {
  return changeAudit((audit) => (audit.id === auditId ? { ...audit, rows: audit.rows.map((row) => (row.id === rowId ? change(row) : row)) } : audit));
}

function trimmed(picture: ScannedPicture): ScannedPicture {
  const { url, ...rest } = picture;
  return url && !(url.startsWith('data:') && url.length > KEEP_DATA_URL_UNDER) ? picture : rest;
}

/** The web page the user is looking at: the popup opened as a tab is not it. */
export async function pageTab(): Promise<Browser.tabs.Tab> {
  const own = browser.runtime.getURL('/');
  const isWebPage = (tab: Browser.tabs.Tab) => Boolean(tab.id !== undefined && tab.url && !tab.url.startsWith(own));
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active && isWebPage(active)) return active;
  const recent = (await browser.tabs.query({})).filter(isWebPage).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  if (!recent[0]) throw new Error(t('auditNoPage'));
  return recent[0];
}

/** Scans the tab's page and stores the audit; the popup opens on it. Nothing is sent yet. */
export async function startAudit(tab: Browser.tabs.Tab | undefined): Promise<Audit> {
  if (tab?.id === undefined) throw new Error(t('auditNoPage'));
  if (current) throw new Error(t('auditBusy'));
  let scan;
  try {
    // What the page wrote (its title, addresses, alt text, the words around its pictures) is stored
    // with the audit: bounded as it arrives.
    scan = boundedScan(await sendToContent(tab.id, 0, 'scanPage', undefined));
  } catch (error) {
    console.info('The page could not be scanned.', error);
    throw new Error(t('auditCannotScan'));
  }
  const settings = await currentSettings();
  const audit: Audit = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    tabId: tab.id,
    frameId: 0,
    pageUrl: scan.pageUrl,
    pageTitle: scan.pageTitle,
    lang: scan.lang,
    model: settings.profile.model,
    detail: settings.altTextDetail,
    rows: scan.needing.map((picture) => ({ id: picture.elementId, picture: trimmed(picture), status: 'pending' })),
    decorative: scan.decorative.map(trimmed),
    examined: scan.examined,
    scanMs: scan.scanMs,
    run: { state: 'idle' },
    ...(tab.incognito ? { incognito: true as const } : {}),
  };
  await updateItem(auditItem, () => audit);
  return audit;
}

/**
 * The keyboard command and the popup's button: scan, then show the list. `reveal`: the command's
 * side panel opening (answer-surface.ts), which shows the list where it opened, else the popup
 * opens on it; false from the popup, which is already open.
 */
export async function auditPage(tab: Browser.tabs.Tab | undefined, reveal: PanelOpening | false): Promise<void> {
  await startAudit(tab);
  if (reveal) await revealAnswer(reveal);
}

/** The text Apply writes for a suggestion: '' for decorative, the shorter version when the first is too long. */
export function textToApply(result: AltTextResult): string {
  return result.decorative ? '' : (result.shorterLint?.text && result.lint.warnings.some((w) => w.kind === 'too-long') ? result.shorterLint.text : result.lint.text);
}

/** What a finished row records. */
function rowAfter(row: AuditRow, outcome: Exclude<RowOutcome, { kind: 'stopped' }>): AuditRow {
  if (outcome.kind === 'error') return { ...row, status: 'error', error: outcome.message };
  const { result, usage, cost, cached, detail, thumbnail } = outcome;
  const text = textToApply(result);
  const { error: _old, ...rest } = row;
  return { ...rest, status: 'done', result, text, detail, ...(usage ? { usage } : {}), ...(cost !== undefined ? { cost } : {}), ...(cached ? { cached: true } : {}), ...(thumbnail && !row.thumbnail ? { thumbnail } : {}) };
}

/**
 * "Describe all": the pending rows, AUDIT_CONCURRENCY at a time. Stops at Cancel, at the budget
 * (saying so), and when every row is done; a row that fails says why and the others go on.
 * Returns once the run has started (or was refused), with the run's end as `done`.
 */
export async function describeAll(): Promise<{ done: Promise<void> }> {
  const audit = await auditItem.getValue();
  if (!audit) throw new Error(t('auditNone'));
  if (current) throw new Error(t('auditBusy'));
  // Settings are read once for the whole run: every picture is asked the same way.
  // The profile active now answers the whole run, with its own key only.
  const settings = await currentSettings();
  const preflight = connectionProblem(settings, await apiKeys.get(settings.profile.id));
  if ('refusal' in preflight) {
    const { message } = preflight.refusal;
    await changeAudit((a) => (a.id === audit.id ? { ...a, run: { state: 'refused', message, finishedAt: Date.now() } } : a));
    return { done: Promise.resolve() };
  }
  const { connection } = preflight;
  const controller = new AbortController();
  current = { auditId: audit.id, controller };
  const release = keepAlive.hold();
  const context: RunContext = { audit, settings, connection, signal: controller.signal, thumbnails: true };
  return { done: runRows(context, release) };
}

async function runRows(context: RunContext, release: () => void): Promise<void> {
  const { audit, signal } = context;
  const queue = audit.rows.filter((row) => row.status === 'pending' || row.status === 'error').map((row) => row.id);
  let stopped: { state: 'budget' | 'cancelled'; message?: string } | undefined;
  await changeAudit((a) => ({ ...a, run: { state: 'running', startedAt: Date.now() } }));
  try {
    const worker = async () => {
      for (let rowId = queue.shift(); rowId !== undefined && !stopped && !signal.aborted; rowId = queue.shift()) {
        const row = (await auditItem.getValue())?.rows.find((r) => r.id === rowId);
        if (!row || row.status === 'skipped') continue;
        await changeRow(audit.id, rowId, (r) => ({ ...r, status: 'running' }));
        // Whatever goes wrong with one picture is said on its row; the others go on.
        const outcome = await describeRow(context, row).catch((error: unknown): RowOutcome => {
          console.error('Describing a picture failed unexpectedly.', error);
          return { kind: 'error', message: t('errUnknown', error instanceof Error ? error.message : String(error)) };
        });
        if (outcome.kind === 'stopped') {
          await changeRow(audit.id, rowId, (r) => ({ ...r, status: 'pending' }));
          if (outcome.why === 'budget') stopped ??= { state: 'budget', message: outcome.message };
          continue;
        }
        const settled = outcome;
        await changeRow(audit.id, rowId, (r) => rowAfter(r, settled));
      }
    };
    await Promise.all(Array.from({ length: AUDIT_CONCURRENCY }, worker));
    if (signal.aborted) stopped ??= { state: 'cancelled' };
    const end = stopped ?? { state: 'done' as const };
    await changeAudit((a) => (a.id === audit.id ? { ...a, run: { ...a.run, ...end, finishedAt: Date.now() } } : a));
  } finally {
    release();
    current = undefined;
  }
}

/** Cancel: requests in flight are stopped at the server, and no new one starts. */
export function cancelAudit(): boolean {
  if (!current) return false;
  current.controller.abort('user');
  return true;
}

/** A worker that starts has no run in flight: a run left "running" was stopped with the worker. */
export async function recoverAudit(): Promise<void> {
  await changeAudit((audit) =>
    audit.run.state !== 'running'
      ? audit
      : {
          ...audit,
          run: { state: 'interrupted', message: t('auditInterrupted'), finishedAt: Date.now() },
          rows: audit.rows.map((row) => (row.status === 'running' ? { ...row, status: 'pending' } : row)),
        },
  );
}

async function auditFor(auditId: string): Promise<Audit> {
  const audit = await auditItem.getValue();
  if (!audit || audit.id !== auditId) throw new Error(t('auditNone'));
  return audit;
}

async function writeToPage(audit: Audit, row: AuditRow, text: string): Promise<void> {
  const { how } = await sendToContent(audit.tabId, audit.frameId, 'applyAlt', { elementId: row.id, text }).catch((error: unknown) => {
    console.info('Applying alt text failed.', error);
    throw new Error(t('altPageGoneAudit'));
  });
  await changeRow(audit.id, row.id, (r) => ({ ...r, applied: { text, how, at: Date.now() } }));
}

function rowOf(audit: Audit, rowId: string): AuditRow {
  const row = audit.rows.find((r) => r.id === rowId);
  if (!row) throw new Error(t('auditRowGone'));
  return row;
}

export async function applyRow(auditId: string, rowId: string): Promise<void> {
  const audit = await auditFor(auditId);
  const row = rowOf(audit, rowId);
  if (row.status !== 'done' || row.text === undefined) throw new Error(t('auditRowNotReady'));
  await writeToPage(audit, row, row.text);
}

/** "Apply all": every described row not yet applied. Decorative suggestions wait for their own confirmation. */
export async function applyAll(auditId: string): Promise<{ applied: number; waiting: number }> {
  const audit = await auditFor(auditId);
  let applied = 0;
  let waiting = 0;
  for (const row of audit.rows) {
    if (row.status !== 'done' || row.applied || row.text === undefined) continue;
    if (row.text === '') {
      waiting += 1;
      continue;
    }
    await writeToPage(audit, row, row.text);
    applied += 1;
  }
  return { applied, waiting };
}

export async function undoRow(auditId: string, rowId: string): Promise<void> {
  const audit = await auditFor(auditId);
  rowOf(audit, rowId);
  await sendToContent(audit.tabId, audit.frameId, 'undoAlt', { elementId: rowId }).catch((error: unknown) => {
    console.info('Undoing alt text failed.', error);
    throw new Error(t('altPageGoneAudit'));
  });
  await changeRow(auditId, rowId, (r) => {
    const { applied: _undone, ...rest } = r;
    return rest;
  });
}

export async function editRow(auditId: string, rowId: string, text: unknown): Promise<void> {
  if (typeof text !== 'string' || text.length > 2000) throw new Error(t('altNotText'));
  const audit = await auditFor(auditId);
  rowOf(audit, rowId);
  await changeRow(auditId, rowId, (r) => ({ ...r, text: text.trim(), status: r.status === 'skipped' ? 'skipped' : 'done' }));
}

export async function skipRow(auditId: string, rowId: string, skip: boolean): Promise<void> {
  const audit = await auditFor(auditId);
  rowOf(audit, rowId);
  await changeRow(auditId, rowId, (r) => ({ ...r, status: skip ? 'skipped' : r.result ? 'done' : 'pending' }));
}
