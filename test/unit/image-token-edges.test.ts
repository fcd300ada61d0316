/**
 * The edges of the picture-token estimate (utils/cost/image-tokens.ts) that the worked examples of
 * vision-api.md do not reach: which model names belong to the "gpt-5.4 and later" family, sizes
 * that are not known, the 30,000-patch limit of detail "original", and what is said instead of a number.
 */
import { describe, expect, it } from 'vitest';
import { estimateImageTokens, familyOf } from '../../utils/cost/image-tokens';

describe('the "gpt-5.4 and later" family', () => {
  it.each(['gpt-5.4', 'gpt-5.5', 'gpt-5.10', 'gpt-6', 'gpt-6.1', 'gpt-10', 'openai/gpt-7-2027-01-01'])('takes in %s', (model) => {
    expect(familyOf(model)?.name).toBe('gpt-5.4 and later');
  });

  it.each([
    // Versions before it that have no formula of their own.
    'gpt-5.2', 'gpt-5.3', 'gpt-4.2', 'gpt-4.7', 'gpt-3',
    // Other models named after a version: their formula is not known, and a guess would misprice them.
    'gpt-5.4-mini', 'gpt-6-nano', 'chatgpt-5.4', 'my-gpt-6', 'gpt-6.x',
  ])('does not take in %s', (model) => {
    expect(familyOf(model)).toBeUndefined();
  });
});

describe('a picture whose size is not known', () => {
  it.each([
    [0, 0], [0, 768], [1024, 0], [-1, 768], [1024, -1], [Number.NaN, 768], [1024, Number.NaN],
  ])('%d x %d has no estimate, and says why', (width, height) => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini']) {
      expect(estimateImageTokens({ model, width, height, detail: 'high' })).toEqual({
        tokens: null, reason: 'The size of the picture is not known yet.',
      });
    }
  });

  it('a picture of one pixel is still a picture', () => {
    expect(estimateImageTokens({ model: 'gpt-4o', width: 1, height: 1, detail: 'high' })).toMatchObject({ tokens: 85 + 170 });
    expect(estimateImageTokens({ model: 'gpt-4.1-mini', width: 1, height: 1, detail: 'high' })).toMatchObject({ tokens: 2 });
  });
});

describe('the patch budget', () => {
  it('leaves a picture of exactly 1,536 patches as it is on gpt-4.1-mini', () => {
    // 1000x1530 is 32x48 patches (31.25 and 47.8 rounded up): 1,536, the budget itself.
    expect(estimateImageTokens({ model: 'gpt-4.1-mini', width: 1000, height: 1530, detail: 'high' })).toEqual({
      tokens: Math.ceil(1536 * 1.62), family: 'gpt-4.1-mini', width: 1000, height: 1530,
    });
  });
});

describe('detail "original"', () => {
  it('is taken up to exactly 30,000 patches, as the API does', () => {
    // 4800x6400 is 150x200 patches: 30,000, sent as it is at 1.2 tokens each.
    expect(estimateImageTokens({ model: 'gpt-5.4', width: 4800, height: 6400, detail: 'original' })).toEqual({
      tokens: 36_000, family: 'gpt-5.4 and later', width: 4800, height: 6400,
    });
  });

  it('is refused one row of patches past it', () => {
    expect(estimateImageTokens({ model: 'gpt-5.4', width: 4800, height: 6432, detail: 'original' })).toEqual({
      tokens: null, reason: 'The API refuses pictures of more than 30,000 patches; this one needs 30,150.',
    });
  });

  it.each([
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4.1-mini', 'gpt-4.1-mini'],
    ['o3', 'o1'],
  ])('is not offered for %s, and says so', (model, family) => {
    expect(estimateImageTokens({ model, width: 1024, height: 1024, detail: 'original' })).toEqual({
      tokens: null, reason: `Detail "original" is not offered for ${family}.`,
    });
  });
});
