import { parseCustomActions } from '../../utils/ask/quick-actions';
import type { GlobalSettings, Profile } from '../../utils/settings';

/** The options form's fields that are kept as typed until "Save". */
export interface TypedFields {
  daily: string;
  monthly: string;
  altLimit: string;
  actions: string;
}

/** Money as typed: empty means no limit. */
function parseBudget(text: string): number | null {
  return text.trim() === '' ? null : Number(text.replace(',', '.'));
}

/** The form as it is saved: the profile's words trimmed (and the base URL without a trailing slash), the typed fields read. */
export function cleanedForm(profile: Profile, settings: GlobalSettings, typed: TypedFields): { profile: Profile; settings: GlobalSettings } {
  return {
    profile: { ...profile, name: profile.name.trim(), baseUrl: profile.baseUrl.trim().replace(/\/+$/, ''), model: profile.model.trim() },
    settings: {
      ...settings,
      dailyBudget: parseBudget(typed.daily),
      monthlyBudget: parseBudget(typed.monthly),
      customActions: parseCustomActions(typed.actions),
      altTextLimit: Number(typed.altLimit.trim()),
    },
  };
}
