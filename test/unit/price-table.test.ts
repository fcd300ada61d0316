/**
 * The prices a request is billed at (utils/cost/prices.ts) and the model names they are found
 * under (utils/cost/model-name.ts): a wrong row or a name matched to the wrong family is a wrong
 * dollar amount on every question.
 */
import { describe, expect, it } from 'vitest';
import { lookupByModel, modelFamilyName } from '../../utils/cost/model-name';
import { costOf, DEFAULT_PRICES, inputCost, priceFor, priceTable } from '../../utils/cost/prices';

describe('the built-in prices, in dollars per million tokens (input, cached input, output)', () => {
  it.each([
    ['gpt-4o', 2.5, 1.25, 10],
    ['gpt-4o-mini', 0.15, 0.075, 0.6],
    ['gpt-4.1', 2, 0.5, 8],
    ['gpt-4.1-mini', 0.4, 0.1, 1.6],
    ['gpt-4.1-nano', 0.1, 0.025, 0.4],
    ['o4-mini', 1.1, 0.275, 4.4],
    ['gpt-5', 1.25, 0.125, 10],
    ['gpt-5-mini', 0.25, 0.025, 2],
    ['gpt-5-nano', 0.05, 0.005, 0.4],
  ])('%s: $%d, $%d, $%d', (model, input, cachedInput, output) => {
    expect(priceFor(model)).toEqual({ input, cachedInput, output });
  });

  it('has a price for those models and no others', () => {
    expect(Object.keys(DEFAULT_PRICES).sort()).toEqual(
      ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o4-mini'],
    );
  });
});

describe('priceTable: the user\'s own prices over the built-in ones', () => {
  it('is the built-in table when the user set nothing', () => {
    expect(priceTable()).toEqual(DEFAULT_PRICES);
  });

  it('takes the user\'s price for a model and keeps the others', () => {
    const table = priceTable({ 'gpt-4o': { input: 5, cachedInput: 2.5, output: 20 } });
    expect(priceFor('gpt-4o-2024-08-06', table)).toEqual({ input: 5, cachedInput: 2.5, output: 20 });
    expect(priceFor('gpt-4.1', table)).toEqual(DEFAULT_PRICES['gpt-4.1']);
  });

  it('prices a model the table does not know, such as a local one', () => {
    const table = priceTable({ 'llava:13b': { input: 0, cachedInput: 0, output: 0 } });
    expect(priceFor('llava:13b', table)).toEqual({ input: 0, cachedInput: 0, output: 0 });
    expect(priceFor('llava:13b')).toBeUndefined();
  });

  it('does not change the built-in table', () => {
    priceTable({ 'gpt-4o': { input: 99, cachedInput: 99, output: 99 } });
    expect(DEFAULT_PRICES['gpt-4o']).toEqual({ input: 2.5, cachedInput: 1.25, output: 10 });
  });
});

describe('inputCost: what a picture adds to a question', () => {
  it.each([
    // gpt-4o at $2.50 a million: a 1024x1024 picture at high detail is 765 tokens.
    [765, 'gpt-4o', 765 * 2.5 / 1e6],
    [1_000_000, 'gpt-4.1-mini', 0.4],
    [0, 'gpt-5', 0],
  ])('%i tokens on %s', (tokens, model, dollars) => {
    expect(inputCost(tokens, priceFor(model)!)).toBeCloseTo(dollars, 12);
  });
});

describe('costOf', () => {
  it('never bills more cached tokens than there were input tokens', () => {
    // A server that reports 500 cached of 300 input: 300 at the cached rate, none at the full one.
    expect(costOf({ input: 300, cachedInput: 500, output: 0, reasoning: 0 }, priceFor('gpt-4o'))).toBeCloseTo(300 * 1.25 / 1e6, 12);
  });

  it('is $0 for a free price, which is not the same as an unknown one', () => {
    expect(costOf({ input: 10, cachedInput: 0, output: 10, reasoning: 0 }, { input: 0, cachedInput: 0, output: 0 })).toBe(0);
  });
});

describe('modelFamilyName', () => {
  it.each([
    // Spaces around a name typed in the options.
    [' gpt-4o ', 'gpt-4o'],
    ['\tGPT-4.1-MINI\n', 'gpt-4.1-mini'],
    // Any provider prefix, however deep.
    ['azure/openai/gpt-5-mini', 'gpt-5-mini'],
    ['chatgpt-4o-latest', 'chatgpt-4o'],
    ['o4-mini-2025-04-16', 'o4-mini'],
    // A date or "-latest" inside a name is part of that name, not a snapshot of a shorter one:
    // a fine-tuned model is billed differently from the model it was tuned from.
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'ft:gpt-4o-mini-2024-07-18:acme::abc123'],
    ['gpt-4o-2024-08-06-custom', 'gpt-4o-2024-08-06-custom'],
    ['my-latest-model', 'my-latest-model'],
    ['gpt-4o-latest-preview', 'gpt-4o-latest-preview'],
  ])('%j is %j', (model, family) => {
    expect(modelFamilyName(model)).toBe(family);
  });

  it('does not price a fine-tuned model as the model it was tuned from', () => {
    expect(priceFor('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBeUndefined();
  });
});

describe('lookupByModel', () => {
  it('finds nothing under the names every object has', () => {
    const table = { 'gpt-4o': 1 };
    expect(lookupByModel(table, 'constructor')).toBeUndefined();
    expect(lookupByModel(table, 'toString')).toBeUndefined();
    expect(lookupByModel(table, 'openai/gpt-4o-2024-05-13')).toBe(1);
  });
});
