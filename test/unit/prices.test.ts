import { describe, expect, it } from 'vitest';
import { totalsOf, type LedgerEntry } from '../../utils/cost/ledger';
import { formatUsd } from '../../utils/cost/format';
import { modelFamilyName } from '../../utils/cost/model-name';
import { costOf, priceFor } from '../../utils/cost/prices';

describe('modelFamilyName', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['openai/gpt-4.1-mini', 'gpt-4.1-mini'],
    ['GPT-5', 'gpt-5'],
    ['gpt-5-chat-latest', 'gpt-5-chat'],
    ['llava:13b', 'llava:13b'],
  ])('%s is %s', (model, family) => {
    expect(modelFamilyName(model)).toBe(family);
  });
});

describe('priceFor', () => {
  it('finds dated snapshots under their family and keeps mini models apart', () => {
    expect(priceFor('gpt-4o-2024-08-06')).toEqual({ input: 2.5, cachedInput: 1.25, output: 10 });
    expect(priceFor('gpt-4o-mini')?.input).toBe(0.15);
  });
  it('knows nothing of models that are not in the table', () => {
    expect(priceFor('llava:13b')).toBeUndefined();
  });
});

describe('costOf', () => {
  it.each([
    // model, input, cached, output, dollars
    ['gpt-4.1-mini', 1234, 0, 56, (1234 * 0.4 + 56 * 1.6) / 1e6],
    ['gpt-4.1-mini', 1000, 400, 0, (600 * 0.4 + 400 * 0.1) / 1e6],
    ['gpt-4o', 1_000_000, 0, 1_000_000, 12.5],
    ['gpt-5-nano', 2000, 2000, 100, (2000 * 0.005 + 100 * 0.4) / 1e6],
  ])('%s: %i in (%i cached), %i out', (model, input, cachedInput, output, dollars) => {
    expect(costOf({ input, cachedInput, output, reasoning: 0 }, priceFor(model))).toBeCloseTo(dollars, 12);
  });

  it('bills reasoning tokens once: they are already inside the output count', () => {
    // gpt-5-mini: 2,000 output tokens of which 1,500 were reasoning, at $2.00 per million.
    expect(costOf({ input: 0, cachedInput: 0, output: 2000, reasoning: 1500 }, priceFor('gpt-5-mini'))).toBeCloseTo((2000 * 2) / 1e6, 12);
  });

  it('is null, never zero, when the price is unknown', () => {
    expect(costOf({ input: 10, cachedInput: 0, output: 10, reasoning: 0 }, undefined)).toBeNull();
  });
});

describe('totalsOf', () => {
  const entry = (conversationId: string, input: number, output: number, cost: number | null): LedgerEntry => ({
    at: 0, conversationId, kind: 'question', model: 'm', input, cachedInput: 0, output, reasoning: 0, cost,
  });

  it('adds tokens and dollars, and counts entries with no price apart', () => {
    const totals = totalsOf([entry('a', 100, 10, 0.5), entry('b', 50, 5, null), entry('a', 1, 1, 0.25)]);
    expect(totals).toMatchObject({ requests: 3, input: 151, output: 16, cost: 0.75, unpriced: 1 });
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '$0'],
    [0.0005832, '$0.000583'],
    [0.0123, '$0.01'],
    [12.5, '$12.50'],
  ])('%d is written %s', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });
});
