/**
 * Turns picture bytes into what is sent: decoded with its EXIF orientation, shrunk to what the
 * model will use for the chosen detail, and re-encoded in the smallest of the encodings that fit
 * the picture and the server (encodings.ts: WebP where the server takes it, else JPEG or PNG; an
 * exact encoding where transparency needs it). Formats the server refuses are converted; what cannot
 * be sent is refused with a sentence before anything leaves the browser.
 */
import type { Detail, Uplink } from '../settings';
import { bytesToDataUrl, dataUrlLength } from './bytes';
import { encode } from './encode';
import { encodingsFor, takenAsIs, type ApiFormat } from './encodings';
import { API_FORMATS, readHeader, type ImageHeader } from './header';
import { ImageError } from '../shared/image-error';
import { plural, t } from '../shared/i18n';
import { targetSize } from './target-size';

/** The long-standing per-picture limit of the vision APIs. */
export const MAX_SEND_BYTES = 20 * 1024 * 1024;
const THUMBNAIL_SIDE = 256;

const MIME_OF: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };
const FORMAT_NAMES: Record<string, string> = {
  svg: 'SVG', avif: 'AVIF', heif: 'HEIF', bmp: 'BMP', ico: 'ICO', cur: 'CUR', tiff: 'TIFF', gif: 'GIF', webp: 'WebP', png: 'PNG', jpg: 'JPEG',
};

export interface PreparedImage {
  dataUrl: string;
  mime: string;
  width: number;
  height: number;
  /** Bytes of the picture as sent (before base64). */
  bytes: number;
  original: { type: string; width: number; height: number; bytes: number };
  /** Things the user should know about what was sent ("only the first frame of the animation"). */
  notes: string[];
  /** A small JPEG for the conversation (at most 256 px): never the full picture. */
  thumbnail: string;
}

/** Draws SVG markup to pixels; the worker has no DOM, so this runs in a page (see rasterize-svg.ts). */
export type SvgRasterizer = (svg: Uint8Array, width: number, height: number) => Promise<Blob>;

/**
 * Pictures up to this many pixels are decoded whole, then drawn smaller on a canvas: in Chromium
 * that is quicker than createImageBitmap's own resizing at "high" quality (a 12 MP JPEG: about
 * 70 ms against 90–120 ms on the benchmark's machine), and as sharp. Larger ones are not: a whole
 * 24 MP picture is 96 MB of pixels, and preparing one was slower that way (`npm run bench`).
 */
const DECODE_WHOLE_UP_TO = 16_000_000;

/**
 * Decodes a larger picture straight to `size` (the upright size the model will look at): a
 * 100-megapixel photo is 400 MB of pixels at full size, and nothing here needs them all.
 */
async function decode(blob: Blob, header: ImageHeader, shown: { width: number; height: number }, size: { width: number; height: number }): Promise<ImageBitmap> {
  const smaller = (size.width < shown.width || size.height < shown.height) && shown.width * shown.height > DECODE_WHOLE_UP_TO;
  try {
    return await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      ...(smaller ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' as const } : {}),
    });
  } catch (error) {
    const name = FORMAT_NAMES[header.type] ?? header.type.toUpperCase();
    throw new ImageError('undecodable', t('imgUndecodable', name, error instanceof Error ? error.message : String(error)));
  }
}

function draw(bitmap: ImageBitmap | OffscreenCanvas, width: number, height: number, background?: string): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  if (background) {
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

function hasTransparency(canvas: OffscreenCanvas): boolean {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i]! < 255) return true;
  return false;
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

async function thumbnailOf(bitmap: ImageBitmap | OffscreenCanvas): Promise<string> {
  const scale = Math.min(1, THUMBNAIL_SIDE / bitmap.width, THUMBNAIL_SIDE / bitmap.height);
  const canvas = draw(bitmap, Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)), '#ffffff');
  return bytesToDataUrl(await blobBytes(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })), 'image/jpeg');
}

/**
 * A thumbnail of a picture that is sent as its address, so the popup and the history never load
 * the address itself (each opening would tell the site). SVG has none: drawing it needs a page.
 */
export async function thumbnailOfBytes(bytes: Uint8Array): Promise<string | undefined> {
  const header = readHeader(bytes);
  if (header.type === 'svg') return undefined;
  const shown = shownSize(header);
  const scale = Math.min(1, THUMBNAIL_SIDE / shown.width, THUMBNAIL_SIDE / shown.height);
  const size = { width: Math.max(1, Math.round(shown.width * scale)), height: Math.max(1, Math.round(shown.height * scale)) };
  const bitmap = await decode(new Blob([bytes as Uint8Array<ArrayBuffer>]), header, shown, size);
  try {
    return await thumbnailOf(bitmap);
  } finally {
    bitmap.close();
  }
}

