import { useEffect, useRef } from 'preact/hooks';
import { hostOfOrigin, keyFits } from '../../utils/api-key-origin';
import { DEFAULT_PRICES } from '../../utils/cost/prices';
import { t, type MessageKey } from '../../utils/shared/i18n';
import { PRESET_IDS, presetOf, type PresetId } from '../../utils/profiles/presets';
import { profileFromPreset, type ApiKind, type Profile } from '../../utils/settings';
import { Field } from './Field';
import { OnDeviceStatus } from './OnDeviceStatus';
import { SendingFields } from './SendingFields';

// Product names, the same in every language.
const API_LABELS: Record<ApiKind, string> = { chat: 'Chat Completions', responses: 'Responses' };
/** What each kind of server needs from the user, said under its choice. */
const PRESET_HINTS = {
  openai: 'presetHintOpenai',
  azure: 'presetHintAzure',
  openrouter: 'presetHintOpenrouter',
  ollama: 'presetHintOllama',
  lmstudio: 'presetHintLmstudio',
  vllm: 'presetHintVllm',
  custom: 'presetHintCustom',
  chrome: 'presetHintChrome',
} as const satisfies Record<PresetId, MessageKey>;

/** The key's hint: saved for this server, saved for another one, not needed, or where it will go. */
function keyHint(profile: Profile, keyOrigin: string): string {
  if (keyOrigin) return keyFits(keyOrigin, profile.baseUrl) ? t('optApiKeySaved') : t('optKeyOtherServer', hostOfOrigin(keyOrigin));
  const preset = presetOf(profile.preset);
  return preset.needsKey ? t('optApiKeyHint') : t('optKeyNotNeeded', preset.name);
}

/**
 * The active profile's fields, with the contract's labels ("API key", "Base URL", "Model", "API").
 * `keyOrigin` is the origin of the server this profile's saved key belongs to ('' when there is
 * none): typing another base URL says at once that the key will not go there until it is typed again.
 * `models`: what the server listed in a connection test, offered for the Model field; null before
 * one has listed any, when the models of the price table are offered.
 */
export function ProfileFields(props: {
  profile: Profile;
  keyOrigin: string;
  apiKey: string;
  focusName: boolean;
  models: readonly string[] | null;
  /** The language answers are asked in: Chrome's model is asked whether it can answer in it. */
  language: string;
  onProfile(profile: Profile): void;
  onApiKey(key: string): void;
}) {
  const { profile, keyOrigin, apiKey, focusName, models, language, onProfile, onApiKey } = props;
  const change = <K extends keyof Profile>(key: K, value: Profile[K]) => onProfile({ ...profile, [key]: value });
  const keyFitsHere = keyFits(keyOrigin, profile.baseUrl);
  const name = useRef<HTMLInputElement>(null);
  // A profile just added is named first: its form replaces the one that was shown.
  useEffect(() => {
    if (focusName) name.current?.focus();
  }, [focusName]);

  // Another kind of server fills in what that kind needs; the name stays the user's.
  const choosePreset = (preset: PresetId) => onProfile({ ...profileFromPreset(preset, profile.id, profile.name) });

  return (
    <fieldset>
      <legend>{t('optProfileLegend', profile.name)}</legend>
      <Field id="profile-name" label={t('optProfileName')}>
        <input id="profile-name" ref={name} type="text" value={profile.name} onInput={(e) => change('name', e.currentTarget.value)} />
      </Field>
      <Field id="profile-preset" label={t('optPreset')} hint={t(PRESET_HINTS[profile.preset] ?? 'presetHintCustom')}>
        <select id="profile-preset" aria-describedby="profile-preset-hint" value={profile.preset} onChange={(e) => choosePreset(e.currentTarget.value as PresetId)}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>{presetOf(id).name}</option>
          ))}
        </select>
      </Field>
      {/* Chrome's own model has no server, key or API to choose: what matters is whether it can run here. */}
      {presetOf(profile.preset).onDevice ? (
        <OnDeviceStatus language={language} />
      ) : (
        <>
          <Field id="api-key" label={t('optApiKey')} hint={keyHint(profile, keyOrigin)}>
            <input id="api-key" aria-describedby="api-key-hint" type="password" autocomplete="off" value={apiKey} placeholder={keyFitsHere ? t('optKeySavedPlaceholder') : 'sk-…'} onInput={(e) => onApiKey(e.currentTarget.value)} />
          </Field>
          <Field id="base-url" label={t('optBaseUrl')} hint={t('optBaseUrlHint')}>
            <input id="base-url" aria-describedby="base-url-hint" type="url" value={profile.baseUrl} onInput={(e) => change('baseUrl', e.currentTarget.value)} />
          </Field>
          <Field id="model" label={t('optModel')}>
            <input id="model" type="text" list="known-models" value={profile.model} onInput={(e) => change('model', e.currentTarget.value)} />
            <datalist id="known-models">
              {(models ?? Object.keys(DEFAULT_PRICES)).map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </Field>
          <Field id="api" label={t('optApi')}>
            <select id="api" value={profile.api} onChange={(e) => change('api', e.currentTarget.value as ApiKind)}>
              {Object.entries(API_LABELS).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </select>
          </Field>
          <SendingFields profile={profile} change={change} />
        </>
      )}
    </fieldset>
  );
}
