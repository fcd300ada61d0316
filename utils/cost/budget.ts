/** Daily and monthly spending limits: a warning at 80 %, a stop at the limit. */
import { formatUsd } from './format';
import { t } from '../shared/i18n';
import type { PeriodTotals } from './ledger';

export interface Budgets {
  /** USD per day, or null for no limit. */
  daily: number | null;
  monthly: number | null;
}

export const WARN_AT = 0.8;

export type BudgetState =
  | { level: 'ok' }
  | { level: 'warning' | 'over'; period: 'daily' | 'monthly'; spent: number; limit: number; message: string };

const PERIOD_WORDS = { daily: 'periodToday', monthly: 'periodThisMonth' } as const;
const BUDGET_WORDS = { daily: 'budgetDaily', monthly: 'budgetMonthly' } as const;

type Alert = Exclude<BudgetState, { level: 'ok' }>;

/** What one budget has to say: nothing without a limit (unset, or left at zero) or well under it. */
function check(period: 'daily' | 'monthly', spent: number, limit: number | null): Alert | undefined {
  const max = limit ?? 0;
  if (max <= 0) return undefined;
  const which = t(BUDGET_WORDS[period]);
  if (spent >= max) {
    return {
      level: 'over', period, spent, limit: max,
      message: t('budgetOver', formatUsd(spent), t(PERIOD_WORDS[period]), which, formatUsd(max)),
    };
  }
  if (spent >= max * WARN_AT) {
    const percent = Math.floor((spent / max) * 100);
    return { level: 'warning', period, spent, limit: max, message: t('budgetWarn', percent, which, formatUsd(spent), formatUsd(max)) };
  }
  return undefined;
}

/** The most pressing state of the two budgets: over beats warning, and daily beats monthly. */
export function budgetState(totals: PeriodTotals, budgets: Budgets): BudgetState {
  const alerts = [check('daily', totals.today.cost, budgets.daily), check('monthly', totals.month.cost, budgets.monthly)];
  return alerts.find((a) => a?.level === 'over') ?? alerts.find((a) => a?.level === 'warning') ?? { level: 'ok' };
}
