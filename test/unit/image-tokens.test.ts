import { describe, expect, it } from 'vitest';
import { estimateImageTokens, familyOf, knownFamilies } from '../../utils/cost/image-tokens';

describe('estimateImageTokens: the worked examples of vision-api.md', () => {
  it.each([
    // model, width, height, detail, tokens
    ['gpt-4o', 1024, 1024, 'high', 765],
    ['gpt-4o', 2048, 4096, 'high', 1105],
    ['gpt-4o', 4096, 8192, 'low', 85],
    ['gpt-5', 1024, 1024, 'high', 630],
    ['o1', 1024, 1024, 'high', 675],
    ['o3', 1024, 1024, 'high', 675],
    ['computer-use-preview', 1024, 1024, 'high', 581],
    ['gpt-4o-mini', 1024, 1024, 'high', 25501],
    ['gpt-4.1-mini', 1024, 1024, 'high', 1659],
    ['gpt-4.1-mini', 1800, 2400, 'high', 2353],
  ] as const)('%s %ix%i %s = %i', (model, width, height, detail, tokens) => {
    expect(estimateImageTokens({ model, width, height, detail })).toMatchObject({ tokens });
  });
});

describe('estimateImageTokens: sizes that are not whole patches or tiles', () => {
  it.each([
    // A part of a patch counts as a whole one: 100x100 is 4x4 patches, not 3x3.
    ['gpt-4.1-mini', 100, 100, 'high', Math.ceil(16 * 1.62)],
    // 1000x700 is 32x22 patches (31.25 and 21.875 rounded up).
    ['gpt-4.1-mini', 1000, 700, 'high', Math.ceil(704 * 1.62)],
    // 1300x900 at high detail: shortest side down to 768 gives 1109x768, 3x2 tiles (2.17 and 1.5 rounded up).
    ['gpt-4o', 1300, 900, 'high', 85 + 170 * 6],
  ] as const)('%s %ix%i %s = %i', (model, width, height, detail, tokens) => {
    expect(estimateImageTokens({ model, width, height, detail })).toMatchObject({ tokens });
  });
});

describe('estimateImageTokens: every family', () => {
  it.each([
    // Tile families: low is the base; 1024x1024 high is 4 tiles.
    ['gpt-4.1', 'low', 85], ['gpt-4.1', 'high', 765], ['gpt-4.5', 'high', 765],
    ['gpt-4o-mini', 'low', 2833], ['gpt-5-chat-latest', 'high', 630], ['gpt-5.1', 'high', 630],
    ['o1-pro', 'high', 675], ['computer-use-preview', 'low', 65],
    // Patch families: 1024x1024 is 1024 patches, under every budget.
    ['gpt-4.1-nano', 'high', Math.ceil(1024 * 2.46)], ['o4-mini', 'high', Math.ceil(1024 * 1.72)],
    ['gpt-5-mini', 'high', Math.ceil(1024 * 1.2)], ['gpt-5-nano', 'high', Math.ceil(1024 * 1.5)],
    ['gpt-5.4', 'high', Math.ceil(1024 * 1.2)],
    // Low detail on a patch model: fitted to 512x512 = 256 patches.
    ['gpt-4.1-mini', 'low', Math.ceil(256 * 1.62)],
    // Auto is estimated as high.
    ['gpt-4o', 'auto', 765],
  ] as const)('%s at %s, 1024x1024 = %i', (model, detail, tokens) => {
    expect(estimateImageTokens({ model, width: 1024, height: 1024, detail })).toMatchObject({ tokens });
  });

  it('reports the size the model will use', () => {
    expect(estimateImageTokens({ model: 'gpt-4o', width: 2048, height: 4096, detail: 'high' })).toEqual({
      tokens: 1105, family: 'gpt-4o', width: 768, height: 1536,
    });
    expect(estimateImageTokens({ model: 'gpt-4.1-mini', width: 1800, height: 2400, detail: 'high' })).toEqual({
      tokens: 2353, family: 'gpt-4.1-mini', width: 1056, height: 1408,
    });
    expect(estimateImageTokens({ model: 'gpt-4o', width: 300, height: 200, detail: 'high' })).toEqual({
      tokens: 255, family: 'gpt-4o', width: 300, height: 200,
    });
  });

  it('fits gpt-5.4 and later inside 2048 px before the 2,500-patch budget', () => {
    // 4096x4096 -> 2048x2048 (4096 patches) -> budget 2500 -> 1600x1600 = 50x50 patches.
    expect(estimateImageTokens({ model: 'gpt-5.4', width: 4096, height: 4096, detail: 'high' })).toEqual({
      tokens: Math.ceil(2500 * 1.2), family: 'gpt-5.4 and later', width: 1600, height: 1600,
    });
  });

  it('refuses, as the API does, an "original" picture of more than 30,000 patches', () => {
    const result = estimateImageTokens({ model: 'gpt-5.5', width: 8000, height: 8000, detail: 'original' });
    expect(result).toEqual({ tokens: null, reason: 'The API refuses pictures of more than 30,000 patches; this one needs 62,500.' });
    expect(estimateImageTokens({ model: 'gpt-5.4', width: 3200, height: 3200, detail: 'original' })).toMatchObject({ tokens: 12000 });
  });

  it('matches dated and provider-prefixed names to their family, and keeps mini models apart', () => {
    expect(familyOf('gpt-4o-2024-08-06')?.name).toBe('gpt-4o');
    expect(familyOf('openai/gpt-4o')?.name).toBe('gpt-4o');
    expect(familyOf('gpt-4o-mini')?.name).toBe('gpt-4o-mini');
    expect(familyOf('gpt-4.1-mini-2025-04-14')?.name).toBe('gpt-4.1-mini');
    expect(familyOf('gpt-6')?.name).toBe('gpt-5.4 and later');
    expect(familyOf('gpt-5.2')).toBeUndefined();
  });

  it('says it does not know rather than guessing', () => {
    expect(estimateImageTokens({ model: 'llava:13b', width: 100, height: 100, detail: 'high' })).toEqual({
      tokens: null, reason: 'No token formula is known for the model "llava:13b".',
    });
    expect(estimateImageTokens({ model: 'gpt-4o', width: 0, height: 0, detail: 'high' }).tokens).toBeNull();
  });

  it('covers every family of the guide', () => {
    expect(knownFamilies()).toEqual([
      'gpt-4o', 'gpt-4.1', 'gpt-4.5', 'gpt-4o-mini', 'gpt-5', 'o1', 'computer-use-preview',
      'gpt-4.1-mini', 'gpt-4.1-nano', 'o4-mini', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.4 and later',
    ]);
  });
});
