/**
 * Page side: remembers which element the user right-clicked (or last pointed at), and finds the
 * picture there: an <img> (the srcset / <picture> candidate shown), a CSS background image, a
 * canvas, a video frame, or an inline SVG, looking through shadow roots and see-through overlays.
 * Runs in every frame as part of the content script.
 */
import type { ElementRegistry } from './alt-text/element-registry';
import { altNeedOf, factsOf, shownBy } from './alt-text/needs-alt';
import { pageContextOf } from './alt-text/page-context';
import { t } from '../shared/i18n';
import { NOT_A_PICTURE, type TargetDescription } from '../shared/messages';
import type { PictureKind, PictureSource } from '../shared/picture-source';
import { pageOriginOf } from './page-origin';
import { captureOf, readBlobUrl, readCanvas, readInlineSvg, readVideoFrame } from './read-pixels';

interface Found {
  kind: PictureKind;
  element: Element;
  /** Reads the pixels or their address; async because blob: pictures must be fetched. */
  read(): Promise<PictureSource> | PictureSource;
  alt?: string;
  width?: number;
  height?: number;
}

/** The first url(...) of a background-image value. */
function backgroundUrl(element: Element): string | null {
  const value = getComputedStyle(element).backgroundImage;
  const match = /url\((['"]?)(.*?)\1\)/.exec(value);
  return match?.[2] ? new URL(match[2], element.ownerDocument.baseURI).href : null;
}

/**
 * A picture 1 pixel wide or high is a tracking pixel or a spacer, however large the page stretches
 * it: not something a person asks about, and sending it would bill a question about nothing.
 */
const TRACKING_PIXEL_SIDE = 1;

const isTrackingPixel = (image: HTMLImageElement) => image.naturalWidth > 0 && Math.min(image.naturalWidth, image.naturalHeight) <= TRACKING_PIXEL_SIDE;

function fromImage(image: HTMLImageElement): Found | null {
  // currentSrc is the candidate the browser chose from srcset / <picture>: what the user sees.
  const url = image.currentSrc || image.src;
  if (!url || isTrackingPixel(image)) return null;
  const alt = image.getAttribute('alt')?.trim();
  return {
    kind: 'image',
    element: image,
    read: () => (url.startsWith('blob:') ? readBlobUrl(url) : { kind: 'url', url }),
    ...(alt ? { alt } : {}),
    ...(image.naturalWidth ? { width: image.naturalWidth, height: image.naturalHeight } : {}),
  };
}

/** The picture this very element is, if it is one. */
function pictureOf(element: Element, allowBackground: boolean): Found | null {
  if (element instanceof HTMLImageElement) return fromImage(element);
  if (element instanceof HTMLInputElement && element.type === 'image' && element.src) {
    const url = element.src;
    return { kind: 'image', element, read: () => ({ kind: 'url', url }) };
  }
  if (element instanceof HTMLCanvasElement) {
    return { kind: 'canvas drawing', element, read: () => readCanvas(element), width: element.width, height: element.height };
  }
  if (element instanceof HTMLVideoElement) {
    return { kind: 'video frame', element, read: () => readVideoFrame(element), width: element.videoWidth, height: element.videoHeight };
  }
  if (element instanceof SVGElement) {
    // The outermost <svg> is the drawing; a click usually lands on one of its shapes.
    let svg: SVGSVGElement | null = element instanceof SVGSVGElement ? element : element.ownerSVGElement;
    while (svg?.ownerSVGElement) svg = svg.ownerSVGElement;
    if (svg) {
      const box = svg.getBoundingClientRect();
      const target = svg;
      return { kind: 'SVG drawing', element: svg, read: () => readInlineSvg(target), width: Math.round(box.width), height: Math.round(box.height) };
    }
  }
  if (allowBackground) {
    const url = backgroundUrl(element);
    if (url) return { kind: 'background image', element, read: () => ({ kind: 'url', url }) };
  }
  return null;
}

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Walks up from the element (its own picture, then its ancestors' backgrounds). */
function findUpwards(start: Element): Found | null {
  // A focused link or button that holds one picture stands for that picture (keyboard users).
  if (start.matches('a, button')) {
    const inner = start.querySelector('img');
    if (inner) return fromImage(inner);
  }
  for (let element: Element | null = start; element && element !== start.ownerDocument.documentElement; element = parentOf(element)) {
    const found = pictureOf(element, true);
    if (found) return found;
  }
  return null;
}

/** Pictures under a point, through overlays that sit on top of them (a common way to hide them). */
function findUnderPoint(doc: Document, x: number, y: number): Found | null {
  for (const element of doc.elementsFromPoint(x, y)) {
    const found = pictureOf(element, false);
    if (found) return found;
  }
  return null;
}

/** The innermost element at the event, looking through open shadow roots. */
function eventTarget(event: Event): Element | null {
  const first = event.composedPath()[0];
  return first instanceof Element ? first : null;
}

/** The pixels or address of a picture the page audit found, by the element itself. */
export async function readPictureOf(element: Element): Promise<PictureSource> {
  // An <object> picture is read from its address; the background checks that it is a picture.
  if (element instanceof HTMLObjectElement && element.data) return { kind: 'url', url: element.data };
  // An image-map <area> is a part of the image that shows it: the model sees that image.
  const found = findUpwards(shownBy(element));
  if (!found) throw new Error(t('pagePictureGone'));
  try {
    return await found.read();
  } catch (error) {
    console.info('Reading the picture failed; a screenshot of it is used instead.', error);
    return captureOf(found.element);
  }
}

export function createTargetTracker(doc: Document, registry: ElementRegistry) {
  let rightClicked: { element: WeakRef<Element>; x: number; y: number } | undefined;
  let pointedAt: WeakRef<Element> | undefined;

  const onContextMenu = (event: Event) => {
    const target = eventTarget(event);
    const { clientX = 0, clientY = 0 } = event as MouseEvent;
    rightClicked = target ? { element: new WeakRef(target), x: clientX, y: clientY } : undefined;
  };
  // Runs on every pointer move over a new element, on every page: remember, search later.
  const onPointerOver = (event: Event) => {
    const target = eventTarget(event);
    if (target) pointedAt = new WeakRef(target);
  };
  // Capture phase: pages that stop propagation of contextmenu must not hide the picture from us.
  doc.addEventListener('contextmenu', onContextMenu, { capture: true });
  doc.addEventListener('pointerover', onPointerOver, { capture: true, passive: true });

  function find(reason: 'menu' | 'command', chosen?: Element): Found | null {
    if (chosen) return findUpwards(chosen);
    if (reason === 'menu') {
      const element = rightClicked?.element.deref();
      if (!element || !rightClicked) return null;
      return findUnderPoint(doc, rightClicked.x, rightClicked.y) ?? findUpwards(element);
    }
    for (const element of [doc.activeElement, pointedAt?.deref()]) {
      const found = element && element !== doc.body ? findUpwards(element) : null;
      if (found) return found;
    }
    return null;
  }

  /** What the user right-clicked (or chose), when it is a tracking pixel rather than no picture at all. */
  function trackingPixelAt(reason: 'menu' | 'command', chosen?: Element): boolean {
    const element = chosen ?? (reason === 'menu' ? rightClicked?.element.deref() : undefined);
    return element instanceof HTMLImageElement && isTrackingPixel(element);
  }

  /** Describes the picture, or null when there is none where the user pointed. */
  async function describe(reason: 'menu' | 'command', chosen?: Element): Promise<TargetDescription | typeof NOT_A_PICTURE | null> {
    const found = find(reason, chosen);
    if (!found) return trackingPixelAt(reason, chosen) ? NOT_A_PICTURE : null;
    let source: PictureSource;
    try {
      source = await found.read();
    } catch (error) {
      // Reading failed in a way the browser does not explain (a revoked blob:, a lost frame):
      // what is on screen can still be photographed.
      console.info('Reading the picture failed; a screenshot of it is used instead.', error);
      source = captureOf(found.element);
    }
    // What alt text needs: a handle to write back to, whether it lacks alt, and the page's words around it.
    const need = altNeedOf(factsOf(found.element));
    const currentAlt = found.element.getAttribute('alt') ?? found.element.getAttribute('aria-label') ?? undefined;
    const pageOrigin = pageOriginOf(doc);
    return {
      source,
      kind: found.kind,
      ...(found.alt ? { alt: found.alt } : {}),
      ...(found.width && found.height ? { width: found.width, height: found.height } : {}),
      pageUrl: doc.location.href,
      ...(pageOrigin && pageOrigin !== doc.location.href ? { pageOrigin } : {}),
      pageTitle: doc.title,
      elementId: registry.idOf(found.element),
      need,
      context: pageContextOf(found.element, need.needs && need.reason === 'suspicious' && currentAlt ? { currentAlt } : {}),
    };
  }

  return {
    describe,
    dispose(): void {
      doc.removeEventListener('contextmenu', onContextMenu, { capture: true });
      doc.removeEventListener('pointerover', onPointerOver, { capture: true });
    },
  };
}
