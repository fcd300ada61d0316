import { errorWords } from '../../utils/error-words';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import type { StoredSettings } from '../../utils/settings';

/**
 * The provider the next question is asked of, chosen in one step; shown once there is a choice.
 * The choice is the background's to store (the popup sends intents); the list follows storage, so
 * a choice made in the options shows here too. An answer already under way stays with its profile.
 */
export function ProfileSwitcher({ settings, say }: { settings: StoredSettings; say(message: string, kind: 'status' | 'error'): void }) {
  if (settings.profiles.length < 2) return null;
  const choose = (profileId: string) =>
    sendToBackground('chooseProfile', { profileId }).catch((error: unknown) => say(errorWords(error), 'error'));
  return (
    <div class="provider">
      <label for="provider">{t('provider')}</label>
      <select id="provider" value={settings.activeProfileId} onChange={(e) => void choose(e.currentTarget.value)}>
        {settings.profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>{profile.name}</option>
        ))}
      </select>
    </div>
  );
}
