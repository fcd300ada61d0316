import { useState } from 'preact/hooks';
import { ledgerToCsv } from '../../utils/cost/csv';
import { formatUsd } from '../../utils/cost/format';
import { totalsOf, type LedgerEntry } from '../../utils/cost/ledger';
import { sendToBackground } from '../../utils/messages';
import { StatusLine, type Status } from './StatusLine';

/** The recorded spend: how much there is, a CSV of it, and a reset that asks first. */
export function SpendRecord({ ledger }: { ledger: readonly LedgerEntry[] }) {
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  const totals = totalsOf(ledger);

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
      setStatus({ kind: 'saved', text: 'The spend record is empty.' });
    } catch (error) {
      setStatus({ kind: 'error', text: `Could not reset: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div>
      <p>
        {totals.requests === 1 ? '1 request' : `${totals.requests} requests`} recorded, {formatUsd(totals.cost)} in all.
      </p>
      <button type="button" onClick={exportCsv}>Export CSV</button>{' '}
      {confirming ? (
        <span role="group" aria-label="Confirm reset">
          Delete the whole spend record? This cannot be undone.{' '}
          <button type="button" class="danger" onClick={reset}>Delete</button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>Reset spend…</button>
      )}
      <StatusLine status={status} />
    </div>
  );
}
