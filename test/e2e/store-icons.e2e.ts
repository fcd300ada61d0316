/**
 * The icons as the stores and the toolbar show them, decoded by Chromium itself: the sizes the
 * manifest names, and the 128 px icon's 16 px of transparent padding around its artwork, which
 * the Chrome Web Store asks for.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();

describe('the icons', () => {
  it('come in the sizes the manifest names, and the 128 px one keeps its artwork inside 96 x 96', async () => {
    const page = await suite.extension.openPage('options.html');
    const manifest = await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { icons: Record<string, string> } } } }).chrome.runtime.getManifest());
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    const measured = await page.evaluate(async (icons) => {
      const result: Record<string, { width: number; height: number; opaqueInBorder: number; opaqueInside: number }> = {};
      for (const [size, path] of Object.entries(icons)) {
        const image = new Image();
        image.src = `/${path}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let opaqueInBorder = 0;
        let opaqueInside = 0;
        for (let y = 0; y < canvas.height; y += 1) {
          for (let x = 0; x < canvas.width; x += 1) {
            const alpha = data[(y * canvas.width + x) * 4 + 3]!;
            const border = x < 16 || y < 16 || x >= canvas.width - 16 || y >= canvas.height - 16;
            if (alpha > 0 && border) opaqueInBorder += 1;
            if (alpha === 255 && !border) opaqueInside += 1;
          }
        }
        result[size] = { width: image.naturalWidth, height: image.naturalHeight, opaqueInBorder, opaqueInside };
      }
      return result;
    }, manifest.icons);
    for (const size of ['16', '32', '48', '128']) expect([measured[size]!.width, measured[size]!.height], size).toEqual([Number(size), Number(size)]);
    expect(measured['128']!.opaqueInBorder).toBe(0);
    // The artwork fills a good part of its 96 x 96 square: a picture, not a speck.
    expect(measured['128']!.opaqueInside).toBeGreaterThan(96 * 96 * 0.4);
  });
});
