import { budgetState } from '../../utils/cost/budget';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { periodTotals, totalsOf, type LedgerEntry, type SpendTotals } from '../../utils/cost/ledger';
import type { Settings } from '../../utils/settings';

function dollars(totals: SpendTotals): string {
  if (totals.requests > 0 && totals.unpriced === totals.requests) return 'price unknown';
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
      <h2 id="spend-title">Token spend</h2>
      <table>
        <thead>
          <tr>
            <td />
            <th scope="col">Tokens in</th>
            <th scope="col">Tokens out</th>
            <th scope="col">Cost (USD)</th>
          </tr>
        </thead>
        <tbody>
          {here ? <Row label="This conversation" totals={here} /> : null}
          <Row label="Today" totals={periods.today} />
          <Row label="This month" totals={periods.month} />
          <Row label="All time" totals={periods.all} />
        </tbody>
      </table>
      {periods.all.unpriced > 0 ? (
        <p class="muted">
          Some requests have no price: price unknown —{' '}
          <a href="options.html#prices" target="_blank" rel="noopener noreferrer">set it in the options</a>.
        </p>
      ) : null}
      {periods.all.estimated > 0 ? <p class="muted">≈ marks totals that include estimates of answers cut off before the server counted them.</p> : null}
      <p role="status" class={budget.level === 'over' ? 'error' : 'warning'}>
        {budget.level === 'ok' ? '' : budget.message}
      </p>
    </section>
  );
}
