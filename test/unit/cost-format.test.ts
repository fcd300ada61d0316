/**
 * How tokens and dollars are written on the meter, in the history, the options and the budget
 * sentences: a question often costs a fraction of a cent, and that must never read as $0.00.
 */
import { describe, expect, it } from 'vitest';
import { formatTokens, formatUsd } from '../../utils/cost/format';

describe('formatUsd', () => {
  it.each([
    // Nothing spent reads as nothing, however the zero came about (-0 from a negated zero).
    [0, '$0'],
    [-0, '$0'],
    // Below a cent: three significant digits, so a picture's cost stays visible.
    [0.0005832, '$0.000583'],
    [0.00001, '$0.00001'],
    [0.004999, '$0.005'],
    [0.0099, '$0.0099'],
    // From a cent up: dollars and cents, with thousands grouped.
    [0.01, '$0.01'],
    [0.0123, '$0.01'],
    [0.015, '$0.02'],
    [1, '$1.00'],
    [12.5, '$12.50'],
    [1234.567, '$1,234.57'],
  ])('%d is written %s', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [765, '765'],
    [25_501, '25,501'],
    [1_234_567, '1,234,567'],
  ])('%i is written %s', (count, text) => {
    expect(formatTokens(count)).toBe(text);
  });
});
