import { budgetState } from '../../utils/cost/budget';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { periodTotals, totalsOf, type LedgerEntry, type SpendTotals } from '../../utils/cost/ledger';
import { t } from '../../utils/i18n';
import type { Settings } from '../../utils/settings';

function dollars(totals: SpendTotals): string {
  if (totals.requests > 0 && totals.unpriced === totals.requests) return t('priceUnknown');
  const text = formatUsd(totals.cost);
  return totals.estimated > 0 ? `≈ ${text}` : text;
}

function Row({ label, totals }: { label: string; totals: SpendTotals }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatTokens(totals.input)}</td>
      <td>{formatTokens(totals.output)}</td>
      <td>{dollars(totals)}</td>
    </tr>
  );
}

/** Tokens in and out, and dollars: this conversation, today, this month, all time. */
export function SpendMeter({
  conversationId,
  ledger,
  settings,
}: {
  conversationId: string | null;
  ledger: readonly LedgerEntry[];
  settings: Settings;
}) {
  const periods = periodTotals(ledger);
  const here = conversationId ? totalsOf(ledger.filter((e) => e.conversationId === conversationId)) : null;
  const budget = budgetState(periods, { daily: settings.dailyBudget, monthly: settings.monthlyBudget });
  return (
    <section class="spend" aria-labelledby="spend-title">
      <h2 id="spend-title">{t('tokenSpend')}</h2>
      <table>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('tokensIn')}</th>
            <th scope="col">{t('tokensOut')}</th>
            <th scope="col">{t('costUsd')}</th>
          </tr>
        </thead>
        <tbody>
          {here ? <Row label={t('thisConversation')} totals={here} /> : null}
          <Row label={t('today')} totals={periods.today} />
          <Row label={t('thisMonth')} totals={periods.month} />
          <Row label={t('allTime')} totals={periods.all} />
        </tbody>
      </table>
      {periods.all.unpriced > 0 ? (
        <p class="muted">
          {t('someUnpriced')}{' '}
          <a href="options.html#prices" target="_blank" rel="noopener noreferrer">{t('setItInOptions')}</a>.
        </p>
      ) : null}
      {periods.all.estimated > 0 ? <p class="muted">{t('estimatesExplained')}</p> : null}
      <p role="status" class={budget.level === 'over' ? 'error' : 'warning'}>
        {budget.level === 'ok' ? '' : budget.message}
      </p>
    </section>
  );
}
