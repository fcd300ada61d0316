/**
 * SVG needs a DOM to be drawn, and Chrome's service worker has none, so there it is drawn in an
 * offscreen document; Firefox's background page has a DOM and draws it itself.
 */
import { browser } from 'wxt/browser';
import { serialize } from '../serialize';
import { bytesToBase64, dataUrlToBytes } from './bytes';
import { ImageError } from '../shared/image-error';
import { t } from '../shared/i18n';
import type { SvgRasterizer } from './prepare';

export const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Why a drawing could not be read back: the browser taints the canvas of a drawing that holds a
 * piece of web page (<foreignObject>), so its pixels can never be had this way.
 */
const TAINTED = 'svg-tainted';

/**
 * Draws SVG markup at the given size into a PNG, in a page that has a DOM; a drawing that fails
 * throws the browser's own error. Chrome's offscreen document has no i18n API, so the sentence for
 * the user is made by whoever asked (rasterizeSvg, rasterizeInDocument).
 */
export async function drawSvgInDocument(svg: Uint8Array, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The drawing could not be turned into a PNG.'))), 'image/png'),
    );
  } catch (error) {
    if (error instanceof DOMException && error.name === 'SecurityError') throw new Error(TAINTED);
    throw error;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function svgFailed(why: unknown): ImageError {
  const reason = why instanceof Error ? why.message : String(why);
  return new ImageError('undecodable', reason === TAINTED ? t('imgSvgTainted') : t('imgSvgFailed', reason));
}

/** Draws SVG markup into a PNG where this page has a DOM and the extension's words (Firefox's background page). */
export async function rasterizeInDocument(svg: Uint8Array, width: number, height: number): Promise<Blob> {
  try {
    return await drawSvgInDocument(svg, width, height);
  } catch (error) {
    throw svgFailed(error);
  }
}

type OffscreenApi = {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
};
type RuntimeWithContexts = { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]> };

async function ensureOffscreenDocument(): Promise<void> {
  await serialize('offscreen-document', async () => {
    const runtime = browser.runtime as unknown as RuntimeWithContexts;
    const existing = (await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
    if (existing.length > 0) return;
    const offscreen = (globalThis as unknown as { chrome: { offscreen: OffscreenApi } }).chrome.offscreen;
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['DOM_PARSER'],
      justification: 'Draw SVG pictures into PNG, which vision APIs accept.',
    });
  });
}

export const rasterizeSvg: SvgRasterizer = async (svg, width, height) => {
  if (typeof document !== 'undefined') return rasterizeInDocument(svg, width, height);
  await ensureOffscreenDocument();
  const reply = (await browser.runtime.sendMessage({
    type: 'rasterizeSvg',
    payload: { svg: bytesToBase64(svg), width, height },
  })) as { ok: true; value: { dataUrl: string } } | { ok: false; error: string } | undefined;
  if (!reply) throw new ImageError('undecodable', t('imgSvgFailed', t('imgSvgNoAnswer')));
  // The offscreen document answers with the browser's reason; the sentence is made here, where i18n is.
  if (!reply.ok) throw svgFailed(reply.error);
  const { bytes } = dataUrlToBytes(reply.value.dataUrl);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
};
