import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEEP_SOURCES, loadSource, rememberSource, SOURCES_BUDGET } from '../../utils/image/source-store';

// Sources just under the size that would be shrunk, so these tests need no image decoder.
const source = (fill: string) => `data:image/png;base64,${fill.repeat(1_400_000)}`;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('rememberSource', () => {
  it(`keeps the newest sources within ${SOURCES_BUDGET.toLocaleString('en-US')} characters, dropping the oldest`, async () => {
    for (const [i, fill] of ['A', 'B', 'C', 'D', 'E', 'F', 'G'].entries()) await rememberSource(`c${i}`, source(fill));
    // 7 x 1.4 M characters is over the budget: the oldest go until the rest fit.
    expect(await loadSource('c0')).toBeUndefined();
    expect(await loadSource('c1')).toBeUndefined();
    expect((await loadSource('c6'))?.slice(-3)).toBe('GGG');
    expect((await loadSource('c2'))?.slice(-3)).toBe('CCC');
  });

  it(`keeps at most ${KEEP_SOURCES} sources however small`, async () => {
    for (let i = 0; i <= KEEP_SOURCES; i += 1) await rememberSource(`small${i}`, 'data:image/png;base64,AAAA');
    expect(await loadSource('small0')).toBeUndefined();
    expect(await loadSource(`small${KEEP_SOURCES}`)).toBe('data:image/png;base64,AAAA');
  });
});
