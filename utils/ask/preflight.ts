/** What must hold before a question may spend the user's money; each refusal says why, and nothing is sent. */
import { browser } from 'wxt/browser';
import { budgetState } from '../cost/budget';
import { answerLanguageOf } from './answer-language';
import { periodTotals, withUnsaved } from '../cost/ledger';
import { hostOfOrigin, keyFits, usableKey, type SavedKey } from '../api-key-origin';
import { presetOf } from '../profiles/presets';
import { settingsProblem, type Profile, type Settings } from '../settings';
import type { Connection } from '../vision/client';
import { ledgerItem, unsavedSpendItem } from '../storage';
import { t } from '../shared/i18n';
import type { TurnError } from './conversation';

/**
 * Usable settings and, where the profile's server needs one, a key saved for the server the
 * profile points at: checked before the picture is even prepared. Returns where to send and with
 * which key when all hold. A key is looked up by the profile's id (api-key-store.ts), so one
 * profile's key never goes to another's server; and it must still fit the profile's base URL.
 */
export function connectionProblem(settings: Settings, saved: SavedKey | null): { refusal: TurnError } | { connection: Connection } {
  const { profile } = settings;
  const preset = presetOf(profile.preset);
  const language = answerLanguageOf(settings.answerLanguage, browser.i18n.getUILanguage());
  // Chrome's own model takes no key and has no server: a key the profile kept from the kind of
  // server it was before is neither needed nor sent.
  if (preset.onDevice) {
    const problem = settingsProblem(settings);
    if (problem) return { refusal: { kind: 'settings', message: t('nothingSent', problem) } };
    return { connection: { baseUrl: profile.baseUrl, api: profile.api, preset: profile.preset, apiKey: null, language } };
  }
  const usable = usableKey(saved);
  if (!usable && preset.needsKey) return { refusal: { kind: 'no-key', message: t('errNoKey') } };
  const problem = settingsProblem(settings);
  if (problem) return { refusal: { kind: 'settings', message: t('nothingSent', problem) } };
  if (usable && !keyFits(usable.origin, profile.baseUrl)) {
    return { refusal: { kind: 'no-key', message: t('errKeyOtherServer', hostOfOrigin(usable.origin), new URL(profile.baseUrl).host) } };
  }
  return { connection: { baseUrl: profile.baseUrl, api: profile.api, preset: profile.preset, apiKey: usable ? usable.key : null, language } };
}

/**
 * The budgets: checked last, since a cached answer costs nothing and may still be given. Chrome's
 * own model costs nothing either, so a budget spent elsewhere does not stop it.
 */
export async function budgetProblem(
  settings: Pick<Settings, 'dailyBudget' | 'monthlyBudget'> & { profile?: Pick<Profile, 'preset'> },
): Promise<TurnError | null> {
  if (settings.profile && presetOf(settings.profile.preset).onDevice) return null;
  // No limit set (unset or zero): nothing to check, and the ledger, which grows with every answer,
  // is not read on the way to the request.
  if (!((settings.dailyBudget ?? 0) > 0) && !((settings.monthlyBudget ?? 0) > 0)) return null;
  // Spend kept aside while storage was full counts too: it was paid for.
  const [ledger, unsaved] = await Promise.all([ledgerItem.getValue(), unsavedSpendItem.getValue()]);
  const state = budgetState(periodTotals(withUnsaved(ledger, unsaved)), {
    daily: settings.dailyBudget,
    monthly: settings.monthlyBudget,
  });
  return state.level === 'over' ? { kind: 'budget', message: t('nothingSent', state.message) } : null;
}
