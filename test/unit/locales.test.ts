import { resolve } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { plural, t } from '../../utils/shared/i18n';
import { kindWord } from '../../utils/image/kind-words';
import { LOCALES, speak, type Locale } from './setup';

type Parsed = Awaited<ReturnType<typeof parseMessagesFile>>;
const sources = new Map<Locale, Parsed>();
for (const locale of LOCALES) sources.set(locale, await parseMessagesFile(resolve(import.meta.dirname, `../../locales/${locale}.yml`)));

const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const substitutionsIn = (text: string) => [...new Set([...text.matchAll(/(?<!\$)\$([1-9])/g)].map((m) => m[1]))].sort();

/** Each message of a file: its key, and its forms (one form for most; one per category for counts). */
function messagesOf(locale: Locale): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  for (const entry of sources.get(locale)!) {
    const key = entry.key.join('.');
    if (key.startsWith('@@')) continue;
    const [base, category] = entry.key.length === 2 && CATEGORIES.has(entry.key[1]!) ? [entry.key[0]!, entry.key[1]!] : [key, ''];
    const forms = found.get(base) ?? new Map<string, string>();
    forms.set(category, 'message' in entry ? String(entry.message) : '');
    found.set(base, forms);
  }
  return found;
}

const english = messagesOf('en');

describe.each(LOCALES)('locales/%s.yml', (locale) => {
  const messages = messagesOf(locale);
  const needed = new Intl.PluralRules(locale.replace('_', '-')).resolvedOptions().pluralCategories;

  it('has every English message, and no other', () => {
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('gives each count every form its language needs, and nothing is empty', () => {
    for (const [key, forms] of messages) {
      for (const [category, text] of forms) expect(text.trim(), `${key} ${category}`).not.toBe('');
      if (!english.get(key)!.has('other')) continue;
      expect([...forms.keys()].sort(), key).toEqual([...needed].sort());
    }
  });

  it('uses the same substitutions as English ($1 may be left out of a form that says the number in words)', () => {
    for (const [key, forms] of messages) {
      const wanted = substitutionsIn([...english.get(key)!.values()].join(' '));
      for (const [category, text] of forms) {
        const used = substitutionsIn(text);
        if (category) expect(wanted, `${key} ${category}`).toEqual(expect.arrayContaining(used));
        else expect(used, key).toEqual(wanted);
      }
    }
  });
});

describe('counts and kinds in the sentence of each language', () => {
  it('Russian counts frames as 1 кадр, 2 кадра, 5 кадров, 11 кадров, 21 кадр', () => {
    speak('ru');
    expect([1, 2, 5, 11, 21].map((n) => /\((\d+ \S+)\)/.exec(plural('noteGifFirstFrame', n))![1])).toEqual(['1 кадр', '2 кадра', '5 кадров', '11 кадров', '21 кадр']);
  });

  it('English and French say one picture and several pictures', () => {
    expect(plural('bringToTray', 1)).toBe('1 picture added to the comparison.');
    expect(plural('bringToTray', 3)).toBe('3 pictures added to the comparison.');
    speak('fr');
    expect(plural('bringToTray', 1)).toBe('1 image ajoutée à la comparaison.');
    expect(plural('bringToTray', 3)).toBe('3 images ajoutées à la comparaison.');
  });

  it.each(['fr', 'ru', 'zh_CN'] as const)('%s names every kind of picture in its own words, never in English', (locale) => {
    speak(locale);
    for (const kind of ['background image', 'canvas drawing', 'video frame', 'page region'] as const) {
      const sentence = t('pictureKind', kindWord(kind));
      expect(sentence, kind).not.toMatch(/\b(background|drawing|frame|region)\b/);
      expect(sentence, kind).not.toMatch(/Un\(e\)|Le\/la/);
    }
  });
});
