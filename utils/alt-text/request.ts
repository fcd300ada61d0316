/**
 * What an alt-text request sends besides the picture, and what its answer becomes: the model's
 * JSON (or plain-text) answer parsed and linted against the page's own context.
 */
import type { AltTextTurn } from '../ask/conversation';
import type { JsonSchemaFormat } from '../vision/types';
import { lintAltText } from './lint';
import { parseAltTextAnswer } from './parse';
import { ALT_TEXT_FORMAT_NAME, ALT_TEXT_SCHEMA, altTextInstructions, altTextQuestion } from './prompt';
import type { AltTextResult, PageContext } from '../shared/alt-text-types';

export interface AltTextAsk {
  instructions: string;
  question: string;
  responseFormat?: JsonSchemaFormat;
}

export const ALT_TEXT_FORMAT: JsonSchemaFormat = { name: ALT_TEXT_FORMAT_NAME, schema: ALT_TEXT_SCHEMA };

/** The parts of the request that make it an alt-text request. */
export function altTextAsk(alt: Pick<AltTextTurn, 'context' | 'language' | 'limit' | 'structured'>, pictureKind: string): AltTextAsk {
  const { context, language, limit, structured } = alt;
  return {
    instructions: altTextInstructions({ limit, language, structured }),
    question: altTextQuestion(context, pictureKind),
    ...(structured ? { responseFormat: ALT_TEXT_FORMAT } : {}),
  };
}

/** The answer as the user sees it: parsed, with the lint's changes and warnings. */
export function altTextResult(answer: string, ask: { context: PageContext; language: string; limit: number }, pictureUrl?: string): AltTextResult {
  const parsed = parseAltTextAnswer(answer);
  const lintOf = (alt: string) =>
    lintAltText({
      alt,
      limit: ask.limit,
      ...(ask.context.caption ? { caption: ask.context.caption } : {}),
      ...(pictureUrl ? { pictureUrl } : {}),
    });
  const lint = lintOf(parsed.alt);
  const shorter = parsed.shorter ? lintOf(parsed.shorter) : undefined;
  // A shorter version is only worth offering when it is shorter and within the limit.
  const offerShorter = shorter && !shorter.warnings.some((w) => w.kind === 'too-long') && shorter.text.length < lint.text.length;
  return { ...parsed, lint, ...(offerShorter ? { shorterLint: shorter } : {}), language: ask.language };
}

/**
 * A picture of text read at low detail may be too small to read: asking again at high detail is
 * worth it when the model said "text" and it saw the picture smaller than it is.
 */
export function wantsHighDetail(result: AltTextResult, detail: string, size: { width?: number; height?: number }): boolean {
  if (detail !== 'low' || result.kind !== 'text' || result.decorative) return false;
  return Math.max(size.width ?? 0, size.height ?? 0) > 512;
}
