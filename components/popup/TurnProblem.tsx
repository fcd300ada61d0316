import type { Turn } from '../../utils/ask/conversation';
import { t } from '../../utils/shared/i18n';
import { RetryButton } from './RetryButton';

/** Why an answer is missing or incomplete, and what to do about it. */
export function TurnProblem({ conversationId, turn }: { conversationId: string; turn: Turn }) {
  if (turn.status === 'stopped') return <p class="muted note">{t('stopped')} {turn.answer ? t('whatArrivedIsKept') : ''}</p>;
  if (turn.status === 'cut') return <p class="warning note">{turn.note}</p>;
  if (turn.status !== 'error' || !turn.error) return null;
  const needsOptions = turn.error.kind === 'no-key' || turn.error.kind === 'settings';
  return (
    <div class="error note">
      <p>{turn.error.message}</p>
      {needsOptions ? (
        <p>
          <a href="options.html" target="_blank" rel="noopener noreferrer">
            {t('openOptions')}
          </a>
        </p>
      ) : null}
      {turn.error.kind === 'private-picture' ? (
        <RetryButton conversationId={conversationId} turnId={turn.id} reason="private" label={t('readPrivateAnyway')} />
      ) : null}
      {turn.error.kind === 'budget' ? (
        <RetryButton conversationId={conversationId} turnId={turn.id} reason="budget" label={t('askAnyway')} />
      ) : null}
    </div>
  );
}
