/**
 * What went wrong, in words for the person reading. Browsers explain a failed request in English
 * whatever the UI's language ("Failed to fetch" in Chromium, "NetworkError when attempting to
 * fetch resource." in Firefox): those are said in the UI's language; any other message is kept.
 */
import { t } from './shared/i18n';

// A body that breaks off once the answer has begun: "network error" (Chromium), "Error in body stream" (Firefox).
const CONNECTION_FAILED = /^(failed to fetch|networkerror when attempting to fetch resource\.?|load failed|network request failed|network error|error in body stream)$/i;

// Chrome says "QUOTA_BYTES quota exceeded" (storage.local's 10 MB) or "Session storage quota bytes
// exceeded" (storage.session's); Firefox throws a QuotaExceededError.
const STORAGE_FULL = /quota[_ ]?bytes|quota ?exceeded/i;

/** Whether a storage write failed because the browser's storage for the extension is full. */
export function isStorageFull(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return (error instanceof Error && error.name === 'QuotaExceededError') || STORAGE_FULL.test(text);
}

export function errorWords(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (isStorageFull(error)) return t('errStorageFull');
  return CONNECTION_FAILED.test(text.trim()) ? t('errConnectionFailed') : text;
}
