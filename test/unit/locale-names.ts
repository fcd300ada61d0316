/** The languages the extension ships, and the shape of a browser's messages.json, for unit tests. */
export const LOCALES = ['en', 'zh_CN', 'ru', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type ChromeMessages = Record<string, { message: string }>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Each language's messages.json, built once for the run by locales-once.ts. */
    chromeMessages: Record<Locale, ChromeMessages>;
  }
}
