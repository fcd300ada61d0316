/**
 * How many input tokens a picture costs, before sending, per model family (the guide's
 * vision-api.md). These are estimates: the ledger always records what the API reported.
 */
import { modelFamilyName } from './model-name';

export type EstimateDetail = 'low' | 'high' | 'auto' | 'original';

interface TileFamily {
  kind: 'tile';
  name: string;
  base: number;
  tile: number;
  /** Tile models resize every picture: none of them takes detail "original". */
  original?: undefined;
}
interface PatchFamily {
  kind: 'patch';
  name: string;
  multiplier: number;
  budget: number;
  /** Newer models fit the picture inside 2048x2048 before counting patches. */
  fitFirst?: number;
  /** Models that accept detail "original" (no resizing; over 30,000 patches is refused). */
  original?: boolean;
}
export type Family = TileFamily | PatchFamily;

const tile = (name: string, base: number, tileTokens: number): TileFamily => ({ kind: 'tile', name, base, tile: tileTokens });
const patch = (name: string, multiplier: number, budget: number, extra: Partial<PatchFamily> = {}): PatchFamily => ({
  kind: 'patch', name, multiplier, budget, ...extra,
});

/** Families by the model names that belong to them (after dates and providers are stripped). */
const FAMILIES: Readonly<Record<string, Family>> = {
  'gpt-4o': tile('gpt-4o', 85, 170),
  'gpt-4.1': tile('gpt-4.1', 85, 170),
  'gpt-4.5': tile('gpt-4.5', 85, 170),
  'gpt-4.5-preview': tile('gpt-4.5', 85, 170),
  'gpt-4o-mini': tile('gpt-4o-mini', 2833, 5667),
  'gpt-5': tile('gpt-5', 70, 140),
  'gpt-5-chat': tile('gpt-5', 70, 140),
  'gpt-5.1': tile('gpt-5', 70, 140),
  o1: tile('o1', 75, 150),
  'o1-pro': tile('o1', 75, 150),
  o3: tile('o1', 75, 150),
  'computer-use-preview': tile('computer-use-preview', 65, 129),
  'gpt-4.1-mini': patch('gpt-4.1-mini', 1.62, 1536),
  'gpt-4.1-nano': patch('gpt-4.1-nano', 2.46, 1536),
  'o4-mini': patch('o4-mini', 1.72, 1536),
  'gpt-5-mini': patch('gpt-5-mini', 1.2, 1536),
  'gpt-5-nano': patch('gpt-5-nano', 1.5, 1536),
};

const LATER_PATCH = patch('gpt-5.4 and later', 1.2, 2500, { fitFirst: 2048, original: true });
export const MAX_PATCHES = 30_000;

/** The family of a model, or undefined. gpt-5.4, gpt-5.5, … and gpt-6 onwards share one family. */
export function familyOf(model: string): Family | undefined {
  const name = modelFamilyName(model);
  if (Object.hasOwn(FAMILIES, name)) return FAMILIES[name];
  const version = /^gpt-(\d+)(?:\.(\d+))?$/.exec(name);
  if (version) {
    const major = Number(version[1]);
    const minor = Number(version[2] ?? 0);
    if (major > 5 || (major === 5 && minor >= 4)) return LATER_PATCH;
  }
  return undefined;
}

/** Names of every family the estimator knows, for the options and the closing note. */
export function knownFamilies(): string[] {
  return [...new Set([...Object.values(FAMILIES), LATER_PATCH].map((f) => f.name))];
}

/** Scales (w, h) down to fit inside `box` x `box`, never up. */
function fit(w: number, h: number, box: number): [number, number] {
  const longest = Math.max(w, h);
  // Stryker disable next-line EqualityOperator: sizes are whole pixels, so a side exactly `box` long scales to itself.
  if (longest <= box) return [w, h];
  // Multiply before dividing: w * (box / w) can land a hair under box (2215 * (2048 / 2215) is
  // 2047.99…), and rounding down then loses a pixel, at a tile's edge a whole row of tiles
  // (1182x2365 was estimated at 6 tiles instead of 8). A side keeps at least one pixel: a 1x3000
  // line was estimated 0 px wide, costing no tiles at all.
  return [Math.max(1, Math.floor((w * box) / longest)), Math.max(1, Math.floor((h * box) / longest))];
}

