/**
 * Version 1 of the options held one server: its base URL, model, API and image rule beside the
 * global settings, with one key and one price table. Version 2 holds provider profiles; the one
 * server becomes the first profile, under FIRST_PROFILE_ID, which the key's and the prices'
 * migrations name too (storage.ts).
 */
import { DEFAULT_GLOBAL_SETTINGS, FIRST_PROFILE_ID, profileFromPreset, type GlobalSettings, type Profile, type StoredSettings } from '../settings';
import { presetForBaseUrl, presetOf } from './presets';

/** The options as version 1 stored them (fields added over its life may be missing). */
export type SettingsV1 = Partial<GlobalSettings> & {
  baseUrl?: string;
  model?: string;
  api?: Profile['api'];
  sendImagesAs?: Profile['sendImagesAs'];
};

const DEFAULT_V1_BASE_URL = 'https://api.openai.com/v1';

/** The first profile, made of the one server version 1 knew, named after its kind of server or its host. */
export function firstProfileFromV1(v1: SettingsV1): Profile {
  const baseUrl = v1.baseUrl ?? DEFAULT_V1_BASE_URL;
  const preset = presetForBaseUrl(baseUrl);
  let name = presetOf(preset).name;
  if (preset === 'custom') {
    try {
      name = new URL(baseUrl).host || name;
    } catch {
      // Not an address: the profile keeps the preset's name, and the options say what is wrong.
    }
  }
  const fromPreset = profileFromPreset(preset, FIRST_PROFILE_ID, name);
  // What the user had chosen is kept as it was, even where the preset would choose otherwise.
  return {
    ...fromPreset,
    baseUrl,
    model: v1.model ?? 'gpt-4.1-mini',
    api: v1.api ?? 'chat',
    sendImagesAs: v1.sendImagesAs ?? 'auto',
  };
}

export function settingsFromV1(v1: SettingsV1): StoredSettings {
  const { baseUrl: _baseUrl, model: _model, api: _api, sendImagesAs: _sendImagesAs, ...globals } = v1;
  return { ...DEFAULT_GLOBAL_SETTINGS, ...globals, profiles: [firstProfileFromV1(v1)], activeProfileId: FIRST_PROFILE_ID };
}
