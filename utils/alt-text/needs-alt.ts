/**
 * Which pictures need alt text (the guide's alt-text.md, after WAI): pure rules over plain facts,
 * so they are tested without a browser, and the thin reader that takes those facts from the DOM.
 */
import type { AltNeed } from './types';

export interface PictureFacts {
  tag: 'img' | 'input-image' | 'svg' | 'role-img' | 'other';
  /** The alt attribute as written; null when there is none. */
  alt: string | null;
  role: string | null;
  /** aria-label, or the text of the aria-labelledby targets; null when neither. */
  ariaLabel: string | null;
  /** An SVG's own <title>, or a title attribute. */
  title: string | null;
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
const FILE_NAME = /^[\w\s().-]*\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|ico)$/i;
const CAMERA_NAME = /^(?:IMG|DSC|DSCN|DCIM|PXL|SAM|GOPR|MVIMG|Screenshot|Screen Shot|image|photo)[\s_-]*\d[\w\s-]*$/i;
const SLUG = /^[a-z0-9]+(?:[_-][a-z0-9]+)+$/i;

/** An alt that does not describe: a file name, a bare kind word, an address, a word repeated. */
export function isSuspiciousAlt(alt: string, pictureUrl?: string): boolean {
  const text = alt.trim();
  if (!text) return false;
  const lower = text.toLowerCase();
  if (BARE_WORDS.has(lower)) return true;
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

export function altNeedOf(facts: PictureFacts): AltNeed {
  if (facts.ariaHidden) return { needs: false, reason: 'aria-hidden' };
  if (facts.role === 'presentation' || facts.role === 'none') return { needs: false, reason: 'presentation' };
  if (!facts.rendered) return { needs: false, reason: 'not-rendered' };
  // Tracking pixels and spacers: nobody sees them.
  if (facts.width <= 2 || facts.height <= 2) return { needs: false, reason: 'tiny' };
  const label = facts.ariaLabel?.trim();
  if ((facts.tag === 'img' || facts.tag === 'input-image') && facts.alt !== null && facts.alt.trim() === '' && !label) {
    return facts.tag === 'img' ? { needs: false, reason: 'decorative' } : { needs: true, reason: 'input-no-alt' };
  }
  const name = label || (facts.tag === 'img' || facts.tag === 'input-image' ? facts.alt?.trim() : undefined) || (facts.tag === 'svg' || facts.tag === 'role-img' ? facts.title?.trim() : undefined);
  if (name) return isSuspiciousAlt(name, facts.url) ? { needs: true, reason: 'suspicious' } : { needs: false, reason: 'labelled' };
  switch (facts.tag) {
    case 'img':
      return { needs: true, reason: 'missing' };
    case 'input-image':
      return { needs: true, reason: 'input-no-alt' };
    case 'svg':
      return { needs: true, reason: 'svg-no-title' };
    default:
      return { needs: true, reason: 'no-name' };
  }
}

function tagOf(element: Element): PictureFacts['tag'] {
  if (element instanceof HTMLImageElement) return 'img';
  if (element instanceof HTMLInputElement && element.type === 'image') return 'input-image';
  if (element.localName === 'svg') return 'svg';
  if (element.getAttribute('role') === 'img') return 'role-img';
  return 'other';
}

function labelOf(element: Element): string | null {
  const label = element.getAttribute('aria-label');
  if (label?.trim()) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (!labelledBy) return null;
  const root = element.getRootNode() as Document | ShadowRoot;
  const text = labelledBy
    .split(/\s+/)
    .map((id) => root.getElementById?.(id)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return text || null;
}

function titleOf(element: Element): string | null {
  const own = [...element.children].find((child) => child.localName === 'title')?.textContent;
  return own?.trim() || element.getAttribute('title');
}

function isRendered(element: Element, box: DOMRect): boolean {
  const check = (element as Element & { checkVisibility?: (options?: Record<string, boolean>) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(element, { visibilityProperty: true, contentVisibilityAuto: false }) && box.width > 0 && box.height > 0;
  const style = getComputedStyle(element);
  return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
}

/** Reads the facts from the live element (one layout read; no writes). */
export function factsOf(element: Element): PictureFacts {
  const box = element.getBoundingClientRect();
  const tag = tagOf(element);
  const url = element instanceof HTMLImageElement ? element.currentSrc || element.src : element instanceof HTMLInputElement ? element.src : undefined;
  return {
    tag,
    alt: element.getAttribute('alt'),
    role: element.getAttribute('role'),
    ariaLabel: labelOf(element),
    title: tag === 'svg' ? titleOf(element) : element.getAttribute('title'),
    ariaHidden: element.closest('[aria-hidden="true"]') !== null,
    rendered: isRendered(element, box),
    width: box.width,
    height: box.height,
    ...(url ? { url } : {}),
  };
}
