import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gifFrameCount, readHeader } from '../../utils/image/header';
import { ImageError } from '../../utils/image/image-error';

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

  it('refuses bytes of no known format', () => {
    expect(() => readHeader(new TextEncoder().encode('just some text'))).toThrow(/not a picture format the extension can read/);
  });
});
