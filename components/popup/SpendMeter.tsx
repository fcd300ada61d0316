import { budgetState } from '../../utils/cost/budget';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { conversationTotals, periodTotals, type Ledger, type SpendTotals } from '../../utils/cost/ledger';
import { t } from '../../utils/shared/i18n';
import type { Settings } from '../../utils/settings';
import { useMediaQuery } from './useMediaQuery';

function dollars(totals: SpendTotals): string {
  if (totals.requests > 0 && totals.unpriced === totals.requests) return t('priceUnknown');
  const text = formatUsd(totals.cost);
  return totals.estimated > 0 ? `≈ ${text}` : text;
}

function Row({ label, totals, narrow }: { label: string; totals: SpendTotals; narrow: boolean }) {
  const cells = (
    <>
      <td>{formatTokens(totals.input)}</td>
      <td>{formatTokens(totals.output)}</td>
      <td>{dollars(totals)}</td>
    </>
  );
  // Narrow (a zoomed popup): the period's name on a line of its own above its three numbers, so
  // neither a word nor a number has to be broken to fit.
  if (narrow) {
    return (
      <tbody>
        <tr>
          <th scope="rowgroup" colSpan={3}>{label}</th>
        </tr>
        <tr>{cells}</tr>
      </tbody>
    );
  }
  return (
    <tr>
      <th scope="row">{label}</th>
      {cells}
    </tr>
  );
}

/**
 * Tokens in and out, and dollars: this conversation, today, this month, all time. Shown as one line
 * (this conversation's dollars and today's), the table under it.
 */
export function SpendMeter({
  conversationId,
  ledger,
  settings,
}: {
  conversationId: string | null;
  ledger: Ledger;
  settings: Settings;
}) {
  const periods = periodTotals(ledger);
  const here = conversationId ? conversationTotals(ledger, conversationId) : null;
  const budget = budgetState(periods, { daily: settings.dailyBudget, monthly: settings.monthlyBudget });
  // 420 px at 200 % zoom leaves 210: four columns do not fit there.
  const narrow = useMediaQuery('(max-width: 320px)');
  const rows = [
    ...(here ? [{ label: t('thisConversation'), totals: here }] : []),
    { label: t('today'), totals: periods.today },
    { label: t('thisMonth'), totals: periods.month },
    { label: t('allTime'), totals: periods.all },
  ].map(({ label, totals }) => <Row key={label} label={label} totals={totals} narrow={narrow} />);
  const summary = here ? t('spendLine', dollars(here), dollars(periods.today)) : t('spendLineToday', dollars(periods.today));
  return (
    <section class={narrow ? 'spend narrow' : 'spend'} aria-labelledby="spend-title">
      {/* One line by default, the answer needs the height; the whole table is one click away, and
          stays in the section's text for screen readers and the contract's figures. */}
      <details>
        <summary>
          {/* The section's name is the contract's "Token spend"; the line reads on with a pause. */}
          <span id="spend-title" class="visually-hidden">{t('tokenSpend')}</span>
          <span class="visually-hidden">{t('spendLinePause')}</span>
          {summary}
        </summary>
        <table>
          <thead>
            <tr>
              {narrow ? null : <td />}
              <th scope="col">{t('tokensIn')}</th>
              <th scope="col">{t('tokensOut')}</th>
              <th scope="col">{t('costUsd')}</th>
            </tr>
          </thead>
          {narrow ? rows : <tbody>{rows}</tbody>}
        </table>
        {periods.all.estimated > 0 ? <p class="muted">{t('estimatesExplained')}</p> : null}
      </details>
      {/* Said outside the table: a price to set is something to do, not a figure to look up. */}
      {periods.all.unpriced > 0 ? (
        <p class="muted">
          {t('someUnpriced')}{' '}
          <a href="options.html#prices" target="_blank" rel="noopener noreferrer">{t('setItInOptions')}</a>.
        </p>
      ) : null}
      <p role="status" class={budget.level === 'over' ? 'error' : 'warning'}>
        {budget.level === 'ok' ? '' : budget.message}
      </p>
    </section>
  );
}
