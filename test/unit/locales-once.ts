/**
 * The unit project's globalSetup: the browser's messages.json for each language, built from
 * locales/*.yml the way WXT's i18n module builds them, once for the whole run. Every test file's
 * setup used to parse the four YAML files itself, about a second a file on this machine; setup.ts
 * now reads the result with inject().
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import type { TestProject } from 'vitest/node';
import { LOCALES, type ChromeMessages, type Locale } from './locale-names';

export default async function buildMessages(project: TestProject): Promise<void> {
  const built = {} as Record<Locale, ChromeMessages>;
  for (const locale of LOCALES) {
    built[locale] = generateChromeMessages(await parseMessagesFile(resolve(import.meta.dirname, `../../locales/${locale}.yml`))) as ChromeMessages;
  }
  project.provide('chromeMessages', built);
}
