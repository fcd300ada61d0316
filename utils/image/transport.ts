/**
 * Whether a picture goes to the API as its URL (the server downloads it) or as bytes we prepare.
 * A URL is smaller to send and costs us nothing, but only a public http(s) address can be fetched
 * by a server elsewhere on the internet.
 */
import { familyOf } from '../cost/image-tokens';
import { isPrivateHost } from '../private-host';
import type { Detail, SendImagesAs } from '../settings';

/**
 * Why bytes: the setting says so, a server elsewhere could not fetch the address (with the
 * detail), or the model would look at the address's full size where a small view was asked for.
 */
export type Transport = { as: 'url' } | { as: 'bytes'; why: 'setting' | 'not-web' | 'scheme' | 'private' | 'low-detail'; detail?: string };

/**
 * Models that count patches ignore detail "low" for what they download and count the full picture;
 * for them a low-detail question sends the picture itself, already shrunk to the 512 px view.
 */
export function ignoresLowDetail(model: string, detail: Detail): boolean {
  return detail === 'low' && familyOf(model)?.kind === 'patch';
}

/** How to send a picture found at `url`, under the user's "Send images as" setting. */
export function chooseTransport(url: string, setting: SendImagesAs, target?: { model: string; detail: Detail }): Transport {
  if (setting === 'bytes') return { as: 'bytes', why: 'setting' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { as: 'bytes', why: 'not-web' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { as: 'bytes', why: 'scheme', detail: parsed.protocol };
  }
  if (setting === 'url') return { as: 'url' };
  if (isPrivateHost(parsed.hostname)) return { as: 'bytes', why: 'private', detail: parsed.hostname };
  if (target && ignoresLowDetail(target.model, target.detail)) return { as: 'bytes', why: 'low-detail' };
  return { as: 'url' };
}

/**
 * Whether an API error means the server could not download the picture's URL, so sending the
 * bytes instead is worth one more try.
 */
export function isDownloadFailure(error: { status?: number; code?: string | null; message: string }): boolean {
  if (error.code === 'invalid_image_url') return true;
  return (error.status === 400 || error.status === undefined) && /(failed to download|timeout while downloading|could not download|unable to download|image urls? (are|is) not (currently )?supported)/i.test(error.message);
}
