/**
 * The language answers are written in: the user's choice, or the browser's own language. English
 * needs no instruction (questions are English by default), which keeps those requests shorter.
 */
export const ANSWER_LANGUAGES = [
  'en', 'zh-CN', 'ru', 'fr', 'de', 'es', 'it', 'pt', 'ja', 'ko', 'ar', 'hi', 'nl', 'pl', 'tr', 'uk',
] as const;

/** The language's name in English, for the instruction to the model ("French"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    // Not a language code Intl knows: the model may still understand it as written.
    return code;
  }
}

/** The language's name in itself, for the options list ("Français"). */
export function nativeLanguageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    // As above: show the code itself.
    return code;
  }
}

/**
 * The browser says "fr-FR"; the model needs only "French". Chinese keeps its region, which tells
 * simplified (zh-CN) from traditional (zh-TW) characters.
 */
function browserLanguageCode(tag: string): string {
  const [base = '', region] = tag.split('-');
  return base.toLowerCase() === 'zh' && region ? `zh-${region}` : base;
}

/** The language answers are asked in (BCP 47): the user's choice, else the browser's. */
export function answerLanguageOf(chosen: string, browserLanguage: string): string {
  return chosen || browserLanguage;
}

export function answerInstruction(chosen: string, browserLanguage: string): string | undefined {
  const code = chosen || browserLanguageCode(browserLanguage);
  if (!code || code.toLowerCase().startsWith('en')) return undefined;
  return `Answer in ${languageName(code)}.`;
}
