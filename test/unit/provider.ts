/**
 * For unit tests that ask a server: the options with one provider profile (the first) pointing at
 * it, the global settings as a test wants them, and that profile's key bound to the server.
 */
import { apiKeys } from '../../utils/api-key-store';
import { DEFAULT_SETTINGS, FIRST_PROFILE_ID, profileFromPreset, type GlobalSettings, type Profile } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';

export interface ProviderSetup {
  /** Fields of the one profile over an OpenAI profile at the server (its preset among them). */
  profile?: Partial<Profile>;
  /** Global settings over the defaults. */
  settings?: Partial<GlobalSettings>;
  /** The profile's key; null for none. */
  key?: string | null;
}

/** Stores the options only, leaving the saved key as it is (as the options do when no key is typed). */
export async function storeOptions(server: { url: string }, setup: Omit<ProviderSetup, 'key'> = {}): Promise<Profile> {
  const profile: Profile = { ...profileFromPreset('openai', FIRST_PROFILE_ID), baseUrl: server.url, ...setup.profile };
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...setup.settings, profiles: [profile], activeProfileId: profile.id });
  return profile;
}

/** Stores the options and the key; returns the profile. */
export async function useProvider(server: { url: string }, setup: ProviderSetup = {}): Promise<Profile> {
  const profile = await storeOptions(server, setup);
  const key = setup.key === undefined ? 'sk-test-key' : setup.key;
  await apiKeys.set(profile.id, key === null ? null : { key, origin: new URL(profile.baseUrl).origin });
  return profile;
}
