/**
 * Page side: turns canvases, video frames and inline SVG into bytes, or, where the browser forbids
 * reading them (cross-origin pixels), into the box a screenshot must be cropped to.
 */
import type { PictureSource, Rect } from '../shared/picture-source';

function viewportRect(element: Element): Rect {
  const box = element.getBoundingClientRect();
  return { x: box.left, y: box.top, width: box.width, height: box.height };
}

function capture(element: Element): PictureSource {
  return { kind: 'capture', rect: viewportRect(element), devicePixelRatio: window.devicePixelRatio || 1 };
}

function isSecurityError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'SecurityError';
}

export function readCanvas(canvas: HTMLCanvasElement): PictureSource {
  try {
    return { kind: 'data', dataUrl: canvas.toDataURL('image/png') };
  } catch (error) {
    // A canvas that drew a cross-origin picture is "tainted": only a screenshot can show it.
    if (isSecurityError(error)) return capture(canvas);
    throw error;
  }
}

export function readVideoFrame(video: HTMLVideoElement): PictureSource {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) return capture(video);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return readCanvas(canvas).kind === 'data' ? readCanvas(canvas) : capture(video);
}

/** An inline <svg> as a standalone SVG file, sized as it is shown, for the background to rasterize. */
export function readInlineSvg(svg: SVGSVGElement): PictureSource {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(Math.round(box.width)));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(Math.round(box.height)));
  const text = new XMLSerializer().serializeToString(copy);
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return { kind: 'data', dataUrl: `data:image/svg+xml;base64,${btoa(binary)}` };
}

/** A blob: picture can only be read by the page that made it. */
export async function readBlobUrl(url: string): Promise<PictureSource> {
  const blob = await (await fetch(url)).blob();
  return { kind: 'data', dataUrl: await blobToDataUrl(blob) };
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The picture could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export function captureOf(element: Element): PictureSource {
  return capture(element);
}
