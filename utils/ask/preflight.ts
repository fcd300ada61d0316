/** What must hold before a question may spend the user's money; each refusal says why, and nothing is sent. */
import { budgetState } from '../cost/budget';
import { periodTotals } from '../cost/ledger';
import { settingsProblem, type Settings } from '../settings';
import { ledgerItem } from '../storage';
import type { TurnError } from './conversation';

export const NO_KEY_MESSAGE = 'Add your API key in the options to ask about pictures. Nothing was sent.';

export async function preflight(
  settings: Settings,
  apiKey: string,
  options: { ignoreBudget?: boolean },
): Promise<TurnError | null> {
  if (!apiKey.trim()) return { kind: 'no-key', message: NO_KEY_MESSAGE };
  const problem = settingsProblem(settings);
  if (problem) return { kind: 'settings', message: `${problem} Nothing was sent.` };
  if (!options.ignoreBudget) {
    const state = budgetState(periodTotals(await ledgerItem.getValue()), {
      daily: settings.dailyBudget,
      monthly: settings.monthlyBudget,
    });
    if (state.level === 'over') return { kind: 'budget', message: `${state.message} Nothing was sent.` };
  }
  return null;
}
