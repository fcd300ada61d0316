/**
 * What each kind of OpenAI-compatible server needs (../shared/guide/vision-api.md): a new provider
 * profile starts from one of these, and a request is shaped by its profile's preset (how the key
 * travels, extra headers, whether the server reports what a request cost).
 */
import { API_FORMAT_LIST, type ApiFormat } from '../image/encodings';
import type { ApiKind, SendImagesAs } from '../request-kinds';

export type PresetId = 'openai' | 'azure' | 'openrouter' | 'ollama' | 'lmstudio' | 'vllm' | 'custom' | 'chrome';

export interface Preset {
  id: PresetId;
  /** The product's name, the same in every language; a new profile is named after it. */
  name: string;
  baseUrl: string;
  /** '' where no one model fits everyone (an Azure deployment, a local server's own models). */
  model: string;
  api: ApiKind;
  /** Ollama and LM Studio cannot download a picture's address: they get the bytes. */
  sendImagesAs: SendImagesAs;
  /** Whether a request without a key is refused before it is sent. Local servers run without one. */
  needsKey: boolean;
  /** How the key travels: OpenAI's `Authorization: Bearer`, or Azure's own `api-key` header. */
  keyHeader: 'bearer' | 'api-key';
  /** The provider's own usage.cost (USD) is trusted over the price table (OpenRouter). */
  reportsCost: boolean;
  /** Attribution headers (OpenRouter shows apps by them); never anything about the user. */
  attribution: boolean;
  /** Chrome's built-in model: answered on this device, with no server, key or cost (vision/on-device.ts). */
  onDevice: boolean;
  /**
   * The picture formats the server is known to take. A picture goes as it is only in one of them,
   * and is made as WebP (smaller than JPEG at the same fidelity: utils/image/encodings.ts) only where
   * WebP is one; elsewhere as JPEG or PNG, which every vision server takes.
   */
  pictureFormats: readonly ApiFormat[];
}

/** The name turns and the ledger give the on-device model's answers. */
export const ON_DEVICE_MODEL = 'gemini-nano';

/** OpenAI's own list (vision-api.md); Azure runs the same models. */
const OPENAI_FORMATS = API_FORMAT_LIST;
/** A server whose models vary (OpenRouter routes to many, vLLM and others run any): nothing more is assumed. */
const ASSUMED_FORMATS: readonly ApiFormat[] = ['jpg', 'png'];

const base = { api: 'chat', sendImagesAs: 'auto', needsKey: true, keyHeader: 'bearer', reportsCost: false, attribution: false, onDevice: false, pictureFormats: ASSUMED_FORMATS } as const;

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  openai: { ...base, id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', pictureFormats: OPENAI_FORMATS },
  // The v1 API needs no api-version; the model is the name the user gave their deployment.
  azure: { ...base, id: 'azure', name: 'Azure OpenAI', baseUrl: 'https://RESOURCE.openai.azure.com/openai/v1', model: '', keyHeader: 'api-key', pictureFormats: OPENAI_FORMATS },
  openrouter: { ...base, id: 'openrouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4.1-mini', reportsCost: true, attribution: true },
  // Ollama's /v1 decodes JPEG, PNG and WebP, not GIF (vision-api.md): a GIF is converted for it.
  ollama: { ...base, id: 'ollama', name: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: '', sendImagesAs: 'bytes', needsKey: false, pictureFormats: ['jpg', 'png', 'webp'] },
  // LM Studio refuses WebP with some models (vision-api.md: "send PNG/JPEG"); on this machine's own
  // server the bytes WebP would save cost nothing to send anyway.
  lmstudio: { ...base, id: 'lmstudio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: '', sendImagesAs: 'bytes', needsKey: false },
  // vLLM downloads addresses itself; a key only when it was started with --api-key.
  vllm: { ...base, id: 'vllm', name: 'vLLM', baseUrl: 'http://localhost:8000/v1', model: '', needsKey: false },
  // Any other compatible server: many local ones take no key, so none is demanded before asking.
  custom: { ...base, id: 'custom', name: 'Custom', baseUrl: '', model: '', needsKey: false },
  // Gemini Nano, which Chrome runs itself: the pictures go to it as bytes (Blobs), and it costs
  // nothing (profilePrice prices it at zero, whatever a price table says). It takes any picture
  // Chrome decodes, WebP among them.
  chrome: { ...base, id: 'chrome', name: 'Chrome on-device', baseUrl: '', model: ON_DEVICE_MODEL, sendImagesAs: 'bytes', needsKey: false, reportsCost: true, onDevice: true, pictureFormats: OPENAI_FORMATS },
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export function presetOf(id: PresetId): Preset {
  return PRESETS[id] ?? PRESETS.custom;
}

/** The title OpenRouter lists the app under (its own header, and the older X-Title it still reads). */
export const APP_TITLE = 'Ask about this image';

/**
 * The preset a base URL saved before profiles existed belongs to, told by its host (and, for local
 * servers, their usual port): the profile made from it then sends the key as that server expects.
 */
export function presetForBaseUrl(baseUrl: string): PresetId {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'custom';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return 'openai';
  if (host.endsWith('.openai.azure.com')) return 'azure';
  if (host === 'openrouter.ai') return 'openrouter';
  const local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (local && url.port === '11434') return 'ollama';
  if (local && url.port === '1234') return 'lmstudio';
  return 'custom';
}
