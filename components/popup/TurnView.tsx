import type { Turn } from '../../utils/ask/conversation';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { TurnProblem } from './TurnProblem';

/** One question and its answer, with how it ended and what it cost. */
export function TurnView({ turn }: { turn: Turn }) {
  return (
    <article class="turn" aria-label={`Question: ${turn.question}`}>
      <p class="question">
        <span class="visually-hidden">You asked: </span>
        {turn.question}
      </p>
      {turn.answer ? <div class="answer">{turn.answer}</div> : null}
      {turn.status === 'streaming' ? (
        <p class="muted working">{turn.answer ? 'Still writing…' : 'Asking…'}</p>
      ) : null}
      <TurnProblem turn={turn} />
      {turn.usage ? (
        <p class="muted turn-cost">
          {formatTokens(turn.usage.input)} in · {formatTokens(turn.usage.output)} out
          {turn.cost === null || turn.cost === undefined ? ' · price unknown' : ` · ${formatUsd(turn.cost)}`}
        </p>
      ) : null}
    </article>
  );
}
