/**
 * Changes to the provider profiles: add one from a preset, save the active one's form, make one
 * active. Each is a pure step on the stored options (tested alone) and a read-modify-write of the
 * settings item, one at a time across the options page and the background (update-item.ts), so a
 * switch in the popup and a save in the options page each change only what they mean to. Keys are not here: only the background touches them
 * (delete-profile.ts, page-requests.ts).
 */
import { t } from '../shared/i18n';
import { globalsOf, profileById, profileFromPreset, withDefaults, type GlobalSettings, type Profile, type StoredSettings } from '../settings';
import { settingsItem } from '../storage';
import { updateItem } from '../update-item';
import { presetOf, type PresetId } from './presets';

/** A name no other profile has: the preset's own, or followed by a number ("OpenRouter 2"). */
export function freshName(stored: StoredSettings, wanted: string): string {
  const taken = new Set(stored.profiles.map((profile) => profile.name));
  if (!taken.has(wanted)) return wanted;
  let n = 2;
  while (taken.has(`${wanted} ${n}`)) n += 1;
  return `${wanted} ${n}`;
}

/** A new profile from a preset, made active so that its form is the one shown. */
export function withNewProfile(stored: StoredSettings, presetId: PresetId, id: string): StoredSettings {
  const profile = profileFromPreset(presetId, id, freshName(stored, presetOf(presetId).name));
  return { ...stored, profiles: [...stored.profiles, profile], activeProfileId: id };
}

function known(stored: StoredSettings, id: string): Profile {
  const profile = profileById(stored, id);
  if (!profile) throw new Error(t('profileGone'));
  return profile;
}

export function withActiveProfile(stored: StoredSettings, id: string): StoredSettings {
  known(stored, id);
  return { ...stored, activeProfileId: id };
}

/** The options form's save: one profile as edited, and the global settings. The active profile stays as it is now. */
export function withSavedOptions(stored: StoredSettings, profile: Profile, globals: GlobalSettings): StoredSettings {
  known(stored, profile.id);
  const { profiles, activeProfileId } = stored;
  return { ...globalsOf(globals), profiles: profiles.map((p) => (p.id === profile.id ? profile : p)), activeProfileId };
}

/** Without one profile; the last one cannot go (there must be a server to ask). */
export function withoutProfile(stored: StoredSettings, id: string): StoredSettings {
  known(stored, id);
  if (stored.profiles.length === 1) throw new Error(t('profileLastOne'));
  const profiles = stored.profiles.filter((profile) => profile.id !== id);
  return { ...stored, profiles, activeProfileId: stored.activeProfileId === id ? profiles[0]!.id : stored.activeProfileId };
}

/** Applies a step to the stored options and stores the result, one change at a time. */
export function changeSettings(step: (stored: StoredSettings) => StoredSettings): Promise<StoredSettings> {
  // The options page and the background both write the settings: one step at a time across both.
  return updateItem(settingsItem, (stored) => step(withDefaults(stored)));
}

export function addProfile(presetId: PresetId): Promise<StoredSettings> {
  return changeSettings((stored) => withNewProfile(stored, presetId, crypto.randomUUID()));
}

/** Chrome's own model as the active profile: the one already there, else a new one. */
export function withOnDeviceProfile(stored: StoredSettings, id: string): StoredSettings {
  const existing = stored.profiles.find((profile) => presetOf(profile.preset).onDevice);
  return existing ? withActiveProfile(stored, existing.id) : withNewProfile(stored, 'chrome', id);
}

export function chooseOnDeviceProfile(): Promise<StoredSettings> {
  return changeSettings((stored) => withOnDeviceProfile(stored, crypto.randomUUID()));
}

export function setActiveProfile(id: string): Promise<StoredSettings> {
  return changeSettings((stored) => withActiveProfile(stored, id));
}

export function saveOptions(profile: Profile, globals: GlobalSettings): Promise<StoredSettings> {
  return changeSettings((stored) => withSavedOptions(stored, profile, globals));
}
