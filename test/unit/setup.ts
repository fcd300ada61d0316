/**
 * WXT's fake browser has no i18n. Unit tests get the real messages, built from locales/*.yml the
 * way WXT's i18n module builds them (once per run, by locales-once.ts), with $1-style substitutions,
 * and an English UI language unless a test speaks another (`speak`).
 */
import { beforeEach, inject, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChromeMessages, Locale } from './locale-names';

export { LOCALES, type Locale } from './locale-names';

// Built once for the run (locales-once.ts, the project's globalSetup).
const built = inject('chromeMessages');

/** The browser's messages.json for `locale`, as the build writes it. */
export function messagesOf(locale: Locale): ChromeMessages {
  return built[locale];
}

function render(messages: ChromeMessages, key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|\d)/g, (_, n: string) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}

export function englishMessage(key: string, substitutions?: string | string[]): string {
  return render(messagesOf('en'), key, substitutions);
}

/** The browser's UI in `locale` for the rest of the test (its language tag, e.g. "ru"). */
export function speak(locale: Locale): void {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(locale.replace('_', '-'));
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) => render(messagesOf(locale), key, substitutions));
}

beforeEach(() => {
  speak('en');
});

// Unit tests reach nothing beyond this machine: an address elsewhere (the example.com pictures the
// tests ask about) fails at once, as it would offline, instead of going out to the network.
const realFetch = globalThis.fetch;
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.protocol !== 'data:') {
    return Promise.reject(new TypeError(`Unit tests reach no network beyond this machine (${url.host})`));
  }
  return realFetch(input, init);
};

// Chrome's storage.local can be closed to content scripts, and the extension relies on it to keep
// the API key there (api-key-store.ts). WXT's fake browser lacks the method; it is added as Chrome
// has it. The Firefox way (the key in IndexedDB) is run by key-storage.test.ts and the Firefox suite.
Object.assign(fakeBrowser.storage.local, { setAccessLevel: async () => undefined });
