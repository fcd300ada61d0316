/**
 * targetSize is the size a picture is redrawn to before it is sent (prepare.ts). A user relies on
 * it never blurring a picture by enlarging it, never distorting it, never sending a size the
 * model would shrink again (upload time for nothing), and on the cost estimate being made for
 * the very size that is sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateImageTokens, familyOf } from '../../utils/cost/image-tokens';
import { MAX_SIDE } from '../../utils/image/header';
import { targetSize } from '../../utils/image/target-size';
import type { Detail } from '../../utils/settings';

const RUNS = 300;

/** Models of every kind the estimator knows, and local models it does not. */
const KNOWN = ['gpt-4o', 'gpt-4o-mini', 'gpt-5', 'o3', 'computer-use-preview', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o4-mini', 'gpt-5-mini', 'gpt-5.4', 'gpt-6'];
const UNKNOWN = ['llava:13b', 'qwen2.5-vl:7b', 'gemma3:4b'];
const model = fc.constantFrom(...KNOWN, ...UNKNOWN);
const detail = fc.constantFrom<Detail>('auto', 'low', 'high');
/** Picture sides the extension accepts (header.ts), weighted to the 512 / 768 / 2048 boxes and to extreme shapes. */
const side = fc.oneof(
  fc.integer({ min: 1, max: MAX_SIDE }),
  fc.integer({ min: 1, max: 3000 }),
  fc.constantFrom(1, 2, 3, 511, 512, 513, 767, 768, 769, 1024, 2047, 2048, 2049, 4000, MAX_SIDE),
);

describe('targetSize: the size a picture is redrawn to', () => {
  it('is whole pixels, at least 1 x 1, and never larger than the picture', () => {
    fc.assert(
      fc.property(model, detail, side, side, (m, d, w, h) => {
        const size = targetSize(m, d, w, h);
        expect(Number.isInteger(size.width) && Number.isInteger(size.height)).toBe(true);
        expect(size.width).toBeGreaterThanOrEqual(1);
        expect(size.height).toBeGreaterThanOrEqual(1);
        expect(size.width).toBeLessThanOrEqual(w);
        expect(size.height).toBeLessThanOrEqual(h);
      }),
      { numRuns: RUNS },
    );
  });

  it('is within what the model looks at, for the detail asked', () => {
    // Low detail: at most 512 px a side (guide: "low = at most 512x512"). High and auto: tile models
    // see at most 2048 px, the shortest side at most 768; patch models at most their patch budget;
    // a model with no known formula (a local one) at most 2048 px.
    fc.assert(
      fc.property(model, detail, side, side, (m, d, w, h) => {
        const { width, height } = targetSize(m, d, w, h);
        const family = familyOf(m);
        if (d === 'low') {
          expect(Math.max(width, height)).toBeLessThanOrEqual(512);
        } else if (family?.kind === 'patch') {
          expect(Math.ceil(width / 32) * Math.ceil(height / 32)).toBeLessThanOrEqual(family.budget);
          if (family.fitFirst) expect(Math.max(width, height)).toBeLessThanOrEqual(family.fitFirst);
        } else {
          expect(Math.max(width, height)).toBeLessThanOrEqual(2048);
          if (family) expect(Math.min(width, height)).toBeLessThanOrEqual(768);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('is not shrunk below what the model looks at', () => {
    // A picture already inside the model's view is sent as it is: shrinking it would cost detail
    // and save nothing. (Inside the view: within 512 px at low detail, within 768 x 2048 for tile
    // models and unknown ones at high, within the patch budget and 2048 px for patch models.)
    fc.assert(
      fc.property(model, detail, side, side, (m, d, w, h) => {
        const family = familyOf(m);
        const fitsView =
          d === 'low'
            ? Math.max(w, h) <= 512
            : family?.kind === 'patch'
              ? Math.ceil(w / 32) * Math.ceil(h / 32) <= family.budget && Math.max(w, h) <= (family.fitFirst ?? Infinity)
              : Math.max(w, h) <= 2048 && (!family || Math.min(w, h) <= 768);
        if (fitsView) expect(targetSize(m, d, w, h)).toEqual({ width: w, height: h });
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the picture\'s shape, give or take the rounding of each resize step', () => {
    // width/height stays w/h: |width*h - height*w| < 2(w + h) allows each side to be off the
    // common scale by under 2 px (two resize steps, each rounding) and a 1 px floor on thin lines.
    fc.assert(
      fc.property(model, detail, side, side, (m, d, w, h) => {
        const { width, height } = targetSize(m, d, w, h);
        expect(Math.abs(width * h - height * w)).toBeLessThan(2 * (w + h));
      }),
      { numRuns: RUNS },
    );
  });

  it('is the size the cost estimate was made for, for every model with a formula', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), detail, side, side, (m, d, w, h) => {
        const estimate = estimateImageTokens({ model: m, detail: d, width: w, height: h });
        if (estimate.tokens === null) throw new Error(estimate.reason);
        expect(targetSize(m, d, w, h)).toEqual({ width: estimate.width, height: estimate.height });
      }),
      { numRuns: RUNS },
    );
  });
});
