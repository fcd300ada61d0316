import { totalsOf, type LedgerEntry, type SpendTotals } from '../../utils/cost/ledger';
import { formatTokens, formatUsd } from '../../utils/cost/format';

function Row({ label, totals }: { label: string; totals: SpendTotals }) {
  const dollars =
    totals.unpriced > 0 && totals.unpriced === totals.requests
      ? 'price unknown'
      : `${formatUsd(totals.cost)}${totals.unpriced > 0 ? ' + unpriced' : ''}`;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatTokens(totals.input)}</td>
      <td>{formatTokens(totals.output)}</td>
      <td>{dollars}</td>
    </tr>
  );
}

/** Tokens in and out, and dollars, for this conversation and for everything asked so far. */
export function SpendMeter({ conversationId, ledger }: { conversationId: string | null; ledger: readonly LedgerEntry[] }) {
  const all = totalsOf(ledger);
  const here = conversationId ? totalsOf(ledger.filter((e) => e.conversationId === conversationId)) : null;
  return (
    <section class="spend" aria-label="Token spend">
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
          <Row label="In total" totals={all} />
        </tbody>
      </table>
    </section>
  );
}
