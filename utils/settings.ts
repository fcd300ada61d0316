/** What the user chooses in the options page. The API key is kept apart (see storage.ts). */
export type Detail = 'auto' | 'low' | 'high';
export type ApiKind = 'chat' | 'responses';

export interface Settings {
  baseUrl: string;
  model: string;
  detail: Detail;
  api: ApiKind;
  defaultQuestion: string;
}

export const DEFAULT_SETTINGS: Settings = {
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4.1-mini',
  detail: 'auto',
  api: 'chat',
  defaultQuestion: "What's in this image?",
};

export const DETAILS: readonly Detail[] = ['auto', 'low', 'high'];
export const API_KINDS: readonly ApiKind[] = ['chat', 'responses'];

/** Returns a sentence saying what is wrong with the settings, or null when they can be used. */
export function settingsProblem(settings: Settings): string | null {
  let url: URL;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    return `The base URL "${settings.baseUrl}" is not a web address. It looks like https://api.openai.com/v1.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The base URL must start with https:// or http://, not ${url.protocol}//.`;
  }
  if (!settings.model.trim()) return 'Choose a model, for example gpt-4.1-mini.';
  if (!settings.defaultQuestion.trim()) return 'The default question cannot be empty.';
  return null;
}

/** Fills fields that an older stored copy may lack, so new settings get their defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...stored };
}
