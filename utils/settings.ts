import type { CustomAction } from './ask/quick-actions';
import { t } from './shared/i18n';
import { isPrivateHost } from './private-host';
import { PRESETS, presetOf, type PresetId } from './profiles/presets';
import type { ApiKind, SendImagesAs, Uplink } from './request-kinds';

export type { ApiKind, SendImagesAs, Uplink };

/** What the user chooses in the options page. API keys are kept apart (api-key-store.ts). */
export type Detail = 'auto' | 'low' | 'high';
/** Where an answer asked for from the page (menu, keyboard) is shown; Firefox calls the side panel its sidebar. */
export type AnswerSurface = 'popup' | 'sidepanel';

/**
 * One server the user can ask: where it is, which model and API, how pictures go to it. Its key is
 * stored apart, per profile, bound to this base URL's origin; its own prices apart too (storage.ts).
 */
export interface Profile {
  /** Stable across renames: keys and prices are stored under it. */
  id: string;
  name: string;
  /** What kind of server it is: decides how the key travels and what else requests carry (presets.ts). */
  preset: PresetId;
  baseUrl: string;
  model: string;
  api: ApiKind;
  /** Automatic: public addresses as URLs, everything else as bytes. */
  sendImagesAs: SendImagesAs;
  /** The uplink to this server, as the user expects it; absent: not known. */
  uplink?: Uplink;
}

/** Settings that stay the same whichever server answers. */
export interface GlobalSettings {
  detail: Detail;
  defaultQuestion: string;
  /** The language answers are written in, as a BCP 47 code; empty for the browser's own language. */
  answerLanguage: string;
  /** The user's own one-click questions. */
  customActions: CustomAction[];
  /** Spending limits in USD; null for none. */
  dailyBudget: number | null;
  monthlyBudget: number | null;
  /** Show today's spend on the toolbar icon. */
  spendBadge: boolean;
  /** Alt text: the most characters it should take (125 is the long-standing screen-reader default). */
  altTextLimit: number;
  /** Alt text's language as a BCP 47 code; empty for the page's own language. */
  altTextLanguage: string;
  /** Alt text needs little detail: low costs a fraction of auto and is enough for most pictures. */
  altTextDetail: Detail;
  /**
   * The popup for a quick look; the side panel stays open beside the page for long answers and
   * comparisons across tabs (utils/background/answer-surface.ts opens it).
   */
  showAnswersIn: AnswerSurface;
}

/** The options as stored (version 2): the global settings, every profile, and the one that answers. */
export interface StoredSettings extends GlobalSettings {
  profiles: Profile[];
  activeProfileId: string;
}

/** What one question is asked with: the global settings and the profile that answers it. */
export interface Settings extends GlobalSettings {
  profile: Profile;
}

/**
 * The profile a fresh install starts with, and the one the single server of version 1 became: a
 * fixed id, so that the migrations of the settings, the key and the prices (each its own item,
 * migrated on its own, in every context that loads storage.ts) all name the same profile.
 */
export const FIRST_PROFILE_ID = 'first';

/** A profile made from a preset, with everything the preset fills in. */
export function profileFromPreset(presetId: PresetId, id: string, name = presetOf(presetId).name): Profile {
  const { baseUrl, model, api, sendImagesAs } = presetOf(presetId);
  return { id, name, preset: presetId, baseUrl, model, api, sendImagesAs };
}

export const DEFAULT_GLOBAL_SETTINGS: GlobalSettings = {
  detail: 'auto',
  defaultQuestion: "What's in this image?",
  answerLanguage: '',
  customActions: [],
  dailyBudget: null,
  monthlyBudget: null,
  spendBadge: false,
  altTextLimit: 125,
  altTextLanguage: '',
  altTextDetail: 'low',
  showAnswersIn: 'popup',
};

export const DEFAULT_SETTINGS: StoredSettings = {
  ...DEFAULT_GLOBAL_SETTINGS,
  profiles: [profileFromPreset('openai', FIRST_PROFILE_ID)],
  activeProfileId: FIRST_PROFILE_ID,
};

/** Only the global settings of an object that holds more (a form's state, resolved settings). */
export function globalsOf(settings: GlobalSettings): GlobalSettings {
  const keys = Object.keys(DEFAULT_GLOBAL_SETTINGS) as (keyof GlobalSettings)[];
  return Object.fromEntries(keys.map((key) => [key, settings[key]])) as unknown as GlobalSettings;
}

