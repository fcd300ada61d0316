/** A 6000x4000 JPEG with a photo's grain, made by Chromium during the run so no large file is committed. */
import type { BrowserContext } from 'playwright-core';

export async function makePhoto(context: BrowserContext): Promise<Uint8Array> {
  const page = await context.newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(6000, 4000);
    const context2d = canvas.getContext('2d')!;
    const gradient = context2d.createLinearGradient(0, 0, 6000, 4000);
    gradient.addColorStop(0, '#203a43');
    gradient.addColorStop(1, '#f4d03f');
    context2d.fillStyle = gradient;
    context2d.fillRect(0, 0, 6000, 4000);
    const noise = new OffscreenCanvas(1500, 1000);
    const grain = noise.getContext('2d')!.createImageData(1500, 1000);
    for (let i = 0; i < grain.data.length; i += 4) {
      const v = Math.floor(Math.random() * 255);
      grain.data.set([v, v, v, 70], i);
    }
    noise.getContext('2d')!.putImageData(grain, 0, 0);
    context2d.drawImage(noise, 0, 0, 6000, 4000);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  await page.close();
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
