import { errorWords } from '../../utils/error-words';
import { useState } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { addProfile } from '../../utils/profiles/profile-store';
import { PRESET_IDS, presetOf, type PresetId } from '../../utils/profiles/presets';
import type { Profile, StoredSettings } from '../../utils/settings';
import { StatusLine, type Status } from './StatusLine';

function whereOf(profile: Profile): string {
  if (presetOf(profile.preset).onDevice) return t('onDeviceWhere');
  try {
    return new URL(profile.baseUrl).host;
  } catch {
    // Not an address yet (a new Custom profile): the list says so rather than nothing.
    return t('optNoAddress');
  }
}

/**
 * Every provider profile: which one answers now, making another one active (its form then shows
 * at the top), deleting one (with its key, after asking), and adding one from a preset.
 */
export function ProfileList({ settings, onAdded }: { settings: StoredSettings; onAdded(id: string): void }) {
  const [preset, setPreset] = useState<PresetId>('openai');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  const failed = (error: unknown) => setStatus({ kind: 'error', text: t('optCouldNotSave', errorWords(error)) });

  const use = (profile: Profile) =>
    sendToBackground('chooseProfile', { profileId: profile.id }).then(() => setStatus({ kind: 'saved', text: t('optProfileInUse', profile.name) }), failed);
  const remove = (profile: Profile) =>
    sendToBackground('deleteProfile', { profileId: profile.id }).then(() => {
      setConfirming(null);
      setStatus({ kind: 'saved', text: t('optProfileDeleted', profile.name) });
    }, failed);
  const add = () =>
    addProfile(preset).then((stored) => {
      const added = stored.profiles.find((profile) => profile.id === stored.activeProfileId);
      setStatus({ kind: 'saved', text: t('optProfileAdded', added?.name ?? presetOf(preset).name) });
      onAdded(stored.activeProfileId);
    }, failed);

  return (
    <div>
      <ul class="profiles">
        {settings.profiles.map((profile) => {
          const active = profile.id === settings.activeProfileId;
          return (
            <li key={profile.id} class={active ? 'active' : undefined}>
              <span class="profile-name">{profile.name}</span>{' '}
              <span class="muted">
                {presetOf(profile.preset).name} · {whereOf(profile)}
                {profile.model ? ` · ${profile.model}` : ''}
              </span>{' '}
              {active ? <strong class="in-use">{t('optProfileActive')}</strong> : (
                <button type="button" aria-label={t('optProfileUseNamed', profile.name)} onClick={() => void use(profile)}>{t('optProfileUse')}</button>
              )}{' '}
              {confirming === profile.id ? (
                <span role="group" aria-label={t('optProfileConfirmDelete', profile.name)}>
                  {t('optProfileDeleteQuestion', profile.name)}{' '}
                  <button type="button" class="danger" onClick={() => void remove(profile)}>{t('delete')}</button>{' '}
                  <button type="button" onClick={() => setConfirming(null)}>{t('cancel')}</button>
                </span>
              ) : settings.profiles.length > 1 ? (
                <button type="button" aria-label={t('optProfileDeleteNamed', profile.name)} onClick={() => setConfirming(profile.id)}>{t('delete')}</button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div class="field add-profile">
        <label for="new-profile-preset">{t('optNewProfile')}</label>
        <select id="new-profile-preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value as PresetId)}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>{presetOf(id).name}</option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => void add()}>{t('optAddProfile')}</button>
      </div>
      <StatusLine status={status} />
    </div>
  );
}
