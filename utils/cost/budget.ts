/** Daily and monthly spending limits: a warning at 80 %, a stop at the limit. */
import { formatUsd } from './format';
import { t } from '../i18n';
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

function check(period: 'daily' | 'monthly', spent: number, limit: number | null): BudgetState {
  if (limit === null || limit <= 0) return { level: 'ok' };
  const which = t(BUDGET_WORDS[period]);
  if (spent >= limit) {
    return {
      level: 'over', period, spent, limit,
      message: t('budgetOver', formatUsd(spent), t(PERIOD_WORDS[period]), which, formatUsd(limit)),
    };
  }
  if (spent >= limit * WARN_AT) {
    const percent = Math.floor((spent / limit) * 100);
    return { level: 'warning', period, spent, limit, message: t('budgetWarn', percent, which, formatUsd(spent), formatUsd(limit)) };
  }
  return { level: 'ok' };
}

/** The most pressing state of the two budgets: over beats warning, and daily beats monthly. */
export function budgetState(totals: PeriodTotals, budgets: Budgets): BudgetState {
  const states = [check('daily', totals.today.cost, budgets.daily), check('monthly', totals.month.cost, budgets.monthly)];
  return states.find((s) => s.level === 'over') ?? states.find((s) => s.level === 'warning') ?? { level: 'ok' };
}
