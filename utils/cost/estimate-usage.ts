/**
 * What a request probably used, for when the stream was cut before the API reported its usage:
 * the picture's tokens from the model's formula, and about four characters per text token.
 * Spend is never dropped; the ledger marks such entries as estimates.
 */
import type { Detail } from '../settings';
import type { Usage, VisionRequest } from '../vision/types';
import { estimateImageTokens } from './image-tokens';

const CHARS_PER_TOKEN = 4;

export function textTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function pictureTokens(model: string, detail: Detail, size: { width?: number; height?: number }): number | null {
  // A size not known yet is 0 here, which the formula refuses with no tokens, as it refuses any size it cannot count.
  return estimateImageTokens({ model, detail, width: size.width ?? 0, height: size.height ?? 0 }).tokens;
}

/** The tokens of several pictures; null when any of them cannot be estimated. */
export function picturesTokens(model: string, detail: Detail, sizes: readonly { width?: number; height?: number }[]): number | null {
  let total = 0;
  for (const size of sizes) {
    const tokens = pictureTokens(model, detail, size);
    if (tokens === null) return null;
    total += tokens;
  }
  return total;
}

export function estimateUsage(
  request: VisionRequest,
  answer: string,
  sizes: readonly { width?: number; height?: number }[],
): Usage {
  const text = [request.instructions ?? '', ...request.history.flatMap((e) => [e.question, e.answer]), request.question].join('');
  return {
    input: (picturesTokens(request.model, request.detail, sizes) ?? 0) + textTokens(text),
    cachedInput: 0,
    output: textTokens(answer),
    reasoning: 0,
  };
}
