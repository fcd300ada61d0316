/**
 * What a page's own strings may add to storage. A page writes its title, its pictures' alt text
 * and addresses, and the words around them; all of it is stored with a conversation, a comparison
 * tray entry or an audit, so a page with a 6 MB <title> would otherwise put 6 MB into storage with
 * every question (and storage.local is 10 MB in all). The page side bounds its context already
 * (page/alt-text/page-context.ts, by shared/bounded-text.ts); this is the background's own bound
 * on whatever arrives, applied where the records are made: newConversation, addToTray and startAudit.
 */
import { boundedText, CONTEXT_FIELD_LIMIT } from './shared/bounded-text';
import type { PageContext, PageScan, ScannedPicture } from './shared/alt-text-types';
import type { PictureRef } from './ask/conversation';
import { t } from './shared/i18n';
import { ImageError } from './shared/image-error';

/** A page title: a browser tab shows a few dozen characters of it; the popup one line. */
export const TITLE_LIMIT = 300;
/** A picture's alt text or label as the page has it: alt text is a sentence or two. */
export const ALT_LIMIT = 1000;
/** A language tag (BCP 47): the longest real ones are a few dozen characters. */
const LANG_LIMIT = 35;
/** Where a link goes, as context for alt text. */
const HREF_LIMIT = 300;
/**
 * A page's or picture's address. Real ones are a few hundred characters, signed ones a few
 * thousand; browsers accept up to 2 MB, which no record should hold.
 */
export const ADDRESS_LIMIT = 16 * 1024;

/**
 * The text as the page gave it when it fits, else cut (at a word, with "…") to the limit. Only its
 * beginning is looked at: flattening all of a 6 MB string would cost the worker for nothing.
 */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const bounded = boundedText(text.slice(0, 4 * limit), limit);
  return bounded.endsWith('…') ? bounded : `${bounded.slice(0, limit - 1)}…`;
}

/**
 * A page's address, cut to the limit. A cut address no longer matches the page, so the page will
 * not read the picture again for it ("the page has moved on"): the safe side of the check.
 */
export function boundedAddress(address: string): string {
  return address.length > ADDRESS_LIMIT ? address.slice(0, ADDRESS_LIMIT) : address;
}

/** The words around a picture, each field bounded as the page side bounds it. */
export function boundedContext(context: PageContext): PageContext {
  const { lang, pageTitle, caption, control, heading, paragraph, currentAlt } = context;
  return {
    lang: cut(lang, LANG_LIMIT),
    pageTitle: cut(pageTitle, TITLE_LIMIT),
    ...(caption !== undefined ? { caption: cut(caption, CONTEXT_FIELD_LIMIT) } : {}),
    ...(control
      ? { control: { kind: control.kind, text: cut(control.text, CONTEXT_FIELD_LIMIT), ...(control.href !== undefined ? { href: cut(control.href, HREF_LIMIT) } : {}) } }
      : {}),
    ...(heading !== undefined ? { heading: cut(heading, CONTEXT_FIELD_LIMIT) } : {}),
    ...(paragraph !== undefined ? { paragraph: cut(paragraph, CONTEXT_FIELD_LIMIT) } : {}),
    ...(currentAlt !== undefined ? { currentAlt: cut(currentAlt, CONTEXT_FIELD_LIMIT) } : {}),
  };
}

/**
 * A picture as it may be stored: its page's title, address and alt text, and its context, bounded.
 * Its own web address cannot be cut (a cut address is another picture), so one over the limit is
 * refused with a sentence, and nothing is stored or sent.
 */
export function boundedPicture(picture: PictureRef): PictureRef {
  const { url, alt, pageUrl, pageTitle, context } = picture;
  if (url !== undefined && url.length > ADDRESS_LIMIT) {
    throw new ImageError('unreachable', t('imgAddressTooLong', Math.round(ADDRESS_LIMIT / 1024)));
  }
  return {
    ...picture,
    ...(alt !== undefined ? { alt: cut(alt, ALT_LIMIT) } : {}),
    ...(pageUrl !== undefined ? { pageUrl: boundedAddress(pageUrl) } : {}),
    ...(pageTitle !== undefined ? { pageTitle: cut(pageTitle, TITLE_LIMIT) } : {}),
    ...(context ? { context: boundedContext(context) } : {}),
  };
}

/**
 * A picture the audit found. An address over the limit is left out, as a long data: address is:
 * the page is asked for the pixels when the picture is described (audit-row.ts).
 */
function boundedScanned(picture: ScannedPicture): ScannedPicture {
  const { url, ...rest } = picture;
  return {
    ...rest,
    ...(url !== undefined && url.length <= ADDRESS_LIMIT ? { url } : {}),
    currentAlt: picture.currentAlt === null ? null : cut(picture.currentAlt, ALT_LIMIT),
    context: boundedContext(picture.context),
  };
}

/** A page's scan for the audit, every string in it bounded. */
export function boundedScan(scan: PageScan): PageScan {
  return {
    ...scan,
    pageUrl: boundedAddress(scan.pageUrl),
    pageTitle: cut(scan.pageTitle, TITLE_LIMIT),
    lang: cut(scan.lang, LANG_LIMIT),
    needing: scan.needing.map(boundedScanned),
    decorative: scan.decorative.map(boundedScanned),
  };
}
