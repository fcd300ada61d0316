/**
 * What an encoding keeps of the picture the model looks at: the picture is drawn at the model's
 * size as prepare.ts draws it (unencoded: the reference), then encoded as each format and quality,
 * decoded again, and compared pixel by pixel, all in a page of the real Chromium, with the browser's
 * own encoders (the ones the extension's worker uses). Bytes, encode time, PSNR and SSIM per encoding.
 */
import type { Page } from 'playwright-core';

export interface Encoding {
  type: 'image/jpeg' | 'image/webp' | 'image/png';
  /** convertToBlob's quality; none for PNG. WebP at 1 is lossless in Chromium. */
  quality?: number;
}

export interface Measured extends Encoding {
  /** The type Chromium actually made (it makes PNG where it cannot make the type asked). */
  made: string;
  bytes: number;
  /** Median of the repeats, ms. */
  encodeMs: number;
  /** Peak signal-to-noise ratio over R, G, B (and alpha where the picture has some), dB; Infinity when identical. */
  psnr: number;
  /** Mean SSIM of luma over 8x8 windows, every 4 pixels (1 = identical). */
  ssim: number;
}

/**
 * Measures `encodings` of the picture at `url` (which the page can fetch) drawn at `width` x `height`.
 * Each encoding is timed `repeats` times; sizes and fidelity do not vary between repeats.
 */
export async function measureEncodings(page: Page, url: string, width: number, height: number, encodings: Encoding[], repeats = 3): Promise<Measured[]> {
  return page.evaluate(
    async ({ url, width, height, encodings, repeats }) => {
      const blob = await (await fetch(url)).blob();
      let source: CanvasImageSource;
      if (blob.type.startsWith('image/svg') || new URL(url).pathname.endsWith('.svg')) {
        // createImageBitmap cannot decode SVG; an <img> can (as rasterize-svg.ts does in its page).
        const image = new Image();
        image.src = URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
        await image.decode();
        source = image;
      } else {
        source = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      }
      // The model's view, drawn as prepare.ts draws it: this is what every encoding is compared with.
      const view = new OffscreenCanvas(width, height);
      const context = view.getContext('2d')!;
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      context.drawImage(source, 0, 0, width, height);
      const reference = context.getImageData(0, 0, width, height).data;
      let transparent = false;
      for (let i = 3; i < reference.length && !transparent; i += 4) transparent = reference[i]! < 255;

      // Premultiplied colour: what lies under a fully transparent pixel is invisible, and an
      // encoder may drop it; comparing it would count a loss no one can see.
      const channels = (data: Uint8ClampedArray, i: number) => {
        const a = data[i + 3]! / 255;
        return [data[i]! * a, data[i + 1]! * a, data[i + 2]! * a, data[i + 3]!] as const;
      };
      const luma = (data: Uint8ClampedArray) => {
        const out = new Float32Array(width * height);
        for (let p = 0; p < out.length; p += 1) {
          const [r, g, b] = channels(data, p * 4);
          out[p] = 0.299 * r + 0.587 * g + 0.114 * b;
        }
        return out;
      };
      const referenceLuma = luma(reference);

      const psnrOf = (data: Uint8ClampedArray) => {
        let sum = 0;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const x = channels(reference, i);
          const y = channels(data, i);
          for (let c = 0; c < (transparent ? 4 : 3); c += 1) sum += (x[c]! - y[c]!) ** 2;
          count += transparent ? 4 : 3;
        }
        const mse = sum / count;
        return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
      };
      const ssimOf = (data: Uint8ClampedArray) => {
        const y = luma(data);
        const x = referenceLuma;
        const C1 = (0.01 * 255) ** 2;
        const C2 = (0.03 * 255) ** 2;
        const N = 8;
        let total = 0;
        let windows = 0;
        for (let top = 0; top + N <= height; top += 4) {
          for (let left = 0; left + N <= width; left += 4) {
            let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (let row = top; row < top + N; row += 1) {
              for (let p = row * width + left, end = p + N; p < end; p += 1) {
                const a = x[p]!;
                const b = y[p]!;
                sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b;
              }
            }
            const n = N * N;
            const mx = sx / n, my = sy / n;
            const vx = sxx / n - mx * mx, vy = syy / n - my * my, cxy = sxy / n - mx * my;
            total += ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
            windows += 1;
          }
        }
        // A picture smaller than one window: compare it whole, as one window.
        return windows ? total / windows : psnrOf(data) === Infinity ? 1 : 0;
      };

      const results = [];
      for (const { type, quality } of encodings) {
        const times: number[] = [];
        let out: Blob | undefined;
        for (let run = 0; run < repeats; run += 1) {
          const started = performance.now();
          out = await view.convertToBlob(quality === undefined ? { type } : { type, quality });
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const decoded = await createImageBitmap(out!);
        const back = new OffscreenCanvas(width, height).getContext('2d')!;
        back.drawImage(decoded, 0, 0);
        decoded.close();
        const data = back.getImageData(0, 0, width, height).data;
        results.push({ type, ...(quality === undefined ? {} : { quality }), made: out!.type, bytes: out!.size, encodeMs: times[Math.floor(times.length / 2)]!, psnr: psnrOf(data), ssim: ssimOf(data) });
      }
      return results;
    },
    { url, width, height, encodings, repeats },
  );
}
