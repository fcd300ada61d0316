import { useState } from 'preact/hooks';
import { sendToBackground, type RetryReason } from '../../utils/shared/messages';

/** Answers a turn again: past the budget ("Ask anyway"), afresh past the cache ("Ask again"), or reading a private picture ("Read it anyway"). */
export function RetryButton({
  conversationId,
  turnId,
  reason,
  label,
}: {
  conversationId: string;
  turnId: string;
  reason: RetryReason;
  label: string;
}) {
  const [problem, setProblem] = useState('');
  const retry = () => {
    setProblem('');
    sendToBackground('retry', { conversationId, turnId, reason }).catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : String(error)),
    );
  };
  return (
    <span class="retry">
      <button type="button" onClick={retry}>
        {label}
      </button>
      {problem ? <span class="error"> {problem}</span> : null}
    </span>
  );
}
