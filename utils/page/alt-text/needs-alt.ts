/**
 * Which pictures need alt text (the guide's alt-text.md, after WAI, and the way axe-core's image
 * rules judge them): rules over plain facts, so they are tested without a browser, and the thin
 * reader that takes those facts from the DOM. The name itself comes from the W3C computation
 * (picture-name.ts); the project's own judgement (suspicious names, an alt that repeats the text
 * beside it) sits on top of it.
 */
import { accessibleNameOf, explicitRoleOf, isPresentational } from './picture-name';
import { repeatedTextOf } from './redundant-alt';
import type { AltNeed, NeedReason } from '../../shared/alt-text-types';

export interface PictureFacts {
  /** 'role-img': any other element shown as a picture by its role (img, graphics-symbol...), SVG parts included. */
  tag: 'img' | 'input-image' | 'svg' | 'role-img' | 'area' | 'object' | 'other';
  /** The alt attribute as written; null when there is none. */
  alt: string | null;
  /** The explicit role (the role attribute's first token); null when there is none. */
  role: string | null;
  /** The accessible name by the W3C computation (aria-labelledby, aria-label, a <label>, alt, an SVG <title>, title); '' when none. */
  name: string;
  /**
   * The element says it is presentational (role="presentation"/"none", or an <img alt="">) but
   * ARIA ignores that, because it is focusable or carries a global ARIA attribute.
   */
  presentationIgnored?: boolean;
  /** The text beside the picture, in the same link, button or cell, that its name repeats word for word. */
  repeats?: string;
  /** The element or an ancestor has aria-hidden="true". */
  ariaHidden: boolean;
  rendered: boolean;
  /** The box it is shown in, in CSS pixels. */
  width: number;
  height: number;
  url?: string;
}

/** Words that name the kind of thing rather than what it shows, in the UI's four languages. */
const BARE_WORDS = new Set([
  'image', 'images', 'img', 'photo', 'photos', 'picture', 'pictures', 'pic', 'graphic', 'icon', 'logo', 'banner', 'spacer', 'alt', 'untitled', 'placeholder', 'thumbnail', 'null', 'undefined',
  'photographie', 'illustration', 'изображение', 'картинка', 'фото', 'фотография', 'иконка', '图片', '图像', '照片', '图标',
]);
/** Alt text that publishing systems write by themselves when the author gave none. */
const PLACEHOLDERS = new Set(['image for post', 'featured image', 'no alt text provided for this image', 'image may contain', 'alt text', 'image description']);
const FILE_NAME = /^[\w\s().-]*\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|ico)$/i;
const CAMERA_NAME = /^(?:IMG|DSC|DSCN|DCIM|PXL|SAM|GOPR|MVIMG|Screenshot|Screen Shot|image|photo)[\s_-]*\d[\w\s-]*$/i;
const SLUG = /^[a-z0-9]+(?:[_-][a-z0-9]+)+$/i;

