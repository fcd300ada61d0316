/** Decodes the picture a request carried, in Chromium, the way a browser shows it. */
import type { Page } from 'playwright-core';

export interface SentPicture {
  mime: string;
  width: number;
  height: number;
  /** Bytes of the picture itself (the data URL decoded). */
  bytes: number;
  /** [r, g, b] at fractions of the width and height. */
  at(x: number, y: number): [number, number, number];
}

/** The image part of a Chat Completions request body (after a system message, if there is one). */
export function imageUrlOf(body: unknown): string {
  const messages = (body as { messages: { content: string | { type: string; image_url?: { url: string } }[] }[] }).messages;
  const part = messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).find((p) => p.type === 'image_url');
  if (!part?.image_url) throw new Error('The request carries no picture.');
  return part.image_url.url;
}

/** Samples per side of the grid read back from the page: enough to tell regions apart. */
const GRID = 40;

export async function decodeSent(page: Page, dataUrl: string): Promise<SentPicture> {
  const match = /^data:([^;]+);base64,/.exec(dataUrl);
  if (!match) throw new Error(`The picture was sent as an address, not as bytes: ${dataUrl.slice(0, 80)}`);
  const decoded = await page.evaluate(
    async ({ url, grid }) => {
      const blob = await (await fetch(url)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      // Only a grid of samples travels back: a whole picture's pixels would be megabytes of JSON.
      const samples: number[][] = [];
      for (let gy = 0; gy < grid; gy += 1) {
        for (let gx = 0; gx < grid; gx += 1) {
          const x = Math.min(bitmap.width - 1, Math.floor(((gx + 0.5) / grid) * bitmap.width));
          const y = Math.min(bitmap.height - 1, Math.floor(((gy + 0.5) / grid) * bitmap.height));
          samples.push(Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)));
        }
      }
      return { width: bitmap.width, height: bitmap.height, bytes: blob.size, samples };
    },
    { url: dataUrl, grid: GRID },
  );
  return {
    mime: match[1]!,
    width: decoded.width,
    height: decoded.height,
    bytes: decoded.bytes,
    at(x, y) {
      const gx = Math.min(GRID - 1, Math.floor(x * GRID));
      const gy = Math.min(GRID - 1, Math.floor(y * GRID));
      const [r = 0, g = 0, b = 0] = decoded.samples[gy * GRID + gx] ?? [];
      return [r, g, b];
    },
  };
}

/** Which of a few named colours a pixel is closest to. */
export function colourName([r, g, b]: [number, number, number]): string {
  const named: Record<string, [number, number, number]> = {
    red: [229, 57, 53], blue: [30, 136, 229], green: [67, 160, 71], white: [255, 255, 255], teal: [0, 137, 123],
    yellow: [253, 216, 53], orange: [251, 140, 0], purple: [142, 36, 170], black: [0, 0, 0], indigo: [57, 73, 171],
    brown: [109, 76, 65],
  };
  let best = 'unknown';
  let distance = Infinity;
  for (const [name, [nr, ng, nb]] of Object.entries(named)) {
    const d = (r - nr) ** 2 + (g - ng) ** 2 + (b - nb) ** 2;
    if (d < distance) [best, distance] = [name, d];
  }
  return best;
}
