import { errorWords } from '../../utils/error-words';
import { useState } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';

/** Starts an audit of the page the user is looking at; used here and in the empty popup. */
export function AuditButton({ onProblem }: { onProblem(message: string): void }) {
  const [busy, setBusy] = useState(false);
  const scan = () => {
    setBusy(true);
    onProblem('');
    sendToBackground('auditPage', undefined)
      .catch((error: unknown) => onProblem(errorWords(error)))
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" onClick={scan} disabled={busy} aria-busy={busy}>
      {t('auditButton')}
    </button>
  );
}
