/**
 * What a cut answer probably used (utils/cost/estimate-usage.ts): the ledger records it, marked as
 * an estimate, so spend is never dropped; and the popup's cost preview counts its pictures with it.
 */
import { describe, expect, it } from 'vitest';
import { estimateUsage, pictureTokens, picturesTokens, textTokens } from '../../utils/cost/estimate-usage';
import type { VisionRequest } from '../../utils/vision/types';

describe('textTokens: about four characters a token, a part counting whole', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['x'.repeat(400), 100],
  ])('%j is %i tokens', (text, tokens) => {
    expect(textTokens(text)).toBe(tokens);
  });
});

describe('pictureTokens', () => {
  it('counts a picture of known size by its model\'s formula', () => {
    expect(pictureTokens('gpt-4o', 'high', { width: 1024, height: 1024 })).toBe(765);
    expect(pictureTokens('gpt-4o', 'low', { width: 1024, height: 1024 })).toBe(85);
  });

  it.each([
    ['no size', {}],
    ['no height', { width: 1024 }],
    ['no width', { height: 1024 }],
    ['a zero side', { width: 0, height: 1024 }],
  ])('cannot count a picture with %s', (_, size) => {
    expect(pictureTokens('gpt-4o', 'high', size)).toBeNull();
  });

  it('cannot count a picture for a model with no known formula', () => {
    expect(pictureTokens('llava:13b', 'high', { width: 1024, height: 1024 })).toBeNull();
  });
});

describe('picturesTokens', () => {
  it('adds the pictures of a comparison', () => {
    expect(picturesTokens('gpt-4o', 'high', [{ width: 1024, height: 1024 }, { width: 300, height: 200 }])).toBe(765 + 255);
  });

  it('is zero for no pictures', () => {
    expect(picturesTokens('gpt-4o', 'high', [])).toBe(0);
  });

  it('is unknown, not a smaller sum, when any one picture cannot be counted', () => {
    expect(picturesTokens('gpt-4o', 'high', [{ width: 1024, height: 1024 }, {}])).toBeNull();
    expect(picturesTokens('gpt-4o', 'high', [{}, { width: 1024, height: 1024 }])).toBeNull();
  });
});

describe('estimateUsage', () => {
  const request: VisionRequest = { model: 'gpt-4o', detail: 'high', imageUrls: ['x'], history: [], question: 'abcd' };

  it('counts the system instruction with the words sent', () => {
    // "Answer in French." is 17 characters: with the 4 of the question, 21 characters, 6 tokens.
    const usage = estimateUsage({ ...request, instructions: 'Answer in French.' }, '', [{ width: 1024, height: 1024 }]);
    expect(usage.input).toBe(765 + 6);
  });

  it('counts every earlier question and answer, since they are sent again', () => {
    const usage = estimateUsage({ ...request, history: [{ question: 'a'.repeat(8), answer: 'b'.repeat(8) }] }, 'x'.repeat(9), []);
    expect(usage).toEqual({ input: 5, cachedInput: 0, output: 3, reasoning: 0 });
  });

  it('still counts the words when the picture cannot be counted', () => {
    expect(estimateUsage(request, '', [{}]).input).toBe(1);
  });
});
