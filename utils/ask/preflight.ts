/** What must hold before a question may spend the user's money; each refusal says why, and nothing is sent. */
import { budgetState } from '../cost/budget';
import { periodTotals, withUnsaved } from '../cost/ledger';
import { hostOfOrigin, keyFits, type SavedKey } from '../api-key-origin';
import { settingsProblem, type Settings } from '../settings';
import { ledgerItem, unsavedSpendItem } from '../storage';
import { t } from '../i18n';
import type { TurnError } from './conversation';

/**
 * A key, usable settings, and a key saved for the server the settings point at: checked before
 * the picture is even prepared. Returns the key to send when all hold.
 */
export function connectionProblem(settings: Settings, saved: SavedKey | null): { refusal: TurnError } | { apiKey: string } {
  // A key bound to no server (saved while the base URL was not an address) must be saved again.
  if (!saved?.key.trim() || !saved.origin) return { refusal: { kind: 'no-key', message: t('errNoKey') } };
  const problem = settingsProblem(settings);
  if (problem) return { refusal: { kind: 'settings', message: t('nothingSent', problem) } };
  if (!keyFits(saved.origin, settings.baseUrl)) {
    return { refusal: { kind: 'no-key', message: t('errKeyOtherServer', hostOfOrigin(saved.origin), new URL(settings.baseUrl).host) } };
  }
  return { apiKey: saved.key };
}

/** The budgets: checked last, since a cached answer costs nothing and may still be given. */
export async function budgetProblem(settings: Settings): Promise<TurnError | null> {
  // Spend kept aside while storage was full counts too: it was paid for.
  const [ledger, unsaved] = await Promise.all([ledgerItem.getValue(), unsavedSpendItem.getValue()]);
  const state = budgetState(periodTotals(withUnsaved(ledger, unsaved)), {
    daily: settings.dailyBudget,
    monthly: settings.monthlyBudget,
  });
  return state.level === 'over' ? { kind: 'budget', message: t('nothingSent', state.message) } : null;
}