/** Bounds of the alt-text length limit the options accept. */
export const ALT_LIMIT_RANGE = { min: 20, max: 1000 } as const;

export const DETAILS: readonly Detail[] = ['auto', 'low', 'high'];
export const API_KINDS: readonly ApiKind[] = ['chat', 'responses'];
export const SEND_IMAGES_AS: readonly SendImagesAs[] = ['auto', 'bytes', 'url'];
export const ANSWER_SURFACES: readonly AnswerSurface[] = ['popup', 'sidepanel'];

/**
 * Returns a sentence saying why a profile's base URL must not be sent anything (the key would go
 * with it), or null. Apart from the model: a connection test lists the models, and needs none.
 */
export function baseUrlProblem(profile: Pick<Profile, 'preset' | 'baseUrl'>): string | null {
  // Chrome's own model has no address to check; whether it can run is said when asking (on-device.ts).
  if (presetOf(profile.preset).onDevice) return null;
  let url: URL;
  try {
    url = new URL(profile.baseUrl);
  } catch {
    return t('setBadUrl', profile.baseUrl);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return t('setBadProtocol', url.protocol);
  // The key travels in every request: in the clear only to this machine or the user's own network.
  if (url.protocol === 'http:' && !isPrivateHost(url.hostname)) return t('setHttpPublic', url.host);
  // Azure's preset leaves its placeholder in the address until the user names their resource.
  if (profile.preset === 'azure' && url.hostname === new URL(PRESETS.azure.baseUrl).hostname) return t('setAzureResource');
  return null;
}

/** Returns a sentence saying what is wrong with a profile, or null when it can be used. */
export function profileProblem(profile: Profile): string | null {
  const problem = baseUrlProblem(profile);
  if (problem || presetOf(profile.preset).onDevice) return problem;
  if (!profile.model.trim()) return t('setNoModel');
  return null;
}

/** Returns a sentence saying what is wrong with the global settings, or null when they can be used. */
export function globalProblem(settings: GlobalSettings): string | null {
  if (!settings.defaultQuestion.trim()) return t('setNoQuestion');
  for (const [name, value] of [['budgetDaily', settings.dailyBudget], ['budgetMonthly', settings.monthlyBudget]] as const) {
    if (value !== null && !(Number.isFinite(value) && value > 0)) return t('setBadBudget', t(name));
  }
  const { min, max } = ALT_LIMIT_RANGE;
  if (!(Number.isInteger(settings.altTextLimit) && settings.altTextLimit >= min && settings.altTextLimit <= max)) {
    return t('setBadAltLimit', min, max);
  }
  if (!ANSWER_SURFACES.includes(settings.showAnswersIn)) return t('setBadAnswerSurface');
  return null;
}

/** Returns a sentence saying what is wrong with the settings a question is asked with, or null. */
export function settingsProblem(settings: Settings): string | null {
  return profileProblem(settings.profile) ?? globalProblem(settings);
}

/**
 * Fills what an older or damaged stored copy lacks: global fields get their defaults, each profile
 * the fields of its preset, an empty list the default profile, and a missing active profile the first.
 */
export function withDefaults(stored: Partial<StoredSettings> | null | undefined): StoredSettings {
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const profiles = Array.isArray(merged.profiles) && merged.profiles.length > 0
    ? merged.profiles.map((profile) => ({ ...profileFromPreset(profile.preset ?? 'custom', profile.id), ...profile }))
    : DEFAULT_SETTINGS.profiles;
  const activeProfileId = profiles.some((p) => p.id === merged.activeProfileId) ? merged.activeProfileId : profiles[0]!.id;
  return { ...merged, profiles, activeProfileId };
}

/** The profile with this id, if there is one. */
export function profileById(stored: StoredSettings, id: string | undefined): Profile | undefined {
  return id === undefined ? undefined : stored.profiles.find((profile) => profile.id === id);
}

/** The settings a question is asked with: the global ones and the active profile (or the one named). */
export function resolveSettings(stored: StoredSettings, profileId?: string): Settings {
  const normalized = withDefaults(stored);
  const { profiles, activeProfileId, ...globals } = normalized;
  // withDefaults keeps the active id pointing at a profile that exists.
  const profile = profileById(normalized, profileId) ?? profileById(normalized, activeProfileId) ?? profiles[0]!;
  return { ...globals, profile };
}
