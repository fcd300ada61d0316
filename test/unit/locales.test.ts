import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Messages;

const english = load('en');

describe.each(['zh_CN', 'ru', 'fr'])('the %s translation', (locale) => {
  const translated = load(locale);

  it('has every English message, and no other', () => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
  });

  it('uses the same placeholders as English in every message', () => {
    for (const [key, { message, placeholders }] of Object.entries(english)) {
      const used = (text: string) => [...text.matchAll(/\$([A-Z0-9_]+)\$/g)].map((m) => m[1]).sort();
      expect(used(translated[key]!.message), key).toEqual(used(message));
      expect(translated[key]!.placeholders, key).toEqual(placeholders);
      expect(translated[key]!.message.trim(), key).not.toBe('');
    }
  });
});
