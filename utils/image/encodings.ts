/**
 * What a picture is encoded as before it is sent, and at what quality: pure, so the choice is
 * tested without a browser and the benchmark reads the same numbers (test/bench/image-preparation.bench.ts).
 */

/** The formats the vision APIs name, as image-size names them (header.ts). */
export type ApiFormat = 'png' | 'jpg' | 'webp' | 'gif';

/** OpenAI's list (vision-api.md); a server may take fewer (presets.ts). */
export const API_FORMAT_LIST: readonly ApiFormat[] = ['png', 'jpg', 'webp', 'gif'];

/**
 * Whether a picture of this type (image-size's name) may go as it is to a server taking `formats`;
 * with none named (a copy kept in the browser, sent nowhere yet), any the API names may.
 */
export function takenAsIs(type: string, formats: readonly ApiFormat[] | undefined): boolean {
  return (formats ?? API_FORMAT_LIST).some((format) => format === type);
}

export interface Encoding {
  type: 'image/jpeg' | 'image/webp' | 'image/png';
  /** convertToBlob's quality; none for PNG. WebP at 1 is lossless in Chromium. */
  quality?: number;
  /** Made instead where the browser cannot make `type` (it then makes a PNG, too large for a photo). */
  fallback?: Encoding;
}

/** The JPEG quality photos were always sent at; kept where the server is not known to take WebP. */
export const JPEG_QUALITY = 0.85;

/**
 * Measured, not habit (`npm run bench -- test/bench/image-preparation.bench.ts`, its table of
 * encodings of the model's view): the lowest WebP quality whose PSNR and SSIM against the model's
 * view, drawn unencoded, stay at or above what JPEG 0.85 gives the same picture, on each of the
 * benchmark's photos, a screenshot and a drawing. That threshold is what the extension sent until
 * now, so no picture reaches a model worse than before; a lower one would be a guess, since whether
 * a model answers as well from it cannot be told by the fake server. At 0.78 the 12 MP grainy photo
 * keeps 35.8 dB / 0.937 against JPEG 0.85's 35.7 dB / 0.935, at 154 kB against 197 kB, and the
 * screenshot 46.8 dB against 46.6 dB at 21 kB against 51 kB; at 0.77 both fall below (35.3 dB,
 * 46.4 dB). The price is time: WebP took 60–130 ms to encode where JPEG took 11–21 ms.
 */
export const WEBP_QUALITY = 0.78;

export const JPEG: Encoding = { type: 'image/jpeg', quality: JPEG_QUALITY };
export const WEBP: Encoding = { type: 'image/webp', quality: WEBP_QUALITY, fallback: JPEG };
/** Exact (Chromium makes lossless WebP at quality 1); where it cannot, its PNG is as exact. */
const WEBP_LOSSLESS: Encoding = { type: 'image/webp', quality: 1 };
export const PNG: Encoding = { type: 'image/png' };

/**
 * The encodings a picture is tried in for a server taking `formats` (none named: JPEG and PNG, as
 * for a copy kept in the browser); the smallest one made is sent.
 * - photo (it came as a JPEG): one lossy encoding, WebP where the server takes it, else JPEG;
 *   as PNG or lossless it would only be larger (four to six times, in the benchmark) and slower.
 * - opaque (a screenshot, a drawing): that lossy encoding or PNG, whichever is smaller; lossless
 *   WebP was no smaller than PNG for the screenshot and much slower to make.
 * - transparent: exact encodings only, since JPEG has no transparency and lossy WebP blurs edges:
 *   PNG, or lossless WebP where the server takes it (about half PNG's size for alpha.png).
 */
export function encodingsFor(kind: 'photo' | 'opaque' | 'transparent', formats: readonly ApiFormat[] | undefined): Encoding[] {
  const webp = formats?.includes('webp') ?? false;
  const lossy = webp ? WEBP : JPEG;
  if (kind === 'photo') return [lossy];
  if (kind === 'opaque') return [lossy, PNG];
  return webp ? [PNG, WEBP_LOSSLESS] : [PNG];
}
