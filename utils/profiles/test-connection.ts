/**
 * The options' "Test connection": lists a profile's models (`GET {baseUrl}/models`) with the key
 * the person typed, or the one saved for that very server, and says in words what is wrong or how
 * many models the server lists. It runs in the background, like an ask: the key goes only to the
 * server it belongs to, and the same key rules hold (keyFits, requestHeaders through createClient).
 */
import { hostOfOrigin, keyFits, usableKey, type SavedKey } from '../api-key-origin';
import { plural, t } from '../shared/i18n';
import { baseUrlProblem } from '../settings';
import { createClient } from '../vision/client';
import { toVisionError } from '../vision/errors';
import type { ConnectionTest } from './connection-test';
import { presetOf, type PresetId } from './presets';

/** What the options form holds when the test is asked for: maybe not saved yet. */
export interface TypedConnection {
  preset: PresetId;
  baseUrl: string;
  /** The key as typed in the form; empty to use the saved one. */
  apiKey: string;
}

/** Long enough for a local server waking up, short enough that a person is still waiting for it. */
const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/** The key to send: the typed one, else the saved one if it belongs to this base URL's server. */
function keyToSend(typed: TypedConnection, saved: SavedKey | null): { key: string | null } | { refusal: string } {
  const key = typed.apiKey.trim();
  if (key) return { key };
  const usable = usableKey(saved);
  if (usable && !keyFits(usable.origin, typed.baseUrl)) {
    return { refusal: t('connKeyOtherServer', hostOfOrigin(usable.origin), new URL(typed.baseUrl.trim()).host) };
  }
  if (usable) return { key: usable.key.trim() };
  const preset = presetOf(typed.preset);
  return preset.needsKey ? { refusal: t('connNoKey', preset.name) } : { key: null };
}

/**
 * Whether the server turns away requests that carry the extension's Origin, as Ollama does until
 * OLLAMA_ORIGINS allows it. The model list cannot tell: the browser sends no Origin with the
 * extension's GET (it has host permission), only with other methods, such as every question's POST.
 * A bodiless OPTIONS carries it as a question would, sends no key, and asks the server nothing.
 * Only Ollama's answer counts: an empty 403.
 */
async function refusesExtensionOrigin(baseUrl: string, signal: AbortSignal): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/chat/completions`, { method: 'OPTIONS', credentials: 'omit', redirect: 'manual', signal });
  } catch (error) {
    // The list has already answered: a probe that fails for another reason says nothing about
    // origins, and the list's outcome stands.
    console.warn('The origin check after the model list failed.', error);
    return false;
  }
  const body = await response.text().catch((error: unknown) => {
    console.warn('The origin check\'s answer could not be read.', error);
    return 'unread';
  });
  return response.status === 403 && body.trim() === '';
}

function listedSentence(models: string[]): string {
  return models.length === 0 ? t('connListedNone') : plural('connListed', models.length);
}

/**
 * Lists the models once (no retries: a test says what happens now), within `timeoutMs`. Never
 * throws for what the server or the settings did: each outcome comes back with its sentence.
 */
export async function testConnection(
  typed: TypedConnection,
  saved: SavedKey | null,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ConnectionTest> {
  if (presetOf(typed.preset).onDevice) return { kind: 'skipped', sentence: t('connOnDevice') };
  const baseUrl = typed.baseUrl.trim().replace(/\/+$/, '');
  const problem = baseUrlProblem({ preset: typed.preset, baseUrl });
  if (problem) return { kind: 'not-sent', sentence: t('nothingSent', problem) };
  const key = keyToSend({ ...typed, baseUrl }, saved);
  if ('refusal' in key) return { kind: 'not-sent', sentence: key.refusal };
  const host = new URL(baseUrl).host;
  const client = createClient(
    { baseUrl, preset: typed.preset, apiKey: key.key },
    { timeoutMs: options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS, maxRetries: 0 },
  );
  try {
    const { data: page, response } = await client.models.list(options.signal ? { signal: options.signal } : {}).withResponse();
    // A web page at the address (a base URL without /v1, say) answers 200 too, with HTML.
    if (!(response.headers.get('content-type') ?? '').includes('json')) return { kind: 'failed', sentence: t('connNotAList', host) };
    const models = page.data.map((model) => model.id).filter((id): id is string => typeof id === 'string');
    const timeout = AbortSignal.timeout(options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS);
    if (await refusesExtensionOrigin(baseUrl, options.signal ? AbortSignal.any([options.signal, timeout]) : timeout)) {
      return { kind: 'failed', sentence: `${t('connOriginRefused', host)} ${t('errAdvice403Origin')}` };
    }
    return { kind: 'listed', models, sentence: listedSentence(models) };
  } catch (error) {
    return { kind: 'failed', sentence: toVisionError(error, host, 'listing').message };
  }
}
