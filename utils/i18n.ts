/** The UI's words in the browser's language (public/_locales), with English as the fallback. */
import { browser } from 'wxt/browser';

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  // An empty string means the key is missing in every locale: show the key rather than nothing.
  return text || key;
}
