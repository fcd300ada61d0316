/**
 * What a file claims to be, read from its first bytes before anything is decoded: the format, the
 * size, the EXIF orientation, and whether it is complete. This is where files that must not reach
 * the decoder are stopped (decompression bombs, web pages served as pictures, truncated files).
 */
import { imageSize } from 'image-size';
import { API_FORMAT_LIST } from './encodings';
import { ImageError } from '../shared/image-error';
import { t } from '../shared/i18n';

/** Formats the vision APIs accept as they are (OpenAI's list; a server may take fewer: presets.ts). */
export const API_FORMATS: ReadonlySet<string> = new Set(API_FORMAT_LIST);

/**
 * Larger than any screen or camera makes (a 102-megapixel medium-format photo is 11,648 x 8,736);
 * what claims more is a decompression bomb. Pictures are decoded straight to the size the model
 * sees (prepare.ts), so a real photo this large never sits in the worker at full size.
 */
export const MAX_SIDE = 20_000;
export const MAX_PIXELS = 120_000_000;

export interface ImageHeader {
  /** image-size's name for the format: png, jpg, gif, webp, svg, bmp, ico, avif, tiff, … */
  type: string;
  width: number;
  height: number;
  /** EXIF orientation 1–8 (JPEG), when the file has one. */
  orientation?: number;
  /** Frames in a GIF; more than one means it is animated. */
  frames: number;
}

const startsWithMarkup = (bytes: Uint8Array) => {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
};

/** Counts GIF image descriptors by walking its blocks (the header parser reports only the first). */
export function gifFrameCount(bytes: Uint8Array): number {
  let i = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 0x80) i += 3 * 2 ** ((flags & 0x07) + 1);
  let frames = 0;
  const skipSubBlocks = () => {
    while (i < bytes.length && bytes[i] !== 0) i += (bytes[i] ?? 0) + 1;
    i += 1;
  };
  while (i < bytes.length) {
    const block = bytes[i];
    if (block === 0x3b) break;
    if (block === 0x21) {
      i += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames += 1;
      const local = bytes[i + 9] ?? 0;
      i += 10;
      if (local & 0x80) i += 3 * 2 ** ((local & 0x07) + 1);
      i += 1; // LZW minimum code size
      skipSubBlocks();
    } else {
      break;
    }
  }
  return frames;
}

/** Whether the file ends the way its format says it must; a cut download does not. */
function isComplete(type: string, bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  const has = (pattern: number[]) =>
    tail.some((_, i) => pattern.every((b, j) => tail[i + j] === b));
  switch (type) {
    case 'jpg':
      return has([0xff, 0xd9]);
    case 'png':
      return has([0x49, 0x45, 0x4e, 0x44]); // IEND
    case 'gif':
      return tail.at(-1) === 0x3b || tail.at(-2) === 0x3b;
    default:
      return true;
  }
}

/**
 * What browsers make of a drawing that states no size (no width, height or viewBox): CSS's default
 * object size, which Chrome also reports as the picture's natural size.
 */
const UNSIZED_SVG = { width: 300, height: 150 };

const isSvgMarkup = (bytes: Uint8Array) => /<svg[\s>]/.test(new TextDecoder().decode(bytes.subarray(0, 4096)));

const TRUNCATED = () =>
  new ImageError('truncated', t('imgTruncated'));

/** The formats whose end marker we check, told apart by their first bytes. */
function magicType(bytes: Uint8Array): 'jpg' | 'png' | 'gif' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'gif';
  return undefined;
}

export function readHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length === 0) throw new ImageError('empty', t('imgEmpty'));
  if (startsWithMarkup(bytes)) {
    throw new ImageError('not-an-image', t('imgWebPage'));
  }
  const claimed = magicType(bytes);
  if (claimed && !isComplete(claimed, bytes)) throw TRUNCATED();
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch (error) {
    // image-size cannot size an <svg> without width, height or viewBox, but a browser draws it.
    if (isSvgMarkup(bytes)) return { type: 'svg', ...UNSIZED_SVG, frames: 1 };
    const why = error instanceof Error ? error.message : String(error);
    // A format's fault is named as image-size says it ("Corrupt JPG, exceeded buffer limits"). First
    // bytes of no format ("unsupported file type: undefined") or too few to tell (a RangeError,
    // "Offset is outside the bounds of the DataView") are words for developers: said in plain ones.
    const noFormat = error instanceof RangeError || why.startsWith('unsupported file type');
    throw new ImageError('undecodable', noFormat ? t('imgNotAPicture') : t('imgUnknownFormat', why));
  }
  const { type = 'unknown', width = 0, height = 0, orientation } = size;
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new ImageError('too-large', t('imgBomb', width.toLocaleString('en-US'), height.toLocaleString('en-US')));
  }
  return { type, width, height, ...(orientation ? { orientation } : {}), frames: type === 'gif' ? gifFrameCount(bytes) : 1 };
}
