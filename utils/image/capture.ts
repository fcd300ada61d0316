/**
 * Background side: a picture whose pixels the page may not read (a tainted canvas, a protected
 * video) is still on screen, so a screenshot of the tab is cropped to its box.
 */
import { browser } from 'wxt/browser';
import { bytesToDataUrl, dataUrlToBytes } from './bytes';
import { t } from '../i18n';
import { ImageError } from './image-error';
import type { Rect } from './picture-source';

export async function captureBox(windowId: number | undefined, rect: Rect, devicePixelRatio: number): Promise<string> {
  let shot: string;
  try {
    shot = await browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });
  } catch (error) {
    throw new ImageError('unavailable', t('imgCaptureFailed', error instanceof Error ? error.message : String(error)));
  }
  const { bytes } = dataUrlToBytes(shot);
  const whole = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  try {
    const x = Math.max(0, Math.round(rect.x * devicePixelRatio));
    const y = Math.max(0, Math.round(rect.y * devicePixelRatio));
    const width = Math.min(whole.width - x, Math.round(rect.width * devicePixelRatio));
    const height = Math.min(whole.height - y, Math.round(rect.height * devicePixelRatio));
    if (width <= 0 || height <= 0) {
      throw new ImageError('unavailable', t('imgOffScreen'));
    }
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(whole, x, y, width, height, 0, 0, width, height);
    const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return bytesToDataUrl(png, 'image/png');
  } finally {
    whole.close();
  }
}
