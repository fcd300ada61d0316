import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gifFrameCount, readHeader } from '../../utils/image/header';
import { ImageError } from '../../utils/shared/image-error';

/** A PNG that says it is width x height: its header and its end, with no pixels between. */
function pngClaiming(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(45);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  bytes.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], 33);
  return bytes;
}

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../fixtures/images', name)));

describe('readHeader', () => {
  it.each([
    ['red.png', 'png', 64, 48],
    ['picture.webp', 'webp', 160, 120],
    ['animated.gif', 'gif', 100, 80],
    ['drawing.svg', 'svg', 300, 200],
    ['picture.avif', 'avif', 160, 120],
    ['picture.bmp', 'bmp', 160, 120],
    ['picture.ico', 'ico', 48, 48],
    ['alpha.png', 'png', 200, 150],
  ])('%s is %s, %ix%i', (name, type, width, height) => {
    expect(readHeader(fixture(name))).toMatchObject({ type, width, height });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads EXIF orientation %i', (n) => {
    expect(readHeader(fixture(`exif/orientation-${n}.jpg`))).toMatchObject({ type: 'jpg', orientation: n });
  });

  it('counts the frames of an animated GIF', () => {
    expect(readHeader(fixture('animated.gif')).frames).toBe(2);
    expect(gifFrameCount(fixture('animated.gif'))).toBe(2);
  });

  it.each([
    ['empty.png', 'empty', 'The picture is empty (0 bytes), so there is nothing to send.'],
    ['html-as-png.png', 'not-an-image', 'The address returned a web page, not a picture (perhaps a sign-in page). Nothing was sent.'],
    ['truncated.jpg', 'truncated', 'The picture file is cut short (damaged or only partly downloaded). Nothing was sent.'],
    ['bomb.png', 'too-large', 'The picture says it is 100,000 × 100,000 pixels, far more than any real picture; it was not opened. Nothing was sent.'],
  ])('refuses %s (%s) with a sentence', (name, kind, message) => {
    const attempt = () => readHeader(fixture(name));
    expect(attempt).toThrow(ImageError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ImageError).kind).toBe(kind);
    }
  });

  it('opens the largest photos real cameras make, and refuses what claims more', () => {
    // A 102-megapixel medium-format camera's full size.
    expect(readHeader(pngClaiming(11_648, 8_736))).toMatchObject({ width: 11_648, height: 8_736 });
    expect(() => readHeader(pngClaiming(12_000, 11_000))).toThrow('The picture says it is 12,000 × 11,000 pixels, far more than any real picture; it was not opened. Nothing was sent.');
    expect(() => readHeader(pngClaiming(20_001, 10))).toThrow(/20,001 × 10 pixels/);
  });

  it('refuses bytes of no known format in words, not the parser\'s', () => {
    const notAPicture = 'This file is not a picture format the extension can read: its first bytes are not those of any picture. Nothing was sent.';
    expect(() => readHeader(new TextEncoder().encode('just some text'))).toThrow(notAPicture);
    // Too few bytes for the parser to tell (it reads past the end): the same words, not a RangeError's.
    expect(() => readHeader(new TextEncoder().encode('Hello'))).toThrow(notAPicture);
    // A known format with a fault is named with the fault.
    expect(() => readHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]))).toThrow(/^This file is not a picture format the extension can read \(Corrupt JPG/);
  });

  it('takes a drawing that states no size at the size browsers give it, 300 × 150', () => {
    const unsized = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%"/></svg>');
    expect(readHeader(unsized)).toMatchObject({ type: 'svg', width: 300, height: 150 });
  });
});
