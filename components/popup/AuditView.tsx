import { useState } from 'preact/hooks';
import { auditSpent, auditToCsv, auditToJson, estimateAudit, type Audit } from '../../utils/alt-text/audit-record';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import type { Price } from '../../utils/cost/prices';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import type { Settings } from '../../utils/settings';
import { AuditButton } from './AuditButton';
import { AuditTable } from './AuditTable';
import { DecorativeList } from './DecorativeList';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function fileName(audit: Audit, extension: string): string {
  const host = (() => {
    try {
      return new URL(audit.pageUrl).hostname || 'page';
    } catch {
      // Not a web address (a file, say): a neutral name does.
      return 'page';
    }
  })();
  return `alt-text-${host}-${new Date(audit.createdAt).toISOString().slice(0, 10)}.${extension}`;
}

function RunLine({ audit }: { audit: Audit }) {
  const spent = auditSpent(audit);
  const finished = audit.rows.filter((row) => row.status === 'done' || row.status === 'error').length;
  const total = audit.rows.filter((row) => row.status !== 'skipped').length;
  const { state, message } = audit.run;
  return (
    <div class="audit-run">
      {state === 'running' ? (
        <>
          <label for="audit-progress">{t('auditProgressLabel')}</label>
          <progress id="audit-progress" max={Math.max(total, 1)} value={finished} />
        </>
      ) : null}
      {state !== 'idle' ? (
        <p role="status">
          {t('auditProgress', finished, total, formatUsd(spent.cost))}
          {state === 'done' ? ` ${t('auditDone')}` : ''}
          {state === 'cancelled' ? ` ${t('auditCancelled')}` : ''}
        </p>
      ) : null}
      {message ? <p role="alert" class={state === 'budget' || state === 'refused' ? 'error' : 'warning'}>{message}</p> : null}
    </div>
  );
}

/**
 * The page audit: every picture of a page that needs alt text, with the cost known before anything
 * is sent; "Describe all" with progress and Cancel; per row copy, apply, edit, skip; "Apply all";
 * and the export as CSV or JSON. Pictures marked decorative are listed apart, for review.
 */
export function AuditView({ audit, settings, price }: { audit: Audit | null; settings: Settings; price: Price | undefined }) {
  const [problem, setProblem] = useState('');
  const [note, setNote] = useState('');
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));
  if (!audit) {
    return (
      <section class="audit" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('auditHeading')}</h2>
        <p>{t('auditIntro')}</p>
        <AuditButton onProblem={setProblem} />
        <p role="status" class="error">{problem}</p>
      </section>
    );
  }
  const estimate = estimateAudit(audit, settings, price);
  const running = audit.run.state === 'running';
  const anyReady = audit.rows.some((row) => row.status === 'done' && !row.applied && row.text);
  const applyAll = () => {
    setNote('');
    sendToBackground('auditApplyAll', { auditId: audit.id }).then(({ applied, waiting }) => setNote(t('auditAppliedAll', applied, waiting)), report);
  };
  return (
    <section class="audit" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('auditHeading')}</h2>
      <p>
        {audit.rows.length > 0 ? plural('auditSummary', audit.rows.length, audit.pageTitle || audit.pageUrl) : t('auditNothing', audit.pageTitle || audit.pageUrl)}
      </p>
      <p class="muted">{plural('auditScanned', audit.examined, Math.round(audit.scanMs))}</p>
      {estimate.pictures > 0 ? (
        <p class="estimate" id="audit-estimate">
          {plural('auditEstimate', estimate.pictures, formatTokens(estimate.input), formatTokens(estimate.output), estimate.cost === null ? t('priceUnknown') : `≈ ${formatUsd(estimate.cost)}`, audit.detail)}
          {estimate.unknown > 0 ? ` ${plural('auditEstimateUnknown', estimate.unknown)}` : ''}
        </p>
      ) : null}
      <div class="row audit-actions">
        {running ? (
          <button type="button" onClick={() => sendToBackground('auditCancel', undefined).catch(report)}>{t('cancel')}</button>
        ) : estimate.pictures > 0 ? (
          <button type="button" class="primary" aria-describedby="audit-estimate" onClick={() => sendToBackground('auditDescribeAll', undefined).catch(report)}>
            {t('auditDescribeAll')}
          </button>
        ) : null}
        {anyReady && !running ? <button type="button" onClick={applyAll}>{t('auditApplyAll')}</button> : null}
        {audit.rows.length > 0 ? (
          <>
            <button type="button" onClick={() => download(fileName(audit, 'csv'), 'text/csv', auditToCsv(audit))}>{t('auditExportCsv')}</button>
            <button type="button" onClick={() => download(fileName(audit, 'json'), 'application/json', auditToJson(audit))}>{t('auditExportJson')}</button>
          </>
        ) : null}
        <AuditButton onProblem={setProblem} />
      </div>
      <RunLine audit={audit} />
      {note ? <p role="status">{note}</p> : null}
      <p role="status" class="error">{problem}</p>
      {audit.rows.length > 0 ? <AuditTable audit={audit} /> : null}
      {audit.decorative.length > 0 ? <DecorativeList pictures={audit.decorative} /> : null}
    </section>
  );
}