/** An alt that does not describe: a file name, a bare kind word, an address, a word repeated. */
export function isSuspiciousAlt(alt: string, pictureUrl?: string): boolean {
  const text = alt.trim();
  if (!text) return false;
  const lower = text.toLowerCase();
  if (BARE_WORDS.has(lower) || PLACEHOLDERS.has(lower.replace(/\s+/g, ' '))) return true;
  if (FILE_NAME.test(text) || CAMERA_NAME.test(text)) return true;
  if (/^(?:https?:\/\/|www\.|data:|\/)\S*$/i.test(text)) return true;
  // A slug with no spaces ("banner_final", "hero-image-2") is a name given by a system, not a description.
  if (SLUG.test(text) && /\d|_/.test(text)) return true;
  if (pictureUrl) {
    const file = decodeURIComponent(pictureUrl.split(/[?#]/)[0]!.split('/').pop() ?? '').toLowerCase();
    if (file && (lower === file || lower === file.replace(/\.\w+$/, ''))) return true;
  }
  const words = lower.split(/\s+/);
  return words.length > 1 && words.every((word) => word === words[0]);
}

const UNNAMED: Record<PictureFacts['tag'], NeedReason> = {
  img: 'missing',
  'input-image': 'input-no-alt',
  svg: 'svg-no-title',
  area: 'area-no-alt',
  object: 'object-no-name',
  'role-img': 'no-name',
  other: 'no-name',
};

export function altNeedOf(facts: PictureFacts): AltNeed {
  if (facts.ariaHidden) return { needs: false, reason: 'aria-hidden' };
  if ((facts.role === 'presentation' || facts.role === 'none') && !facts.presentationIgnored) return { needs: false, reason: 'presentation' };
  if (!facts.rendered) return { needs: false, reason: 'not-rendered' };
  // Tracking pixels and spacers: nobody sees them.
  if (facts.width <= 2 || facts.height <= 2) return { needs: false, reason: 'tiny' };
  const name = facts.name.trim();
  if (!name) {
    // Only an empty alt is "decorative"; alt=" " is no alt at all (a screen reader falls back to the file name).
    const decorative = facts.tag === 'img' && facts.alt === '' && facts.role === null && !facts.presentationIgnored;
    return decorative ? { needs: false, reason: 'decorative' } : { needs: true, reason: UNNAMED[facts.tag] };
  }
  if (isSuspiciousAlt(name, facts.url)) return { needs: true, reason: 'suspicious' };
  if (facts.repeats) return { needs: true, reason: 'redundant' };
  return { needs: false, reason: 'labelled' };
}

function tagOf(element: Element): PictureFacts['tag'] {
  if (element instanceof HTMLImageElement) return 'img';
  if (element instanceof HTMLInputElement) return element.type === 'image' ? 'input-image' : 'other';
  if (element instanceof HTMLAreaElement) return 'area';
  if (element instanceof HTMLObjectElement) return 'object';
  if (element.localName === 'svg') return 'svg';
  const role = explicitRoleOf(element);
  return role === 'img' || role?.startsWith('graphics-') ? 'role-img' : 'other';
}

/** What shows an image-map <area>: the <img usemap> of its <map>; the element itself otherwise. */
export function shownBy(element: Element): Element {
  if (!(element instanceof HTMLAreaElement)) return element;
  const name = element.closest('map')?.name;
  if (!name) return element;
  const images = (element.getRootNode() as Document | ShadowRoot).querySelectorAll('img[usemap]');
  return [...images].find((image) => image.getAttribute('usemap') === `#${name}`) ?? element;
}

function isRendered(element: Element, box: DOMRect): boolean {
  const check = (element as Element & { checkVisibility?: (options?: Record<string, boolean>) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(element, { visibilityProperty: true, contentVisibilityAuto: false }) && box.width > 0 && box.height > 0;
  const style = getComputedStyle(element);
  return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
}

/** Where the picture is shown and how large: the one layout read. */
export interface PictureBox {
  rendered: boolean;
  width: number;
  height: number;
}

/** Measures the element (an <area> by the image that shows it). */
export function boxOf(element: Element): PictureBox {
  const shown = shownBy(element);
  const box = shown.getBoundingClientRect();
  // An <area> of a map no image uses is nowhere on the page.
  const orphanArea = element instanceof HTMLAreaElement && shown === element;
  return { rendered: !orphanArea && isRendered(shown, box), width: box.width, height: box.height };
}

function urlOf(element: Element): string | undefined {
  const shown = shownBy(element);
  if (shown instanceof HTMLImageElement) return shown.currentSrc || shown.src || undefined;
  if (element instanceof HTMLInputElement) return element.src || undefined;
  if (element instanceof HTMLObjectElement) return element.data || undefined;
  return undefined;
}

/**
 * Reads the facts from the live element. `box` is the layout read (boxOf); the scan takes every
 * box first, and a DOM without layout (the unit tests) passes the box it assumes.
 */
export function factsOf(element: Element, box: PictureBox = boxOf(element)): PictureFacts {
  const tag = tagOf(element);
  const alt = element.getAttribute('alt');
  const role = explicitRoleOf(element);
  const name = accessibleNameOf(element);
  const saysPresentational = role === 'presentation' || role === 'none' || (role === null && tag === 'img' && alt === '');
  const repeats = tag === 'img' ? repeatedTextOf(element, name) : undefined;
  const url = urlOf(element);
  return {
    tag,
    alt,
    role,
    name,
    ...(saysPresentational && !isPresentational(element) ? { presentationIgnored: true } : {}),
    ...(repeats ? { repeats } : {}),
    ariaHidden: element.closest('[aria-hidden="true"]') !== null,
    ...box,
    ...(url ? { url } : {}),
  };
}
