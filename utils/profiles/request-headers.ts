/**
 * The headers a profile's requests carry besides the SDK's own: how its key travels, and
 * OpenRouter's attribution. A header set to null is one the SDK must not send (its Bearer token,
 * when the key goes as Azure's `api-key` or there is no key at all).
 */
import { APP_TITLE, presetOf, type PresetId } from './presets';

/**
 * `apiKey` null: the server takes no key (a local one) and none was saved, so no Authorization at
 * all, rather than a placeholder the SDK would send. `appUrl`: the extension's own address, which
 * the browser already sends as the request's Origin.
 */
export function requestHeaders(presetId: PresetId, apiKey: string | null, appUrl: string): Record<string, string | null> {
  const preset = presetOf(presetId);
  const headers: Record<string, string | null> = {};
  if (apiKey === null) {
    headers.Authorization = null;
  } else if (preset.keyHeader === 'api-key') {
    // Azure reads the key from its own header; the same key as a Bearer token would be read as an Entra ID token.
    headers['api-key'] = apiKey;
    headers.Authorization = null;
  }
  if (preset.attribution) {
    headers['HTTP-Referer'] = appUrl;
    headers['X-OpenRouter-Title'] = APP_TITLE;
    headers['X-Title'] = APP_TITLE;
  }
  return headers;
}
