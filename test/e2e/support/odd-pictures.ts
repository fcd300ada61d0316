/**
 * Odd and broken picture files, made in code so the bad-input corpus needs no binary fixtures:
 * PNGs of any depth and declared size, BMP, ICO, a CMYK JPEG, an EXIF orientation, and JPEG or
 * WebP drawn by Chromium itself.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

export type Rgba = [number, number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function ihdr(width: number, height: number, depth: 8 | 16, colourType: 2 | 6): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([depth, colourType, 0, 0, 0], 8);
  return pngChunk('IHDR', data);
}

/** A PNG with every pixel from `colour`: RGB, or RGBA with `alpha`, 8 or 16 bits per channel. */
export function png(width: number, height: number, colour: (x: number, y: number) => Rgba, options: { depth?: 8 | 16; alpha?: boolean } = {}): Buffer {
  const depth = options.depth ?? 8;
  const channels = options.alpha ? 4 : 3;
  const bytesPerChannel = depth / 8;
  const row = 1 + width * channels * bytesPerChannel;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const pixel = colour(x, y).slice(0, channels);
      pixel.forEach((value, c) => {
        const at = y * row + 1 + (x * channels + c) * bytesPerChannel;
        // 16 bits: the 8-bit value in both bytes, so 255 stays full.
        if (depth === 16) raw.writeUInt16BE(value * 257, at);
        else raw[at] = value;
      });
    }
  }
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height, depth, options.alpha ? 6 : 2), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]);
}

/** A PNG whose header claims `width` x `height` and whose data is a few bytes: what a decompression bomb looks like to a reader of headers. */
export function pngClaiming(width: number, height: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height, 8, 2), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', new Uint8Array())]);
}

export const flat = (rgb: [number, number, number], alpha = 255) => (): Rgba => [...rgb, alpha];

/** Pixels that do not compress, so a file is as large as its size says and can be cut in the middle. */
export const noise = (x: number, y: number): Rgba => {
  const v = (x * 7919 + y * 104729 + x * y * 31) % 251;
  return [v, (v * 3) % 256, (v * 7) % 256, 255];
};

/** A 24-bit Windows bitmap of one colour. */
export function bmp(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + row * height);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) file.set([b, g, r], 54 + y * row + x * 3);
  return file;
}

/** A Windows icon holding one PNG, as favicons are today. */
export function ico(inner: Buffer, width: number, height: number): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.set([width % 256, height % 256, 0, 0], 6);
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(inner.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, inner]);
}

/** Writes bits most significant first, with JPEG's stuffing of a zero after every 0xFF byte. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      this.count += 1;
      if (this.count === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.count = 0;
  }
  finish(): Buffer {
    while (this.count !== 0) this.write(1, 1);
    return Buffer.from(this.bytes);
  }
}

const segment = (marker: number, data: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
};

/**
 * A baseline CMYK JPEG of one colour, as print workflows and Photoshop write them (Adobe marker, no
 * colour transform, inverted values: 255 is no ink). Flat 8x8 blocks need only DC coefficients, so
 * the encoder is a few lines: the standard DC code table, and an AC table holding only end-of-block.
 */
export function cmykJpeg(width: number, height: number, ink: [number, number, number, number]): Buffer {
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const dcCodes: { code: number; length: number }[] = [];
  let code = 0;
  let symbol = 0;
  dcBits.forEach((count, i) => {
    for (let n = 0; n < count; n += 1) dcCodes[symbol++] = { code: code++, length: i + 1 };
    code <<= 1;
  });
  const stored = ink.map((v) => 255 - v);
  const bits = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let block = 0; block < blocks; block += 1) {
    for (const value of stored) {
      // A flat block's DC coefficient is 8 x (value - 128); later blocks differ from it by 0.
      const diff = block === 0 ? 8 * (value - 128) : 0;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const { code: dc, length } = dcCodes[category]!;
      bits.write(dc, length);
      if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
      bits.write(0, 1); // end of block
    }
  }
  const sof = Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 4, ...[1, 2, 3, 4].flatMap((id) => [id, 0x11, 0])]);
  const dht = Buffer.from([0x00, ...dcBits, ...Array.from({ length: 12 }, (_, i) => i), 0x10, 1, ...Array(15).fill(0), 0x00]);
  const sos = Buffer.from([4, ...[1, 2, 3, 4].flatMap((id) => [id, 0x00]), 0, 63, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xffee, Buffer.from([...Buffer.from('Adobe', 'latin1'), 0, 100, 0, 0, 0, 0, 0])),
    segment(0xffdb, Buffer.from([0, ...Array(64).fill(1)])),
    segment(0xffc0, sof),
    segment(0xffc4, dht),
    segment(0xffda, sos),
    bits.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The JPEG with an EXIF block saying how to turn it upright (1 to 8), put after its start marker. */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const app1 = segment(0xffe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

/**
 * A picture drawn and encoded by Chromium (JPEG or WebP, which node cannot write): `bands` are
 * colours painted as equal horizontal stripes from the top, or noise for an incompressible file.
 */
export async function drawnByChromium(
  context: BrowserContext,
  options: { width: number; height: number; type: 'image/jpeg' | 'image/webp'; bands?: string[]; noise?: boolean },
): Promise<Buffer> {
  const page = await context.newPage();
  try {
    const base64 = await page.evaluate(async ({ width, height, type, bands, noise }) => {
      const canvas = new OffscreenCanvas(width, height);
      const pen = canvas.getContext('2d')!;
      bands.forEach((colour, i) => {
        pen.fillStyle = colour;
        pen.fillRect(0, Math.round((i * height) / bands.length), width, Math.ceil(height / bands.length));
      });
      if (noise) {
        const pixels = pen.createImageData(width, height);
        for (let i = 0; i < pixels.data.length; i += 4) pixels.data.set([Math.random() * 255, Math.random() * 255, Math.random() * 255, 255], i);
        pen.putImageData(pixels, 0, 0);
      }
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.9 })).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }, { ...options, bands: options.bands ?? [], noise: options.noise ?? false });
    return Buffer.from(base64, 'base64');
  } finally {
    await page.close();
  }
}
