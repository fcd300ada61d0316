import type { Turn } from '../../utils/ask/conversation';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { RetryButton } from './RetryButton';
import { PictureNotes } from './PictureNotes';
import { TurnProblem } from './TurnProblem';

function TurnCost({ conversationId, turn }: { conversationId: string; turn: Turn }) {
  if (turn.cached) {
    return (
      <p class="muted turn-cost">
        Cached: answered before, no cost.{' '}
        <RetryButton conversationId={conversationId} turnId={turn.id} reason="cache" label="Ask again" />
      </p>
    );
  }
  const estimate = turn.imageTokens != null ? `≈ ${formatTokens(turn.imageTokens)} image tokens estimated` : null;
  if (!turn.usage) return estimate && turn.status === 'streaming' ? <p class="muted turn-cost">{estimate}</p> : null;
  const approx = turn.usageEstimated ? '≈ ' : '';
  const cost = turn.cost === null || turn.cost === undefined ? 'price unknown' : `${approx}${formatUsd(turn.cost)}`;
  return (
    <p class="muted turn-cost">
      {approx}
      {formatTokens(turn.usage.input)} in · {approx}
      {formatTokens(turn.usage.output)} out · {cost}
      {turn.usageEstimated ? ' (estimated: the server sent no count)' : estimate ? ` (${estimate})` : ''}
    </p>
  );
}

/** One question and its answer, with how it ended and what it cost. */
export function TurnView({ conversationId, turn }: { conversationId: string; turn: Turn }) {
  return (
    <article class="turn" aria-label={`Question: ${turn.question}`}>
      <p class="question">
        <span class="visually-hidden">You asked: </span>
        {turn.question}
        {turn.detail !== 'auto' ? <span class="muted"> ({turn.detail} detail)</span> : null}
      </p>
      <PictureNotes turn={turn} />
      {turn.answer ? <div class="answer">{turn.answer}</div> : null}
      {turn.status === 'streaming' ? (
        <p class="muted working">{turn.answer ? 'Still writing…' : 'Asking…'}</p>
      ) : null}
      <TurnProblem conversationId={conversationId} turn={turn} />
      <TurnCost conversationId={conversationId} turn={turn} />
    </article>
  );
}
