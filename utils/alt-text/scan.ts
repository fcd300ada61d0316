/**
 * Page side: the page audit's scan. One pass over every picture-like element (open shadow roots
 * included), reading layout for all of them before anything else, so a page of hundreds of
 * pictures is measured once rather than made to lay itself out again per picture.
 */
import type { PictureKind } from '../image/picture-source';
import type { ElementRegistry } from './element-registry';
import { altNeedOf, factsOf, type PictureFacts } from './needs-alt';
import { pageContextOf } from './page-context';
import type { PageScan, ScannedPicture } from './types';

const PICTURES = 'img, input[type="image"], svg, [role="img"]';

/** Every picture-like element in document order, looking into open shadow roots. */
function candidates(root: Document | ShadowRoot): Element[] {
  const found: Element[] = [];
  const visit = (scope: Document | ShadowRoot) => {
    for (const element of scope.querySelectorAll(PICTURES)) {
      // The outer <svg> (or the role="img" that holds it) is the picture; its inner shapes are not.
      if (element.localName === 'svg' && element.parentElement?.closest('svg, [role="img"]')) continue;
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
  if (facts.tag === 'img' || facts.tag === 'input-image') return { kind: 'image', ...(facts.url ? { url: facts.url } : {}) };
  if (facts.tag === 'svg') return { kind: 'SVG drawing' };
  if (element instanceof HTMLCanvasElement) return { kind: 'canvas drawing' };
  const background = backgroundUrl(element);
  if (background) return { kind: 'background image', url: background };
  if (element.querySelector('svg')) return { kind: 'SVG drawing' };
  const inner = element.querySelector('img');
  return { kind: 'image', ...(inner?.currentSrc ? { url: inner.currentSrc } : {}) };
}

/** The size the picture really has, for token estimates; the shown size when it is not known. */
function sizeOf(element: Element, facts: PictureFacts): { width: number; height: number } {
  if (element instanceof HTMLImageElement && element.naturalWidth) return { width: element.naturalWidth, height: element.naturalHeight };
  return { width: Math.round(facts.width), height: Math.round(facts.height) };
}

export function scanPage(doc: Document, registry: ElementRegistry): PageScan {
  const started = performance.now();
  const elements = candidates(doc);
  // All reads of layout first, then the rest: no write happens in between to make the page lay out again.
  const facts = elements.map((element) => factsOf(element));
  const needing: ScannedPicture[] = [];
  const decorative: ScannedPicture[] = [];
  elements.forEach((element, i) => {
    const fact = facts[i]!;
    const need = altNeedOf(fact);
    const listed = need.needs ? needing : need.reason === 'decorative' ? decorative : undefined;
    if (!listed) return;
    const currentAlt = fact.alt ?? fact.ariaLabel;
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
