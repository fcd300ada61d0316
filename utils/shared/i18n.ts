/**
 * The UI's words in the browser's language, with English as the fallback. The texts live in
 * locales/<language>.yml, one file per language; WXT's i18n module (@wxt-dev/i18n) checks them,
 * types their keys and writes the browser's _locales at build time.
 */
import type { GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';

type Key = keyof GeneratedI18nStructure;
/** A message whose form depends on a number: its forms are "<key>.one", "<key>.few", … "<key>.other". */
export type PluralKey = { [K in Key]: K extends `${infer Base}.other` ? Base : never }[Key];
/** A message with one form. */
export type MessageKey = Exclude<Key, `${string}.${string}`>;

function message(key: string, substitutions: (string | number)[]): string {
  // The browser's format names nested keys with underscores ("noteGifFirstFrame_one").
  return browser.i18n.getMessage(key.replaceAll('.', '_') as Parameters<typeof browser.i18n.getMessage>[0], substitutions.map(String));
}

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  // An empty string means the key is missing in every locale: show the key rather than nothing.
  return message(key, substitutions) || key;
}

const rules = new Map<string, Intl.PluralRules>();

/**
 * A count in a sentence, in the form the language needs for it: Russian says 1 кадр, 2 кадра,
 * 5 кадров; French 1 image, 2 images; Chinese has one form. `count` is $1; `more` follow as $2….
 */
export function plural(key: PluralKey, count: number, ...more: (string | number)[]): string {
  const language = browser.i18n.getUILanguage();
  if (!rules.has(language)) rules.set(language, new Intl.PluralRules(language));
  const substitutions = [count.toLocaleString(language), ...more];
  // A UI language without its own texts shows English ones, which may lack its categories ("few").
  return message(`${key}.${rules.get(language)!.select(count)}`, substitutions) || message(`${key}.other`, substitutions) || key;
}
