/**
 * The byte limit on a picture's body holds on what arrives, added up over every piece: a server
 * that sends many small pieces, each under the limit, is stopped once their sum passes it, and the
 * rest is neither read nor left downloading.
 */
import { describe, expect, it } from 'vitest';
import { ImageError } from '../../utils/shared/image-error';
import { readCapped } from '../../utils/shared/read-capped';

const LIMIT = 64 * 1024;
const PIECE = 4096;

/** A body of `total` bytes in `PIECE`-byte pieces that counts what was pulled from it and whether it was cancelled. */
function countedBody(total: number, headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const size = Math.min(PIECE, total - seen.pulled);
        seen.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(7));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    // One piece at a time: what was pulled is what the reader asked for.
    { highWaterMark: 0 },
  );
  return { response: new Response(body, { headers }), seen };
}

async function refusal(promise: Promise<unknown>): Promise<ImageError> {
  const error = await promise.then(
    (value) => new Error(`read ${(value as Uint8Array).byteLength} bytes, where the limit is ${LIMIT}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImageError);
  return error as ImageError;
}

describe('readCapped', () => {
  it('stops a body of small pieces once their sum passes the limit, and cancels the rest', async () => {
    const { response, seen } = countedBody(16 * LIMIT);
    const error = await refusal(readCapped(response, LIMIT));
    expect(error.kind).toBe('too-large');
    expect(seen.pulled, 'bytes pulled from the body').toBeLessThanOrEqual(LIMIT + 2 * PIECE);
    expect(seen.cancelled, 'the rest of the download cancelled').toBe(true);
  });

  it('refuses a body one byte over the limit', async () => {
    const { response } = countedBody(LIMIT + 1);
    expect((await refusal(readCapped(response, LIMIT))).kind).toBe('too-large');
  });

  it('gives back a body exactly at the limit, whole', async () => {
    const { response } = countedBody(LIMIT);
    const bytes = await readCapped(response, LIMIT);
    expect(bytes.byteLength).toBe(LIMIT);
    expect(bytes.every((byte) => byte === 7)).toBe(true);
  });

  it('refuses a body announced over the limit before reading any of it', async () => {
    const { response, seen } = countedBody(16 * LIMIT, { 'content-length': String(16 * LIMIT) });
    expect((await refusal(readCapped(response, LIMIT))).kind).toBe('too-large');
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('holds the limit on what arrives, whatever smaller size was announced', async () => {
    const { response, seen } = countedBody(16 * LIMIT, { 'content-length': '100' });
    expect((await refusal(readCapped(response, LIMIT))).kind).toBe('too-large');
    expect(seen.pulled).toBeLessThanOrEqual(LIMIT + 2 * PIECE);
  });
});
