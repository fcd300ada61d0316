/**
 * Page side: what the page says around a picture, for alt text that fits its purpose there. Every
 * text is flattened and bounded, so a page cannot flood the request (and the bill) with its words.
 */
import type { PageContext } from '../../shared/alt-text-types';
import { boundedText } from '../../shared/bounded-text';

/** The most nodes walked to find a heading or a paragraph. */
const WALK_LIMIT = 200;

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function closestAcross(element: Element, selector: string): Element | null {
  for (let current: Element | null = element; current; current = parentOf(current)) {
    if (current.matches(selector)) return current;
  }
  return null;
}

/** The text of a control without the picture's own alt, which is what is being replaced. */
function textWithout(control: Element, picture: Element): string {
  const copy = control.cloneNode(true) as Element;
  // Pictures' own alt and labels are what is being written: leave them out of the context.
  copy.querySelectorAll('img, svg, [role="img"]').forEach((node) => node.remove());
  if (picture === control) return '';
  return boundedText(copy.textContent);
}

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Walks back through earlier siblings and ancestors' earlier siblings, nearest first. */
function* before(element: Element): Generator<Element> {
  let steps = 0;
  for (let current: Element | null = element; current && steps < WALK_LIMIT; current = parentOf(current)) {
    for (let sibling = current.previousElementSibling; sibling && steps < WALK_LIMIT; sibling = sibling.previousElementSibling) {
      steps += 1;
      yield sibling;
    }
  }
}

function nearestHeading(element: Element): string | undefined {
  for (const node of before(element)) {
    if (node.matches(HEADING)) return boundedText(node.textContent) || undefined;
    // A heading inside an earlier section counts too: its last one is the nearest.
    const inner = node.querySelectorAll(HEADING);
    const last = inner[inner.length - 1];
    if (last) return boundedText(last.textContent) || undefined;
  }
  return undefined;
}

function nearestParagraph(element: Element): string | undefined {
  const own = closestAcross(element, 'p');
  if (own) return boundedText(own.textContent) || undefined;
  for (const node of before(element)) {
    if (node.matches(HEADING)) break;
    const paragraph = node.matches('p') ? node : node.querySelector('p');
    if (paragraph?.textContent?.trim()) return boundedText(paragraph.textContent);
  }
  // Nothing before it under the same heading: the paragraph that follows.
  let next = element.nextElementSibling ?? parentOf(element)?.nextElementSibling ?? null;
  for (let steps = 0; next && steps < 20; next = next.nextElementSibling, steps += 1) {
    const paragraph = next.matches('p') ? next : next.querySelector('p');
    if (paragraph?.textContent?.trim()) return boundedText(paragraph.textContent);
  }
  return undefined;
}

export function pageContextOf(element: Element, options: { currentAlt?: string } = {}): PageContext {
  const doc = element.ownerDocument;
  const lang = closestAcross(element, '[lang]')?.getAttribute('lang')?.trim() || doc.documentElement.lang || '';
  const context: PageContext = { lang, pageTitle: boundedText(doc.title) };
  const figure = closestAcross(element, 'figure');
  const caption = boundedText(figure?.querySelector('figcaption')?.textContent);
  if (caption) context.caption = caption;
  const control = closestAcross(element, 'a[href], button, [role="button"], [role="link"], input[type="image"]');
  if (control) {
    const isLink = control.matches('a[href], [role="link"]');
    const href = control instanceof HTMLAnchorElement ? control.href : undefined;
    context.control = { kind: isLink ? 'link' : 'button', text: textWithout(control, element), ...(href ? { href: boundedText(href, 300) } : {}) };
  }
  const heading = nearestHeading(element);
  if (heading) context.heading = heading;
  const paragraph = nearestParagraph(element);
  if (paragraph) context.paragraph = paragraph;
  if (options.currentAlt) context.currentAlt = boundedText(options.currentAlt);
  return context;
}
