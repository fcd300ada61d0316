/**
 * Page side: the page audit's scan. One pass over every picture-like element (open shadow roots
 * included), reading layout for all of them before anything else, so a page of hundreds of
 * pictures is measured once rather than made to lay itself out again per picture.
 */
import type { PictureKind } from '../../shared/picture-source';
import type { ElementRegistry } from './element-registry';
import { altNeedOf, boxOf, factsOf, shownBy, type PictureBox, type PictureFacts } from './needs-alt';
import { pageContextOf } from './page-context';
import type { PageScan, ScannedPicture } from '../../shared/alt-text-types';

/** What axe-core's image rules look at: images, image buttons, image-map areas, objects, SVG and ARIA pictures. */
const PICTURES = 'img, input[type="image"], svg, [role="img"], [role="graphics-symbol"], map area[href], object[data]:not([data=""])';
/** Parts of an SVG that are pictures of their own, named apart from the drawing that holds them. */
const PICTURE_PARTS = '[role="img"], [role="graphics-symbol"]';

/** Every picture-like element in document order, looking into open shadow roots. */
function candidates(root: Document | ShadowRoot): Element[] {
  const found: Element[] = [];
  const visit = (scope: Document | ShadowRoot) => {
    for (const element of scope.querySelectorAll(PICTURES)) {
      // Inside a role="img" everything is part of that one picture (ARIA: its children are presentational),
      // and an inner <svg> is part of the outer one.
      if (element.parentElement?.closest(element.localName === 'svg' ? 'svg, [role="img"]' : '[role="img"]')) continue;
      // An <svg> with no role of its own whose parts are pictures: the parts are judged, not the canvas.
      if (element.localName === 'svg' && !element.hasAttribute('role') && element.querySelector(PICTURE_PARTS)) continue;
      found.push(element);
    }
    for (const host of scope.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
  };
  visit(root);
  return found;
}

function backgroundUrl(element: Element): string | undefined {
  const match = /url\((['"]?)(.*?)\1\)/.exec(getComputedStyle(element).backgroundImage);
  return match?.[2] ? new URL(match[2], element.ownerDocument.baseURI).href : undefined;
}

function kindOf(element: Element, facts: PictureFacts): { kind: PictureKind; url?: string } {
  if (facts.tag === 'img' || facts.tag === 'input-image' || facts.tag === 'area' || facts.tag === 'object') return { kind: 'image', ...(facts.url ? { url: facts.url } : {}) };
  if (facts.tag === 'svg' || element instanceof SVGElement) return { kind: 'SVG drawing' };
  if (element instanceof HTMLCanvasElement) return { kind: 'canvas drawing' };
  const background = backgroundUrl(element);
  if (background) return { kind: 'background image', url: background };
  if (element.querySelector('svg')) return { kind: 'SVG drawing' };
  const inner = element.querySelector('img');
  return { kind: 'image', ...(inner?.currentSrc ? { url: inner.currentSrc } : {}) };
}

/** The size the picture really has, for token estimates; the shown size when it is not known. */
function sizeOf(element: Element, facts: PictureFacts): { width: number; height: number } {
  // An image-map area is sent as the image that shows it.
  const shown = shownBy(element);
  if (shown instanceof HTMLImageElement && shown.naturalWidth) return { width: shown.naturalWidth, height: shown.naturalHeight };
  return { width: Math.round(facts.width), height: Math.round(facts.height) };
}

/** `measure`: the layout read; a DOM without layout (the unit tests) passes the boxes it assumes. */
export function scanPage(doc: Document, registry: ElementRegistry, measure: (element: Element) => PictureBox = boxOf): PageScan {
  const started = performance.now();
  const elements = candidates(doc);
  // All reads of layout first, then the rest: no write happens in between to make the page lay out again.
  const boxes = elements.map((element) => measure(element));
  const facts = elements.map((element, i) => factsOf(element, boxes[i]));
  const needing: ScannedPicture[] = [];
  const decorative: ScannedPicture[] = [];
  elements.forEach((element, i) => {
    const fact = facts[i]!;
    const need = altNeedOf(fact);
    const listed = need.needs ? needing : need.reason === 'decorative' ? decorative : undefined;
    if (!listed) return;
    const currentAlt = fact.alt ?? (fact.name || null);
    listed.push({
      elementId: registry.idOf(element),
      ...kindOf(element, fact),
      currentAlt,
      need,
      ...sizeOf(element, fact),
      context: pageContextOf(element, need.needs && need.reason === 'suspicious' && currentAlt ? { currentAlt } : {}),
    });
  });
  return {
    pageUrl: doc.location.href,
    pageTitle: doc.title,
    lang: doc.documentElement.lang,
    needing,
    decorative,
    examined: elements.length,
    scanMs: performance.now() - started,
  };
}
