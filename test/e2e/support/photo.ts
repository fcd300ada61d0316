/** A JPEG with a photo's grain (6000x4000 unless asked otherwise), made by Chromium during the run so no large file is committed. */
import type { BrowserContext } from 'playwright-core';

export async function makePhoto(context: BrowserContext, shape: { width: number; height: number; quality: number } = { width: 6000, height: 4000, quality: 0.9 }): Promise<Uint8Array> {
  const page = await context.newPage();
  const base64 = await page.evaluate(async ({ width, height, quality }) => {
    const canvas = new OffscreenCanvas(width, height);
    const context2d = canvas.getContext('2d')!;
    const gradient = context2d.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#203a43');
    gradient.addColorStop(1, '#f4d03f');
    context2d.fillStyle = gradient;
    context2d.fillRect(0, 0, width, height);
    // Grain a quarter of the size, stretched: soft enough to compress like a photo, not like noise.
    const noise = new OffscreenCanvas(width / 4, height / 4);
    const grain = noise.getContext('2d')!.createImageData(width / 4, height / 4);
    for (let i = 0; i < grain.data.length; i += 4) {
      const v = Math.floor(Math.random() * 255);
      grain.data.set([v, v, v, 70], i);
    }
    noise.getContext('2d')!.putImageData(grain, 0, 0);
    context2d.drawImage(noise, 0, 0, width, height);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, shape);
  await page.close();
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
