/** Dollar prices per million tokens, and what a request cost at them. */
import type { Usage } from '../vision/types';
import { lookupByModel } from './model-name';

export interface Price {
  input: number;
  cachedInput: number;
  output: number;
}

/** Standard tier, autumn 2026 (the guide's vision-api.md). Users will be able to edit these. */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
};

/** The prices in force: the built-in table with the user's own prices over it. */
export function priceTable(overrides: Readonly<Record<string, Price>> = {}): Record<string, Price> {
  return { ...DEFAULT_PRICES, ...overrides };
}

export function priceFor(model: string, prices: Readonly<Record<string, Price>> = DEFAULT_PRICES): Price | undefined {
  return lookupByModel(prices, model);
}

/** USD for `tokens` input tokens at `price`: what a picture adds to a question. */
export function inputCost(tokens: number, price: Price): number {
  return (tokens * price.input) / 1_000_000;
}

/**
 * USD for one request. Cached input tokens are part of the input count and billed at the cached
 * rate; reasoning tokens are part of the output count. Null when the price is unknown: an unknown
 * price must never read as $0.
 */
export function costOf(usage: Usage, price: Price | undefined): number | null {
  if (!price) return null;
  const cached = Math.min(usage.cachedInput, usage.input);
  const dollars =
    (usage.input - cached) * price.input + cached * price.cachedInput + usage.output * price.output;
  return dollars / 1_000_000;
}
