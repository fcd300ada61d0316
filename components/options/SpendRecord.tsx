import { useState } from 'preact/hooks';
import { ledgerToCsv } from '../../utils/cost/csv';
import { formatUsd } from '../../utils/cost/format';
import { periodTotals, type Ledger } from '../../utils/cost/ledger';
import { sendToBackground } from '../../utils/shared/messages';
import { plural, t } from '../../utils/shared/i18n';
import { StatusLine, type Status } from './StatusLine';

/** The recorded spend: how much there is, a CSV of it, and a reset that asks first. */
export function SpendRecord({ ledger }: { ledger: Ledger }) {
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  const totals = periodTotals(ledger).all;

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([ledgerToCsv(ledger)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `spend-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    // The download has its own copy once it has started.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const reset = async () => {
    try {
      await sendToBackground('resetSpend', undefined);
      setConfirming(false);
      setStatus({ kind: 'saved', text: t('optResetDone') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optCouldNotReset', error instanceof Error ? error.message : String(error)) });
    }
  };

  return (
    <div>
      <p>
        {plural('optRequests', totals.requests, formatUsd(totals.cost))}
      </p>
      {/* Said only once there are such months, so that their rows in the CSV are not a surprise. */}
      {ledger.months.length > 0 ? <p class="muted">{t('optSpendFolded')}</p> : null}
      <button type="button" onClick={exportCsv}>{t('optExportCsv')}</button>{' '}
      {confirming ? (
        <span role="group" aria-label={t('optConfirmReset')}>
          {t('optResetQuestion')}{' '}
          <button type="button" class="danger" onClick={reset}>{t('delete')}</button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>{t('optResetSpend')}</button>
      )}
      <StatusLine status={status} />
    </div>
  );
}
