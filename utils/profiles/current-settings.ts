/** The settings a question is asked with now, read from storage (settings.ts resolves them). */
import { resolveSettings, type Settings } from '../settings';
import { settingsItem } from '../storage';

/** The global settings with the active profile, or with the profile named when it still exists. */
export async function currentSettings(profileId?: string): Promise<Settings> {
  return resolveSettings(await settingsItem.getValue(), profileId);
}