function tileEstimate(family: TileFamily, w: number, h: number, detail: EstimateDetail) {
  if (detail === 'low') {
    const [lw, lh] = fit(w, h, 512);
    return { tokens: family.base, width: lw, height: lh };
  }
  let [fw, fh] = fit(w, h, 2048);
  const shortest = Math.min(fw, fh);
  // Stryker disable next-line EqualityOperator: sizes are whole pixels, so a shortest side of exactly 768 scales to itself.
  if (shortest > 768) {
    // Multiply before dividing, as in fit(): 1070 * (768 / 1070) rounds down to 767.
    [fw, fh] = [Math.floor((fw * 768) / shortest), Math.floor((fh * 768) / shortest)];
  }
  const tiles = Math.ceil(fw / 512) * Math.ceil(fh / 512);
  return { tokens: family.base + tiles * family.tile, width: fw, height: fh };
}

const patchCount = (w: number, h: number) => Math.ceil(w / 32) * Math.ceil(h / 32);

/** The guide's resize for patch models: shrink until the patches fit the budget, on whole patches. */
function fitPatches(w: number, h: number, budget: number): [number, number] {
  if (patchCount(w, h) <= budget) return [w, h];
  let s = Math.sqrt((32 * 32 * budget) / (w * h));
  s *= Math.min(Math.floor((w * s) / 32) / ((w * s) / 32), Math.floor((h * s) / 32) / ((h * s) / 32));
  return [Math.floor(w * s), Math.floor(h * s)];
}

function patchEstimate(family: PatchFamily, w: number, h: number, detail: EstimateDetail) {
  let [pw, ph] = [w, h];
  if (detail === 'original' && family.original) {
    // No resizing at all: what is too large is refused by the API rather than shrunk.
  } else {
    // Low detail shows the model at most 512x512 (the guide); the patch count follows from that.
    if (detail === 'low') [pw, ph] = fit(pw, ph, 512);
    else if (family.fitFirst) [pw, ph] = fit(pw, ph, family.fitFirst);
    [pw, ph] = fitPatches(pw, ph, family.budget);
  }
  const patches = patchCount(pw, ph);
  if (patches > MAX_PATCHES) {
    return { tokens: null, reason: `The API refuses pictures of more than ${MAX_PATCHES.toLocaleString('en-US')} patches; this one needs ${patches.toLocaleString('en-US')}.` } as const;
  }
  // The multipliers have two decimals, so the exact product is whole hundredths; rounding to them
  // first keeps float noise from adding a token (150 * 1.62 is 243.00000000000003, not 244 tokens).
  return { tokens: Math.ceil(Math.round(patches * family.multiplier * 100) / 100), width: pw, height: ph };
}

export type ImageTokenEstimate =
  | { tokens: number; family: string; width: number; height: number }
  | { tokens: null; reason: string };

export function estimateImageTokens(input: {
  model: string;
  width: number;
  height: number;
  detail: EstimateDetail;
}): ImageTokenEstimate {
  const { model, width, height, detail } = input;
  if (!(width > 0 && height > 0)) return { tokens: null, reason: 'The size of the picture is not known yet.' };
  const family = familyOf(model);
  if (!family) return { tokens: null, reason: `No token formula is known for the model "${model}".` };
  if (detail === 'original' && !family.original) {
    return { tokens: null, reason: `Detail "original" is not offered for ${family.name}.` };
  }
  const result = family.kind === 'tile' ? tileEstimate(family, width, height, detail) : patchEstimate(family, width, height, detail);
  return result.tokens === null ? result : { ...result, family: family.name };
}
