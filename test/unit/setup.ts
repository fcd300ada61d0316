/**
 * WXT's fake browser has no i18n. Unit tests get the real English messages from
 * public/_locales/en/messages.json, with $1-style substitutions, and an English UI language.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, vi } from 'vitest';
import { browser } from 'wxt/browser';

const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

export function englishMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  let text = entry.message;
  for (const [name, { content }] of Object.entries(entry.placeholders ?? {})) {
    text = text.replaceAll(`$${name}$`, content).replaceAll(`$${name.toUpperCase()}$`, content);
  }
  return text.replace(/\$(\$|\d)/g, (_, n: string) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(englishMessage);
});
