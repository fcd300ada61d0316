import { describe, expect, it } from 'vitest';
import { plainText } from '../../utils/render/plain-text';

describe('plainText: what a screen reader hears of an answer', () => {
  it.each([
    ['The hills are **rolling green hills**.', 'The hills are rolling green hills.'],
    ['- Soft textures\n- Warm light', 'Soft textures\nWarm light'],
    ['1. First\n2. Second', 'First\nSecond'],
    ['## A heading\n\nThen *a* paragraph with `code`.', 'A heading\nThen a paragraph with code.'],
    ['See [the source](https://example.com) ~~now~~.', 'See the source now.'],
    ['A chart: ![sales by month](https://x.test/c.png)', 'A chart: [sales by month]'],
    ['| a | b |\n|---|---|\n| 1 | 2 |', 'a, b\n1, 2'],
    ['Raw <b>html</b> stays as text.', 'Raw <b>html</b> stays as text.'],
    ['5 * 3 is 15, and a_b is a name.', '5 * 3 is 15, and a_b is a name.'],
    // A sentence cut inside a bold span the model has not closed yet.
    ['**One.', 'One.'],
  ])('%j is heard as %j', (markdown, heard) => {
    expect(plainText(markdown)).toBe(heard);
  });
});
