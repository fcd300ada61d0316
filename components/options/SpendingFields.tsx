import { t } from '../../utils/shared/i18n';
import { Field } from './Field';

/** The budgets (as typed: empty means no limit) and the toolbar's spend badge. */
export function SpendingFields(props: {
  daily: string;
  monthly: string;
  spendBadge: boolean;
  onDaily(text: string): void;
  onMonthly(text: string): void;
  onSpendBadge(on: boolean): void;
}) {
  return (
    <fieldset>
      <legend>{t('optSpending')}</legend>
      <Field id="daily-budget" label={t('optDaily')} hint={t('optDailyHint')}>
        <input id="daily-budget" aria-describedby="daily-budget-hint" type="text" inputMode="decimal" value={props.daily} onInput={(e) => props.onDaily(e.currentTarget.value)} />
      </Field>
      <Field id="monthly-budget" label={t('optMonthly')}>
        <input id="monthly-budget" type="text" inputMode="decimal" value={props.monthly} onInput={(e) => props.onMonthly(e.currentTarget.value)} />
      </Field>
      <div class="field checkbox">
        <input id="spend-badge" type="checkbox" checked={props.spendBadge} onChange={(e) => props.onSpendBadge(e.currentTarget.checked)} />
        <label for="spend-badge">{t('optSpendBadge')}</label>
      </div>
    </fieldset>
  );
}
