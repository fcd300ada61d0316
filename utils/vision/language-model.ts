/**
 * Chrome's built-in model, as the Prompt API (`LanguageModel`) offers it to extensions: the few
 * members this extension uses, typed here because TypeScript's DOM library has none yet. Older
 * Chrome builds name the usage fields `inputUsage` / `inputQuota` / `measureInputUsage()`; newer
 * ones `contextUsage` / `contextWindow` / `measureContextUsage()` (the guide's vision-api.md).
 */

export type OnDeviceAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface PromptContent {
  type: 'text' | 'image';
  value: string | Blob;
}

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | PromptContent[];
}

/** What the model is asked to take and give; availability() must be asked with the same as create(). */
export interface OnDeviceOptions {
  expectedInputs: { type: 'text' | 'image'; languages?: string[] }[];
  expectedOutputs: { type: 'text'; languages: string[] }[];
}

export interface CreateOptions extends OnDeviceOptions {
  initialPrompts?: PromptMessage[];
  signal?: AbortSignal;
  monitor?(monitor: EventTarget): void;
}

export interface PromptOptions {
  signal?: AbortSignal;
  /** A JSON Schema the answer must follow (the Prompt API's structured output). */
  responseConstraint?: Record<string, unknown>;
}

export interface OnDeviceSession {
  promptStreaming(input: PromptMessage[], options?: PromptOptions): ReadableStream<string>;
  measureContextUsage?(input: PromptMessage[], options?: PromptOptions): Promise<number>;
  measureInputUsage?(input: PromptMessage[], options?: PromptOptions): Promise<number>;
  readonly contextUsage?: number;
  readonly inputUsage?: number;
  readonly contextWindow?: number;
  readonly inputQuota?: number;
  destroy(): void;
}

export interface LanguageModelApi {
  availability(options: OnDeviceOptions): Promise<OnDeviceAvailability>;
  create(options: CreateOptions): Promise<OnDeviceSession>;
}

/** The browser's LanguageModel, or undefined where there is none (Firefox, Safari, older Chrome). */
export function languageModel(): LanguageModelApi | undefined {
  const api = (globalThis as { LanguageModel?: Partial<LanguageModelApi> }).LanguageModel;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? (api as LanguageModelApi) : undefined;
}

/**
 * The languages Chrome's model is documented to take and write; another answer language is still
 * asked for in the instruction, but the session is created for English, since create() refuses a
 * language the model does not list.
 */
const MODEL_LANGUAGES = ['en', 'es', 'ja'];

/** The language the session is created for, from a BCP 47 code ("fr-CA" → "en", "es-MX" → "es"). */
export function onDeviceLanguage(language: string): string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return MODEL_LANGUAGES.includes(primary) ? primary : 'en';
}

/** Text and pictures in, text out, in one language: the same for availability() and create(). */
export function onDeviceOptions(language: string): OnDeviceOptions {
  const languages = [onDeviceLanguage(language)];
  return { expectedInputs: [{ type: 'text', languages }, { type: 'image' }], expectedOutputs: [{ type: 'text', languages }] };
}

/** How much of the session's context is used, under either name; undefined when the browser says neither. */
export function contextUsed(session: OnDeviceSession): number | undefined {
  return session.contextUsage ?? session.inputUsage;
}

export function contextWindowOf(session: OnDeviceSession): number | undefined {
  return session.contextWindow ?? session.inputQuota;
}

/** How many tokens `input` would take, under either name; undefined when it cannot say. */
export async function measureUsage(session: OnDeviceSession, input: PromptMessage[], options: PromptOptions): Promise<number | undefined> {
  const measure = session.measureContextUsage ?? session.measureInputUsage;
  return measure ? measure.call(session, input, options) : undefined;
}