/**
 * What the popup says of a picture converted for its format: no vision API takes it (BMP, AVIF…),
 * or the server in use does not (a GIF for Ollama, WebP for LM Studio). Nothing for a format taken.
 */
export function formatNote(type: string, formats: readonly ApiFormat[] | undefined): string | undefined {
  const name = FORMAT_NAMES[type] ?? type;
  if (!API_FORMATS.has(type)) return t('noteConverted', name);
  if (!takenAsIs(type, formats)) return t('noteConvertedForServer', name);
  return undefined;
}

/** Oriented size: EXIF orientations 5–8 swap width and height. */
function shownSize(header: ImageHeader) {
  const swap = (header.orientation ?? 1) >= 5;
  return swap ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}

export async function prepareImage(
  input: Uint8Array,
  /**
   * maxBytes: the original bytes go as they are only up to this size (by default what the API takes).
   * formats: what the server takes (its preset's pictureFormats): an original goes as it is only in
   * one of them, and WebP is made only where it is one. Without it (a copy kept in the browser, sent
   * nowhere yet), any format the API names goes as it is and JPEG or PNG is made.
   * uplink: how fast the bytes go up to the server; on a fast one a photo goes as the JPEG made
   * sooner rather than the smaller WebP (encodings.ts, webpPays).
   */
  target: { model: string; detail: Detail; maxBytes?: number; formats?: readonly ApiFormat[]; uplink?: Uplink },
  rasterizeSvg: SvgRasterizer,
): Promise<PreparedImage> {
  let bytes = input;
  let header = readHeader(bytes);
  const original = { type: header.type, width: header.width, height: header.height, bytes: input.length };
  const notes: string[] = [];

  if (header.type === 'svg') {
    const size = targetSize(target.model, target.detail, header.width || 1024, header.height || 1024);
    bytes = await blobBytes(await rasterizeSvg(bytes, size.width, size.height));
    header = readHeader(bytes);
    notes.push(t('noteSvgConverted'));
  }
  const animated = header.type === 'gif' && header.frames > 1;
  if (animated) notes.push(plural('noteGifFirstFrame', header.frames));
  else if (original.type !== 'svg') {
    const note = formatNote(header.type, target.formats);
    if (note) notes.push(note);
  }

  const shown = shownSize(header);
  const size = targetSize(target.model, target.detail, shown.width, shown.height);
  const bitmap = await decode(new Blob([bytes as Uint8Array<ArrayBuffer>]), header, shown, size);
  try {
    const upright = (header.orientation ?? 1) === 1;
    const fits = shown.width <= size.width && shown.height <= size.height;
    if (takenAsIs(header.type, target.formats) && !animated && upright && fits && bytes.length <= (target.maxBytes ?? MAX_SEND_BYTES)) {
      // Already small enough and in a format the server takes: the original bytes are best.
      const mime = MIME_OF[header.type]!;
      const thumbnail = await thumbnailOf(bitmap);
      return { dataUrl: bytesToDataUrl(bytes, mime), mime, width: shown.width, height: shown.height, bytes: bytes.length, original, notes, thumbnail };
    }
    const canvas = draw(bitmap, size.width, size.height);
    // A photo stays a photo: a JPEG has no transparency to keep. Other pictures (drawings,
    // screenshots) are looked at first.
    const kind = header.type === 'jpg' ? 'photo' : hasTransparency(canvas) ? 'transparent' : 'opaque';
    // The thumbnail is made beside the encodings, not before them: the browser encodes off this
    // thread, so the small one costs the request nothing. From the picture as sent, not the whole
    // one: a quarter of the pixels to shrink, or fewer.
    const [thumbnail, ...encoded] = await Promise.all([
      thumbnailOf(canvas),
      ...encodingsFor(kind, target.formats, target.uplink).map((encoding) => encode(canvas, encoding)),
    ]);
    const best = encoded.reduce((a, b) => (b.blob.size < a.blob.size ? b : a));
    if (dataUrlLength(best.blob.size, best.type) > MAX_SEND_BYTES) {
      throw new ImageError('too-large', t('imgTooLarge'));
    }
    const out = await blobBytes(best.blob);
    return { dataUrl: bytesToDataUrl(out, best.type), mime: best.type, width: size.width, height: size.height, bytes: out.length, original, notes, thumbnail };
  } finally {
    bitmap.close();
  }
}
