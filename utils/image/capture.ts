/**
 * Background side: a picture whose pixels the page may not read (a tainted canvas, a protected
 * video) is still on screen, so a screenshot of the tab is cropped to its box.
 */
import { browser } from 'wxt/browser';
import { bytesToDataUrl, dataUrlToBytes } from './bytes';
import { t } from '../shared/i18n';
import { ImageError } from '../shared/image-error';
import type { Rect } from '../shared/picture-source';

/** The tab the picture is in, as it was when the user chose it. */
export interface ShownTab {
  id?: number | undefined;
  windowId?: number | undefined;
  url?: string | undefined;
}

/**
 * Whether the tab is still the one showing in its window, at the same address. A screenshot
 * photographs whatever the window shows: had the user switched tabs (or the page gone elsewhere)
 * since choosing, it would send another page to the API.
 */
async function stillShowing(tab: ShownTab): Promise<boolean> {
  const [shown] = await browser.tabs.query({ active: true, windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT });
  return shown !== undefined && shown.id === tab.id && (tab.url === undefined || shown.url === tab.url);
}

/** Chrome allows two screenshots a second per extension; past that it refuses rather than waits. */
const CAPTURE_QUOTA = /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/;
const QUOTA_WINDOW_MS = 1000;

/**
 * A screenshot of the window, taken again once the second is over when the browser's quota refused
 * it: two asks about frames' pictures in a row (each a screenshot) must not fail the second.
 */
async function screenshot(tab: ShownTab): Promise<string> {
  const take = () => browser.tabs.captureVisibleTab(tab.windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });
  try {
    return await take();
  } catch (error) {
    if (!(error instanceof Error) || !CAPTURE_QUOTA.test(error.message)) throw error;
    await new Promise((resolve) => setTimeout(resolve, QUOTA_WINDOW_MS));
    return take();
  }
}

export async function captureBox(tab: ShownTab, rect: Rect, devicePixelRatio: number): Promise<string> {
  let shot: string;
  if (!(await stillShowing(tab))) throw new ImageError('unavailable', t('imgTabChanged'));
  try {
    shot = await screenshot(tab);
  } catch (error) {
    throw new ImageError('unavailable', t('imgCaptureFailed', error instanceof Error ? error.message : String(error)));
  }
  // Asked again: the switch may have happened while the screenshot was being taken.
  if (!(await stillShowing(tab))) throw new ImageError('unavailable', t('imgTabChanged'));
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
