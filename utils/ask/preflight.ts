/** What must hold before a question may spend the user's money; each refusal says why, and nothing is sent. */
import { budgetState } from '../cost/budget';
import { periodTotals } from '../cost/ledger';
import { settingsProblem, type Settings } from '../settings';
import { ledgerItem } from '../storage';
import { t } from '../i18n';
import type { TurnError } from './conversation';

/** A key and usable settings: checked before the picture is even prepared. */
export function connectionProblem(settings: Settings, apiKey: string): TurnError | null {
  if (!apiKey.trim()) return { kind: 'no-key', message: t('errNoKey') };
  const problem = settingsProblem(settings);
  return problem ? { kind: 'settings', message: t('nothingSent', problem) } : null;
}

/** The budgets: checked last, since a cached answer costs nothing and may still be given. */
export async function budgetProblem(settings: Settings): Promise<TurnError | null> {
  const state = budgetState(periodTotals(await ledgerItem.getValue()), {
    daily: settings.dailyBudget,
    monthly: settings.monthlyBudget,
  });
  return state.level === 'over' ? { kind: 'budget', message: t('nothingSent', state.message) } : null;
}
