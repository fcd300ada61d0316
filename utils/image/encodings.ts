/**
 * What a picture is encoded as before it is sent, and at what quality: pure, so the choice is
 * tested without a browser and the benchmark reads the same numbers (test/bench/image-preparation.bench.ts).
 */

import type { Uplink } from '../request-kinds';

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
 * Whether a photo's WebP is worth its time on the way to a server, by the uplink the user expects
 * there (`npm run bench`, its table of JPEG and WebP end to end: download, decode, draw, encode,
 * base64, send, for the 12 MP photo at 1024x768). WebP makes a request body 52–57 kB smaller (206–211
 * against 263 kB) and takes 72–132 ms longer to encode (JPEG 33–64 ms, WebP 108–190 ms, four runs at
 * load 8–13): those bytes take 84–91 ms at 5 Mbit/s, 21–23 ms at 20 and 4–5 at 100. End to end, JPEG
 * was quicker on loopback and at 20 and 100 Mbit/s in every run (by 38–184 ms at 20), and at 5 Mbit/s
 * in three runs of four (WebP by 33 ms in the fourth): WebP pays only below about 5 Mbit/s. Where the
 * uplink is not known, WebP stays: its loss on a fast link is bounded by its encoding time, while
 * JPEG's loss on a slow one grows as the link slows (about 350 ms more at 1 Mbit/s).
 */
export function webpPays(uplink: Uplink | undefined): boolean {
  return uplink !== 'fast';
}

/**
 * The encodings a picture is tried in for a server taking `formats` (none named: JPEG and PNG, as
 * for a copy kept in the browser); the smallest one made is sent.
 * - photo (it came as a JPEG): one lossy encoding, WebP where the server takes it and the uplink
 *   makes it worth its time (webpPays), else JPEG; as PNG or lossless it would only be larger (four
 *   to six times, in the benchmark) and slower.
 * - opaque (a screenshot, a drawing): that lossy encoding or PNG, whichever is smaller; lossless
 *   WebP was no smaller than PNG for the screenshot and much slower to make.
 * - transparent: exact encodings only, since JPEG has no transparency and lossy WebP blurs edges:
 *   PNG, or lossless WebP where the server takes it (about half PNG's size for alpha.png).
 */
export function encodingsFor(kind: 'photo' | 'opaque' | 'transparent', formats: readonly ApiFormat[] | undefined, uplink?: Uplink): Encoding[] {
  const webp = formats?.includes('webp') ?? false;
  const lossy = webp ? WEBP : JPEG;
  // Measured for photos only: a screenshot's or a drawing's encodings keep the smallest, as before.
  if (kind === 'photo') return [webpPays(uplink) ? lossy : JPEG];
  if (kind === 'opaque') return [lossy, PNG];
  return webp ? [PNG, WEBP_LOSSLESS] : [PNG];
}
