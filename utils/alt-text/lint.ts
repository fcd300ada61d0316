/**
 * The check every alt text passes before it is shown or applied. It mends what is plainly wrong
 * (an "Image of" opening, which a screen reader makes redundant by saying "image" itself) and
 * flags what needs the user's judgement (a file name, an address, a copy of the caption, a length
 * over the limit). It never cuts the text: a cut sentence is worse than a long one.
 */
import type { LintChange, LintResult, LintWarning } from '../shared/alt-text-types';

/**
 * Openings that only say "this is a picture", in the UI's four languages. Each is matched at the
 * very start, case-insensitively, and only when something follows it. Russian is special: a bare
 * "Изображение" followed by a noun leaves that noun in the genitive ("Изображение кота" → "кота"),
 * so it is removed only before a separator, or in the prepositional forms ("На фото …") that leave
 * a correct sentence behind. Chinese "这是一张…的图片" loses both ends and keeps the middle.
 */
const OPENINGS: readonly RegExp[] = [
  // English
  /^(?:this|the) (?:image|picture|photo(?:graph)?) (?:shows|depicts|is of)\s+/i,
  /^this is (?:an? )?(?:image|picture|photo(?:graph)?) of\s+/i,
  /^(?:an? |the )?(?:image|picture|photo(?:graph)?|graphic) (?:of|showing|depicting)\s+/i,
  // French
  /^(?:cette|l['’]) ?(?:image|photo(?:graphie)?) (?:montre|représente)\s+/i,
  /^(?:une |l['’] ?|la )?(?:image|photo(?:graphie)?) (?:de |d['’] ?|montrant |représentant )/i,
  // Russian
  /^(?:на (?:этом |этой )?(?:изображении|фото(?:графии)?|картинке))[,:]?\s+/i,
  /^(?:это )?(?:изображение|фото(?:графия)?|картинка)\s*[:—–-]\s*/i,
  // Chinese
  /^这是一张(?=.+的(?:图片|照片|图像)[。.]?$)/,
  /^(?:这张)?(?:图片|照片|图像)(?:显示了?|中是?|上是?)[：:，,]?/,
  /^(?:图片|照片|图像)[：:]/,
  /^图中(?:是|有)?[：:，,]?/,
];
/** The tail a "这是一张…的图片" opening leaves behind. */
const CHINESE_TAIL = /的(?:图片|照片|图像)([。.]?)$/;

/** A file name as a camera or a CMS writes it: IMG_1234, DSC0001.jpg, photo-2.png, banner_final.webp. */
const FILE_NAME = /\b(?:(?:IMG|DSC|DSCN|DCIM|PXL|SAM|GOPR|MVIMG)[_-]?\d{2,}[\w-]*(?:\.\w{2,4})?|[\w-]+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic))\b/i;
const URL = /\b(?:https?:\/\/|www\.)\S+/i;

/** Characters as a person counts them: "é" is one, and so is an emoji made of several code points. */
export function altLength(text: string): number {
  if (typeof Intl.Segmenter === 'function') {
    let count = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count += 1;
    return count;
  }
  return Array.from(text).length;
}

/** For comparing with the caption: case, spacing and a final full stop do not make it different. */
function normalized(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.。!！]+$/u, '').trim();
}

/** Upper-cases the first letter of Latin and Cyrillic text, which an opening's removal leaves lower-case. */
function capitalized(text: string): string {
  const first = text.charAt(0);
  return /\p{Script=Latin}|\p{Script=Cyrillic}/u.test(first) ? first.toLocaleUpperCase() + text.slice(1) : text;
}

function withoutOpening(text: string): { text: string; removed?: string } {
  for (const opening of OPENINGS) {
    const match = opening.exec(text);
    if (!match) continue;
    let rest = text.slice(match[0].length);
    let removed = match[0];
    if (opening.source.startsWith('^这是一张')) {
      const tail = CHINESE_TAIL.exec(rest);
      if (tail) {
        rest = rest.slice(0, tail.index) + tail[1];
        removed = `${match[0]}…${tail[0].slice(0, tail[0].length - tail[1]!.length)}`;
      }
    }
    rest = rest.replace(/^[\s,:;—–-]+/u, '');
    // An opening with nothing after it is the whole alt: leave it to the warnings, not to an empty text.
    if (!rest) return { text };
    return { text: capitalized(rest), removed: removed.trim() };
  }
  return { text };
}

function fileNameOf(url: string | undefined): string | undefined {
  if (!url || url.startsWith('data:')) return undefined;
  try {
    const last = new globalThis.URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(last) || undefined;
  } catch {
    // Not an address the URL parser takes: there is no file name to look for.
    return undefined;
  }
}

export interface LintInput {
  alt: string;
  limit: number;
  caption?: string;
  pictureUrl?: string;
  pageUrl?: string;
}

export function lintAltText(input: LintInput): LintResult {
  const changes: LintChange[] = [];
  const warnings: LintWarning[] = [];
  const opened = withoutOpening(input.alt.trim());
  const text = opened.text;
  if (opened.removed) changes.push({ kind: 'removed-opening', removed: opened.removed });

  const ownFile = fileNameOf(input.pictureUrl);
  const fileName = (ownFile && text.toLowerCase().includes(ownFile.toLowerCase()) ? ownFile : undefined) ?? FILE_NAME.exec(text)?.[0];
  if (fileName) warnings.push({ kind: 'file-name', detail: fileName });
  const address = [input.pictureUrl, input.pageUrl].find((url) => url && text.includes(url)) ?? URL.exec(text)?.[0];
  if (address) warnings.push({ kind: 'url', detail: address });
  if (input.caption && text && normalized(text) === normalized(input.caption)) warnings.push({ kind: 'equals-caption' });
  const length = altLength(text);
  if (length > input.limit) warnings.push({ kind: 'too-long', length, limit: input.limit });
  if (!text) warnings.push({ kind: 'empty' });
  return { text, changes, warnings };
}

export function lintChangedText(result: LintResult): boolean {
  return result.changes.length > 0;
}
