import type { Turn } from '../../utils/ask/conversation';
import { formatPercent, formatTokens, formatUsd } from '../../utils/cost/format';
import { t } from '../../utils/shared/i18n';
import { AltTextCard } from './AltTextCard';
import { AnswerText } from './AnswerText';
import { PictureNotes } from './PictureNotes';
import { RetryButton } from './RetryButton';
import { TurnActions } from './TurnActions';
import { TurnProblem } from './TurnProblem';

function TurnCost({ conversationId, turn }: { conversationId: string; turn: Turn }) {
  if (turn.cached) {
    return (
      <p class="muted turn-cost">
        {t('cachedNoCost')} <RetryButton conversationId={conversationId} turnId={turn.id} reason="again" label={t('askAgain')} />
      </p>
    );
  }
  const estimate = turn.imageTokens != null ? t('imageTokensEstimated', formatTokens(turn.imageTokens)) : null;
  if (!turn.usage) return estimate && turn.status === 'streaming' ? <p class="muted turn-cost">{estimate}</p> : null;
  const approx = turn.usageEstimated ? '≈ ' : '';
  const cost = turn.cost === null || turn.cost === undefined ? t('priceUnknown') : `${approx}${formatUsd(turn.cost)}`;
  return (
    <p class="muted turn-cost">
      {approx}
      {t('tokensInOut', formatTokens(turn.usage.input), formatTokens(turn.usage.output))} · {cost}
      {turn.usageEstimated ? ` (${t('usageEstimated')})` : estimate ? ` (${estimate})` : ''}
      {/* The on-device model costs nothing; what it has left to remember is what runs out. */}
      {turn.context ? ` · ${t('contextUsage', formatTokens(turn.context.used), formatTokens(turn.context.window))}` : ''}
    </p>
  );
}

/** What a turn still being answered is doing: waiting for Chrome's model download, asking, or writing. */
function workingWords(turn: Turn): string {
  if (turn.downloading !== undefined && !turn.answer) return t('turnDownloading', formatPercent(turn.downloading));
  if (turn.altText) return t('altWriting');
  return turn.answer ? t('stillWriting') : t('asking');
}

/** One question and its answer, with how it ended, what it cost, and what can be done with it. */
export function TurnView(props: { conversationId: string; turn: Turn; previous: Turn | undefined; busy: boolean; canApply: boolean; showProvider: boolean }) {
  const { conversationId, turn, previous, busy, canApply, showProvider } = props;
  return (
    <article class="turn" aria-label={t('questionNamed', turn.question)}>
      <p class="question">
        <span class="visually-hidden">{t('youAsked')} </span>
        {turn.question}
        {turn.detail !== 'auto' ? <span class="muted"> ({t(turn.detail === 'low' ? 'lowDetail' : 'highDetail')})</span> : null}
      </p>
      <PictureNotes turn={turn} previous={previous} />
      {turn.altText ? (
        <AltTextCard conversationId={conversationId} turnId={turn.id} altText={turn.altText} canApply={canApply} />
      ) : turn.answer ? (
        <AnswerText text={turn.answer} />
      ) : null}
      {turn.status === 'streaming' ? <p class="muted working">{workingWords(turn)}</p> : null}
      <TurnProblem conversationId={conversationId} turn={turn} />
      <TurnCost conversationId={conversationId} turn={turn} />
      {/* Which profile (and model) the turn was asked of, once the user has more than one to choose from. */}
      {showProvider && turn.profileName ? <p class="muted turn-provider">{t('turnProvider', turn.profileName, turn.model)}</p> : null}
      {turn.status !== 'streaming' ? <TurnActions conversationId={conversationId} turn={turn} busy={busy} /> : null}
    </article>
  );
}
