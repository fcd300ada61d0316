/**
 * Page side: what a screen reader will call a picture, and whether its "presentation" role holds.
 * The name is the W3C accessible-name computation as dom-accessibility-api implements it (the one
 * Testing Library uses), so a <label>, a title, aria-labelledby and an SVG <title> count as they do
 * in browsers and in axe-core; only the two places where that library stops short are filled here.
 */
import { computeAccessibleName, getRole } from 'dom-accessibility-api';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PRESENTATIONAL = new Set(['presentation', 'none']);

/**
 * What dom-accessibility-api (like Chrome and Firefox) calls an <input type="image"> that nothing
 * names. A screen reader saying "Submit Query" says nothing about what the button does, so for
 * the question "has the author named it?" this default is no name.
 */
const INPUT_IMAGE_DEFAULT_NAME = 'Submit Query';

/** The explicit role as the ARIA rules read it: the first token of the role attribute. */
export function explicitRoleOf(element: Element): string | null {
  const role = element.getAttribute('role')?.trim().split(/\s+/)[0]?.toLowerCase();
  return role || null;
}

/** The text of an SVG element's own <title> child (SVG-AAM), '' when it has none. */
function svgTitleOf(element: Element): string {
  const title = [...element.children].find((child) => child.localName === 'title' && child.namespaceURI === SVG_NS);
  return title?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/**
 * The accessible name, whitespace collapsed; '' when it has none. dom-accessibility-api reads the
 * <title> child only of an <svg> root, where SVG-AAM gives one to every SVG element (a <circle
 * role="img"><title>…</title></circle> is named), so that is read here after it.
 * An <area> is display: none in every browser's own stylesheet (it is shown through its image, which
 * boxOf measures), and the computation gives a hidden element no name: for an area it must look anyway.
 */
export function accessibleNameOf(element: Element): string {
  const name = computeAccessibleName(element, { hidden: element instanceof HTMLAreaElement }).replace(/\s+/g, ' ').trim();
  if (element instanceof HTMLInputElement && element.type === 'image' && name === INPUT_IMAGE_DEFAULT_NAME) return '';
  if (!name && element.namespaceURI === SVG_NS && element.localName !== 'svg') return svgTitleOf(element);
  return name;
}

/** Controls that take the focus by themselves (HTML's focusable areas), when not disabled. */
const NATIVELY_FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe';

/**
 * Whether the element can take the focus, read from markup alone (no layout): a valid tabindex, or
 * a control that is focusable by itself and not disabled.
 */
export function isFocusable(element: Element): boolean {
  if ('disabled' in element && element.disabled === true) return false;
  if (/^\s*[+-]?\d+\s*$/.test(element.getAttribute('tabindex') ?? '')) return true;
  return element.matches(NATIVELY_FOCUSABLE);
}

/**
 * Whether a presentational role (role="presentation"/"none", or an <img alt="">'s implied one) is
 * in force. ARIA's conflict resolution ignores it on an element that is focusable or carries a
 * global ARIA attribute (aria-live, aria-label...): the picture is then exposed and needs a name.
 * dom-accessibility-api's getRole applies the global-attribute half; focus is checked here.
 */
export function isPresentational(element: Element): boolean {
  return PRESENTATIONAL.has(getRole(element) ?? '') && !isFocusable(element);
}
