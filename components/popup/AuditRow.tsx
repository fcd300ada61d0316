import { useState } from 'preact/hooks';
import type { AuditRow as Row } from '../../utils/alt-text/audit-record';
import type { NeedReason } from '../../utils/shared/alt-text-types';
import { formatUsd } from '../../utils/cost/format';
import { t } from '../../utils/shared/i18n';
import { kindWord } from '../../utils/image/kind-words';
import { sendToBackground } from '../../utils/shared/messages';
import { LintNotes } from './LintNotes';

const REASON_WORDS = {
  missing: 'needMissing',
  suspicious: 'needSuspicious',
  'no-name': 'needNoName',
  'svg-no-title': 'needSvgNoTitle',
  'input-no-alt': 'needInputNoAlt',
  'area-no-alt': 'needAreaNoAlt',
  'object-no-name': 'needObjectNoName',
  redundant: 'needRedundant',
} as const satisfies Record<NeedReason, string>;

/**
 * Only a thumbnail the extension made: loading the picture's own address would tell its site when
 * and which rows the user looks at (and a private picture's, read a network the page may not reach).
 */
function Thumbnail({ thumbnail }: { thumbnail: string | undefined }) {
  if (!thumbnail?.startsWith('data:image/')) return <span class="placeholder" />;
  return <img src={thumbnail} alt="" />;
}

function Address({ row }: { row: Row }) {
  const { url, kind } = row.picture;
  if (url && /^https?:/.test(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" class="address">
        {url}
      </a>
    );
  }
  return <span class="address muted">{url && url.length < 120 ? url : t('auditNoAddress', kindWord(kind))}</span>;
}

function Suggestion({ row, auditId, number }: { row: Row; auditId: string; number: number }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(row.text ?? '');
  const [problem, setProblem] = useState('');
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));
  if (editing) {
    const id = `edit-row-${row.id}`;
    return (
      <form
        class="row-edit"
        onSubmit={(event) => {
          event.preventDefault();
          sendToBackground('auditEdit', { auditId, rowId: row.id, text: draft }).then(() => setEditing(false), report);
        }}
      >
        <label for={id} class="visually-hidden">{t('auditEditLabel', number)}</label>
        <textarea id={id} rows={2} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit">{t('auditSave')}</button>
        <button type="button" onClick={() => setEditing(false)}>{t('cancel')}</button>
        <p role="status" class="error">{problem}</p>
      </form>
    );
  }
  const startEdit = () => {
    setDraft(row.text ?? '');
    setEditing(true);
  };
  return (
    <>
      {row.status === 'pending' ? <span class="muted">{t('auditRowPending')}</span> : null}
      {row.status === 'running' ? <span class="muted" aria-busy="true">{t('auditRowRunning')}</span> : null}
      {row.status === 'error' ? <span class="error">{row.error}</span> : null}
      {row.status === 'skipped' ? <span class="muted">{t('auditSkipped')}</span> : null}
      {row.status === 'done' && row.result?.decorative && !row.text ? (
        <span>
          {t('altDecorativeSuggested')} {row.result.reason ? <span class="muted">{t('altWhy', row.result.reason)}</span> : null}
        </span>
      ) : null}
      {row.status === 'done' && row.text ? <span class="suggested">{row.text}</span> : null}
      {row.status === 'done' && row.result ? <LintNotes lint={row.result.lint} /> : null}
      {row.status === 'done' && row.result?.longDescription ? (
        <details class="long-description">
          <summary>{t('altLongDescription')}</summary>
          <p>{row.result.longDescription}</p>
        </details>
      ) : null}
      {row.status === 'done' ? (
        <span class="muted row-cost">
          {row.cached ? t('auditCached') : row.cost === null ? t('priceUnknown') : row.cost !== undefined ? formatUsd(row.cost) : ''}
          {row.detail === 'high' ? ` · ${t('highDetail')}` : ''}
        </span>
      ) : null}
      {row.applied ? <span class="muted">{t('altAppliedNote', row.applied.text || 'alt=""')}</span> : null}
      <span hidden={!problem} class="error" role="status">{problem}</span>
      <RowActions row={row} auditId={auditId} number={number} onEdit={startEdit} onProblem={report} />
    </>
  );
}

function RowActions({ row, auditId, number, onEdit, onProblem }: { row: Row; auditId: string; number: number; onEdit(): void; onProblem(error: unknown): void }) {
  const ask = <K extends 'auditApply' | 'auditUndo'>(type: K) => sendToBackground(type, { auditId, rowId: row.id }).catch(onProblem);
  const copy = () => navigator.clipboard.writeText(row.text ?? '').catch(onProblem);
  const skip = (value: boolean) => sendToBackground('auditSkip', { auditId, rowId: row.id, skip: value }).catch(onProblem);
  const named = (key: 'altCopy' | 'altApply' | 'altUndo' | 'auditEdit' | 'auditSkip' | 'auditUnskip' | 'altMarkDecorative') => t('auditRowAction', t(key), number);
  const ready = row.status === 'done' && row.text !== undefined;
  return (
    <span class="row-actions">
      {ready && row.text ? <button type="button" aria-label={named('altCopy')} onClick={() => void copy()}>{t('altCopy')}</button> : null}
      {ready && !row.applied ? (
        <button type="button" aria-label={named(row.text ? 'altApply' : 'altMarkDecorative')} onClick={() => void ask('auditApply')}>
          {row.text ? t('altApply') : t('altMarkDecorative')}
        </button>
      ) : null}
      {row.applied ? <button type="button" aria-label={named('altUndo')} onClick={() => void ask('auditUndo')}>{t('altUndo')}</button> : null}
      {row.status !== 'running' && row.status !== 'skipped' ? <button type="button" aria-label={named('auditEdit')} onClick={onEdit}>{t('auditEdit')}</button> : null}
      {row.status === 'skipped' ? (
        <button type="button" aria-label={named('auditUnskip')} onClick={() => void skip(false)}>{t('auditUnskip')}</button>
      ) : row.status !== 'running' && !row.applied ? (
        <button type="button" aria-label={named('auditSkip')} onClick={() => void skip(true)}>{t('auditSkip')}</button>
      ) : null}
    </span>
  );
}

/** One picture of the audit: thumbnail, address, current alt and why it needs one, the suggestion, actions. */
export function AuditRow({ row, auditId, number }: { row: Row; auditId: string; number: number }) {
  return (
    <tr>
      <td class="picture-cell">
        <Thumbnail thumbnail={row.thumbnail} />
        <span class="visually-hidden">{t('pictureNumber', number)}</span>
        <Address row={row} />
      </td>
      <td>
        {/* What the page has now: once applied, the alt written (the scan's alt stays in the record, for the export). */}
        {row.applied ? (
          <>
            <span>{row.applied.text ? `“${row.applied.text}” ` : 'alt="" '}</span>
            <span class="muted">{t('altGenerated')}</span>
          </>
        ) : (
          <>
            {row.picture.currentAlt ? <span>“{row.picture.currentAlt}” </span> : null}
            <span class="muted reason">{t(REASON_WORDS[row.picture.need.needs ? row.picture.need.reason : 'missing'])}</span>
          </>
        )}
      </td>
      <td>
        <Suggestion row={row} auditId={auditId} number={number} />
      </td>
    </tr>
  );
}
