/** A canvas encoded as one of encodings.ts's encodings, as what the browser actually made. */
import type { Encoding } from './encodings';

interface Encoded {
  /** The type of the bytes made, which is what the data URL must say (never the type asked for). */
  type: string;
  blob: Blob;
}

/**
 * convertToBlob makes a PNG, silently, when it cannot make the type asked (a browser without a WebP
 * encoder): the blob's own type is checked, and the encoding's fallback made instead where it has one.
 */
export async function encode(canvas: Pick<OffscreenCanvas, 'convertToBlob'>, encoding: Encoding): Promise<Encoded> {
  const blob = await canvas.convertToBlob(encoding.quality === undefined ? { type: encoding.type } : { type: encoding.type, quality: encoding.quality });
  if (blob.type === encoding.type || !encoding.fallback) return { type: blob.type, blob };
  return encode(canvas, encoding.fallback);
}
