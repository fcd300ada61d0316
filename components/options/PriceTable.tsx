import { useState } from 'preact/hooks';
import { modelFamilyName } from '../../utils/cost/model-name';
import { DEFAULT_PRICES, priceTable, type Price } from '../../utils/cost/prices';
import { savePriceOverrides } from '../../utils/profiles/price-overrides-store';
import { t } from '../../utils/shared/i18n';
import { StatusLine, type Status } from './StatusLine';

type Row = { model: string; input: string; cachedInput: string; output: string };
const FIELDS = [
  ['input', 'optPriceInput'],
  ['cachedInput', 'optPriceCached'],
  ['output', 'optPriceOutput'],
] as const;

const toRow = (model: string, p: Price): Row => ({ model, input: String(p.input), cachedInput: String(p.cachedInput), output: String(p.output) });
const same = (a: Price, b: Price | undefined) => !!b && a.input === b.input && a.cachedInput === b.cachedInput && a.output === b.output;

/**
 * Dollars per million tokens for each model at one profile's server, editable; what differs from
 * the built-in table is kept, for that profile only.
 */
export function PriceTable({ profileId, overrides }: { profileId: string; overrides: Record<string, Price> }) {
  const [rows, setRows] = useState<Row[]>(() => Object.entries(priceTable(overrides)).map(([m, p]) => toRow(m, p)));
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  const edit = (index: number, key: keyof Row, value: string) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));

  const save = async (event: Event) => {
    event.preventDefault();
    const next: Record<string, Price> = {};
    for (const row of rows) {
      if (!row.model.trim()) continue;
      const price = { input: Number(row.input), cachedInput: Number(row.cachedInput || row.input), output: Number(row.output) };
      if (!Object.values(price).every((n) => Number.isFinite(n) && n >= 0) || row.input.trim() === '' || row.output.trim() === '') {
        setStatus({ kind: 'error', text: t('optPriceInvalid', row.model) });
        return;
      }
      const family = modelFamilyName(row.model);
      if (!same(price, DEFAULT_PRICES[family])) next[family] = price;
    }
    try {
      // Other profiles' prices are read afresh and kept as they are.
      await savePriceOverrides(profileId, next);
      setStatus({ kind: 'saved', text: t('optPricesSaved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optCouldNotSave', String(error)) });
    }
  };

  return (
    <form onSubmit={save} id="prices">
      <table class="prices">
        <caption>{t('optPerMillion')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('optModel')}</th>
            {FIELDS.map(([, label]) => (
              <th scope="col" key={label}>{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input aria-label={t('optModelNumber', i + 1)} value={row.model} onInput={(e) => edit(i, 'model', e.currentTarget.value)} />
              </td>
              {FIELDS.map(([key, label]) => (
                <td key={key}>
                  <input aria-label={t('optPriceFor', t(label), row.model || t('optModelNumber', i + 1))} inputMode="decimal" value={row[key]} onInput={(e) => edit(i, key, e.currentTarget.value)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows([...rows, { model: '', input: '', cachedInput: '', output: '' }])}>
        {t('optAddModel')}
      </button>{' '}
      <button type="submit" class="primary">{t('optSavePrices')}</button>
      <StatusLine status={status} />
    </form>
  );
}
