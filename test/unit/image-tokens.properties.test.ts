/**
 * The cost shown before a question is asked must be the cost the guide's formulas give
 * (/work/shared/guide/vision-api.md), for every picture the extension takes in, not only for the
 * worked examples. The formulas are written out again here from the guide, in whole-number
 * arithmetic wherever the guide's rule is exact, so a slip in the estimator cannot hide behind the
 * same slip in the check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateImageTokens, type EstimateDetail } from '../../utils/cost/image-tokens';
import { MAX_SIDE } from '../../utils/image/header';

const RUNS = 300;

interface TileRow { kind: 'tile'; base: number; tile: number }
interface PatchRow { kind: 'patch'; multiplier: number; budget: number; fitFirst?: number; original?: boolean }
type Row = TileRow | PatchRow;

const tile = (base: number, perTile: number): TileRow => ({ kind: 'tile', base, tile: perTile });
const patch = (multiplier: number, budget: number, later = false): PatchRow =>
  later ? { kind: 'patch', multiplier, budget, fitFirst: 2048, original: true } : { kind: 'patch', multiplier, budget };

/** The guide's two tables, one row per model name it lists. */
const GUIDE: Readonly<Record<string, Row>> = {
  'gpt-4o': tile(85, 170), 'gpt-4.1': tile(85, 170), 'gpt-4.5': tile(85, 170),
  'gpt-4o-mini': tile(2833, 5667),
  'gpt-5': tile(70, 140), 'gpt-5-chat-latest': tile(70, 140), 'gpt-5.1': tile(70, 140),
  o1: tile(75, 150), 'o1-pro': tile(75, 150), o3: tile(75, 150),
  'computer-use-preview': tile(65, 129),
  'gpt-4.1-mini': patch(1.62, 1536), 'gpt-4.1-nano': patch(2.46, 1536), 'o4-mini': patch(1.72, 1536),
  'gpt-5-mini': patch(1.2, 1536), 'gpt-5-nano': patch(1.5, 1536),
  // "gpt-5.4 and later": fitted inside 2048 px first, a 2,500-patch budget, and detail "original".
  'gpt-5.4': patch(1.2, 2500, true), 'gpt-5.5': patch(1.2, 2500, true), 'gpt-6': patch(1.2, 2500, true),
};
const MODELS = Object.keys(GUIDE);
const TILE_MODELS = MODELS.filter((m) => GUIDE[m]!.kind === 'tile');
const PATCH_MODELS = MODELS.filter((m) => GUIDE[m]!.kind === 'patch');
const LATER_MODELS = MODELS.filter((m) => { const row = GUIDE[m]!; return row.kind === 'patch' && row.original === true; });

/**
 * Fits inside box x box, never up, in whole numbers: the longest side becomes exactly `box`.
 * Pixels are whole, so the other side is rounded down; and a picture keeps at least one pixel a
 * side (a 1x3000 line still covers a tile).
 */
function fitInside(w: number, h: number, box: number): [number, number] {
  const longest = Math.max(w, h);
  if (longest <= box) return [w, h];
  return [Math.max(1, Math.floor((w * box) / longest)), Math.max(1, Math.floor((h * box) / longest))];
}

const patchCount = (w: number, h: number) => Math.ceil(w / 32) * Math.ceil(h / 32);
/** ceil(patches x multiplier) in exact arithmetic: the multipliers have two decimals. */
const patchTokens = (patches: number, multiplier: number) => Math.ceil((patches * Math.round(multiplier * 100)) / 100);

/** The guide's rule for tile models at high (and auto) detail. */
function tileView(w: number, h: number): [number, number] {
  let [fw, fh] = fitInside(w, h, 2048);
  const shortest = Math.min(fw, fh);
  if (shortest > 768) [fw, fh] = [Math.floor((fw * 768) / shortest), Math.floor((fh * 768) / shortest)];
  return [fw, fh];
}

/** The guide's resize for patch models, step by step as it is written there. */
function patchView(row: PatchRow, w0: number, h0: number, detail: EstimateDetail): [number, number] {
  if (detail === 'original') return [w0, h0];
  // What the model sees at low detail is at most 512x512 (the guide's last paragraph on cost).
  let [w, h] = detail === 'low' ? fitInside(w0, h0, 512) : row.fitFirst ? fitInside(w0, h0, row.fitFirst) : [w0, h0];
  if (patchCount(w, h) > row.budget) {
    let s = Math.sqrt((32 * 32 * row.budget) / (w * h));
    s *= Math.min(Math.floor((w * s) / 32) / ((w * s) / 32), Math.floor((h * s) / 32) / ((h * s) / 32));
    [w, h] = [Math.floor(w * s), Math.floor(h * s)];
  }
  return [w, h];
}

