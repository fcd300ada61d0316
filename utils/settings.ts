import type { CustomAction } from './ask/quick-actions';
import { t } from './i18n';
import { isPrivateHost } from './private-host';

/** What the user chooses in the options page. The API key is kept apart (see storage.ts). */
export type Detail = 'auto' | 'low' | 'high';
export type ApiKind = 'chat' | 'responses';
export type SendImagesAs = 'auto' | 'bytes' | 'url';

export interface Settings {
  baseUrl: string;
  model: string;
  detail: Detail;
  api: ApiKind;
  defaultQuestion: string;
  /** Automatic: public addresses as URLs, everything else as bytes. */
  sendImagesAs: SendImagesAs;
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
}

export const DEFAULT_SETTINGS: Settings = {
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4.1-mini',
  detail: 'auto',
  api: 'chat',
  defaultQuestion: "What's in this image?",
  sendImagesAs: 'auto',
  answerLanguage: '',
  customActions: [],
  dailyBudget: null,
  monthlyBudget: null,
  spendBadge: false,
  altTextLimit: 125,
  altTextLanguage: '',
  altTextDetail: 'low',
};

/** Bounds of the alt-text length limit the options accept. */
export const ALT_LIMIT_RANGE = { min: 20, max: 1000 } as const;

export const DETAILS: readonly Detail[] = ['auto', 'low', 'high'];
export const API_KINDS: readonly ApiKind[] = ['chat', 'responses'];
export const SEND_IMAGES_AS: readonly SendImagesAs[] = ['auto', 'bytes', 'url'];

/** Returns a sentence saying what is wrong with the settings, or null when they can be used. */
export function settingsProblem(settings: Settings): string | null {
  let url: URL;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    return t('setBadUrl', settings.baseUrl);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return t('setBadProtocol', url.protocol);
  // The key travels in every request: in the clear only to this machine or the user's own network.
  if (url.protocol === 'http:' && !isPrivateHost(url.hostname)) return t('setHttpPublic', url.host);
  if (!settings.model.trim()) return t('setNoModel');
  if (!settings.defaultQuestion.trim()) return t('setNoQuestion');
  for (const [name, value] of [['budgetDaily', settings.dailyBudget], ['budgetMonthly', settings.monthlyBudget]] as const) {
    if (value !== null && !(Number.isFinite(value) && value > 0)) return t('setBadBudget', t(name));
  }
  const { min, max } = ALT_LIMIT_RANGE;
  if (!(Number.isInteger(settings.altTextLimit) && settings.altTextLimit >= min && settings.altTextLimit <= max)) {
    return t('setBadAltLimit', min, max);
  }
  return null;
}

/** Fills fields that an older stored copy may lack, so new settings get their defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...stored };
}