function guideEstimate(model: string, w: number, h: number, detail: EstimateDetail) {
  const row = GUIDE[model]!;
  if (row.kind === 'tile') {
    if (detail === 'low') return { tokens: row.base };
    const [fw, fh] = tileView(w, h);
    return { tokens: row.base + Math.ceil(fw / 512) * Math.ceil(fh / 512) * row.tile, width: fw, height: fh };
  }
  const [pw, ph] = patchView(row, w, h, detail);
  return { tokens: patchTokens(patchCount(pw, ph), row.multiplier), width: pw, height: ph };
}

/**
 * A side of a picture the extension takes in (header.ts refuses more than MAX_SIDE): any size,
 * with extra weight on the edges of tiles, patches and the 512/768/2048 boxes, where rounding bites.
 */
const side = fc.oneof(
  fc.integer({ min: 1, max: MAX_SIDE }),
  fc.integer({ min: 1, max: 3000 }),
  fc.constantFrom(1, 2, 31, 32, 33, 511, 512, 513, 767, 768, 769, 1023, 1024, 1025, 1535, 1536, 1537, 2047, 2048, 2049, 4096, MAX_SIDE),
);
const size = fc.tuple(side, side);

describe('estimateImageTokens: properties of the guide\'s formulas', () => {
  it('tile models at high and auto detail cost what the guide says, and report the size the model sees', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TILE_MODELS), fc.constantFrom<EstimateDetail>('high', 'auto'), size, (model, detail, [w, h]) => {
        const expected = guideEstimate(model, w, h, detail);
        expect(estimateImageTokens({ model, width: w, height: h, detail })).toMatchObject(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('tile models at low detail cost the base, whatever the size', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TILE_MODELS), size, (model, [w, h]) => {
        expect(estimateImageTokens({ model, width: w, height: h, detail: 'low' }).tokens).toBe((GUIDE[model] as TileRow).base);
      }),
      { numRuns: RUNS },
    );
  });

  it('patch models cost ceil(patches x multiplier) after the guide\'s resize, at every detail they are offered', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATCH_MODELS), fc.constantFrom<EstimateDetail>('high', 'auto', 'low'), size, (model, detail, [w, h]) => {
        const expected = guideEstimate(model, w, h, detail);
        expect(estimateImageTokens({ model, width: w, height: h, detail })).toMatchObject(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('a picture under the budget costs ceil(patches x multiplier) on every patch model, a part of a patch counting whole', () => {
    // Sides of a to 48 and b to 32 patches stay under every budget (1,536 patches), so nothing is
    // resized. Multiples of 50 patches get extra weight: there 150 x 1.62 is 243.00000000000003 in
    // floating point, and a careless ceil charges 244.
    const across = fc.oneof(fc.integer({ min: 1, max: 48 }), fc.constantFrom(5, 10, 20, 22, 25, 40, 44, 46));
    const down = fc.oneof(fc.integer({ min: 1, max: 32 }), fc.constantFrom(25, 30));
    const shortOf = fc.integer({ min: 0, max: 31 });
    fc.assert(
      fc.property(across, down, shortOf, shortOf, (a, b, dw, dh) => {
        const [w, h] = [32 * a - dw, 32 * b - dh];
        for (const model of PATCH_MODELS) {
          const { multiplier } = GUIDE[model] as PatchRow;
          expect(estimateImageTokens({ model, width: w, height: h, detail: 'high' })).toMatchObject({ tokens: patchTokens(a * b, multiplier), width: w, height: h });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a picture costs at least one tile or patch and never more than its model\'s ceiling', () => {
    // What a user can count on whatever they point at: high detail on a tile model is 1 to 8 tiles
    // (at most 768 x 2048 px is seen), a patch model never counts more than its budget.
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.constantFrom<EstimateDetail>('high', 'auto', 'low'), size, (model, detail, [w, h]) => {
        const row = GUIDE[model]!;
        const { tokens } = estimateImageTokens({ model, width: w, height: h, detail });
        if (row.kind === 'tile') {
          const [least, most] = detail === 'low' ? [row.base, row.base] : [row.base + row.tile, row.base + 8 * row.tile];
          expect(tokens).toBeGreaterThanOrEqual(least);
          expect(tokens).toBeLessThanOrEqual(most);
        } else {
          expect(tokens).toBeGreaterThanOrEqual(patchTokens(1, row.multiplier));
          expect(tokens).toBeLessThanOrEqual(patchTokens(detail === 'low' ? 256 : row.budget, row.multiplier));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the size reported is one the model can see: whole pixels, never larger than the picture, inside the box, same shape', () => {
    // target-size.ts sends exactly this size; the picture must not grow, be cut or be squashed.
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.constantFrom<EstimateDetail>('high', 'auto', 'low'), size, (model, detail, [w, h]) => {
        const row = GUIDE[model]!;
        const estimate = estimateImageTokens({ model, width: w, height: h, detail });
        if (estimate.tokens === null) throw new Error(estimate.reason);
        const { width, height } = estimate;
        expect(Number.isInteger(width) && Number.isInteger(height)).toBe(true);
        expect(width).toBeGreaterThanOrEqual(1);
        expect(height).toBeGreaterThanOrEqual(1);
        expect(width).toBeLessThanOrEqual(w);
        expect(height).toBeLessThanOrEqual(h);
        if (detail === 'low') {
          expect(Math.max(width, height)).toBeLessThanOrEqual(512);
        } else if (row.kind === 'tile') {
          expect(Math.max(width, height)).toBeLessThanOrEqual(2048);
          expect(Math.min(width, height)).toBeLessThanOrEqual(768);
        } else {
          expect(patchCount(width, height)).toBeLessThanOrEqual(row.budget);
          if (row.fitFirst) expect(Math.max(width, height)).toBeLessThanOrEqual(row.fitFirst);
        }
        // One scale for both sides, give or take the pixel each of the two resize steps rounds
        // away (and the pixel a side keeps at the least): |width*h - height*w| < 2(w + h).
        expect(Math.abs(width * h - height * w)).toBeLessThan(2 * (w + h));
      }),
      { numRuns: RUNS },
    );
  });

  it('detail "original" on gpt-5.4 and later sends the picture as it is and is refused over 30,000 patches', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LATER_MODELS), size, (model, [w, h]) => {
        const patches = patchCount(w, h);
        const estimate = estimateImageTokens({ model, width: w, height: h, detail: 'original' });
        if (patches > 30_000) expect(estimate.tokens).toBeNull();
        else expect(estimate).toMatchObject({ tokens: patchTokens(patches, 1.2), width: w, height: h });
      }),
      { numRuns: RUNS },
    );
  });

  it('detail "original" is not priced for models that do not offer it', () => {
    const others = MODELS.filter((m) => !LATER_MODELS.includes(m));
    fc.assert(
      fc.property(fc.constantFrom(...others), size, (model, [w, h]) => {
        expect(estimateImageTokens({ model, width: w, height: h, detail: 'original' }).tokens).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('a dated, provider-prefixed or differently cased name costs what the bare name costs', () => {
    // Servers spell the same model "openai/GPT-4o-2024-08-06"; the user must see the same price.
    const date = fc.tuple(fc.integer({ min: 2023, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => `-${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.constantFrom('', 'openai/', 'azure/openai/', 'OpenAI/'),
        fc.option(date, { nil: '' }),
        fc.constantFrom('', ' ', '\t'),
        fc.boolean(),
        fc.constantFrom<EstimateDetail>('high', 'low'),
        size,
        (model, prefix, suffix, pad, upper, detail, [w, h]) => {
          const spelled = `${pad}${prefix}${upper ? model.toUpperCase() : model}${suffix}${pad}`;
          expect(estimateImageTokens({ model: spelled, width: w, height: h, detail }).tokens).toBe(guideEstimate(model, w, h, detail).tokens);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a model the guide does not list gets "unknown", never a guess', () => {
    // Local models are named like "llava:13b" or "qwen2.5-vl:7b"; no table entry has a colon.
    const localModel = fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}:[a-z0-9.]{1,8}$/);
    fc.assert(
      fc.property(fc.oneof(localModel, fc.constantFrom('gpt-5.2', 'gpt-5.3', 'gpt-3.5-turbo', 'gpt-4')), size, (model, [w, h]) => {
        expect(estimateImageTokens({ model, width: w, height: h, detail: 'high' }).tokens).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});
