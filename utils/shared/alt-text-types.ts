/**
 * The shapes alt text is made of, shared by the page side (finding pictures, reading their
 * context, writing the result back), the background (asking the model) and the popup.
 */
import type { PictureKind } from './picture-source';

/** The picture's purpose on its page, as the W3C decision tree sorts them. */
export type AltKind = 'functional' | 'text' | 'informative' | 'complex' | 'decorative';
export const ALT_KINDS: readonly AltKind[] = ['functional', 'text', 'informative', 'complex', 'decorative'];

/** What the page says around a picture; every text is trimmed and bounded (see page-context.ts). */
export interface PageContext {
  /** The language of the element (its own or nearest ancestor's `lang`), else the document's; '' when none. */
  lang: string;
  pageTitle: string;
  /** The caption of the enclosing <figure>. */
  caption?: string;
  /** The link or button the picture sits in: what it says besides the picture, and where a link goes. */
  control?: { kind: 'link' | 'button'; text: string; href?: string };
  /** The nearest heading before the picture. */
  heading?: string;
  /** The nearest paragraph: the enclosing one, else the closest one before or after. */
  paragraph?: string;
  /** The current alt (or label) when it is suspicious, so the model can do better than it. */
  currentAlt?: string;
}

/**
 * Why a picture needs alt text, listed as values too, so that what the worker accepts from a page
 * (describe-as-browse-payload.ts) cannot fall behind what the page's scan says. 'redundant': the alt
 * says again what the link, button or cell around it already says, and alt="" is suggested.
 */
export const NEED_REASONS = ['missing', 'suspicious', 'no-name', 'svg-no-title', 'input-no-alt', 'area-no-alt', 'object-no-name', 'redundant'] as const;
/** Why a picture needs alt text, or why it does not. */
export type NeedReason = (typeof NEED_REASONS)[number];
export type SkipReason = 'labelled' | 'decorative' | 'presentation' | 'aria-hidden' | 'not-rendered' | 'tiny';
export type AltNeed = { needs: true; reason: NeedReason } | { needs: false; reason: SkipReason };

/** A picture the page audit found. */
export interface ScannedPicture {
  /** The page's handle for the element (element-registry.ts), to read it and write to it later. */
  elementId: string;
  kind: PictureKind;
  /** Its address, where it has one (an <img>'s current source, a background's url). */
  url?: string;
  /** The alt attribute (or aria-label) as it is now; null when there is none. */
  currentAlt: string | null;
  need: AltNeed;
  /** Natural size in pixels when known, else the size shown; for token estimates. */
  width: number;
  height: number;
  context: PageContext;
}

export interface PageScan {
  pageUrl: string;
  pageTitle: string;
  lang: string;
  /** Pictures that need alt text, in document order. */
  needing: ScannedPicture[];
  /** Pictures marked decorative with alt="": listed apart, for the author to review. */
  decorative: ScannedPicture[];
  /** How many picture-like elements were looked at in all. */
  examined: number;
  /** How long the scan took in the page, in milliseconds (for the benchmark). */
  scanMs: number;
}

/** What "Describe as I browse" reports from a page: the pictures that came into view (checked on arrival by describe-as-browse-payload.ts). */
export type BrowseReport = { pictures: ScannedPicture[]; pageTitle: string; lang: string };

/** The model's answer about one picture, as parsed (parse.ts) from JSON or from plain text. */
export interface AltTextAnswer {
  alt: string;
  kind: AltKind;
  decorative: boolean;
  /** Why it is decorative, or what the model noticed; may be ''. */
  reason: string;
  /** For complex pictures: the long description offered apart; '' otherwise. */
  longDescription: string;
  /** A version within the length limit when `alt` is over it; '' otherwise. */
  shorter: string;
}

/** What the lint changed in the text, shown to the user. */
export type LintChange = { kind: 'removed-opening'; removed: string };
/** What the lint found and could not mend by itself. */
export type LintWarning =
  | { kind: 'file-name'; detail: string }
  | { kind: 'url'; detail: string }
  | { kind: 'equals-caption' }
  | { kind: 'too-long'; length: number; limit: number }
  | { kind: 'empty' };

export interface LintResult {
  /** The text after the lint's changes. */
  text: string;
  changes: LintChange[];
  warnings: LintWarning[];
}

/** Alt text ready to show and apply: the answer, linted. */
export interface AltTextResult extends AltTextAnswer {
  lint: LintResult;
  /** The shorter version, linted, when one was offered and fits. */
  shorterLint?: LintResult;
  /** The language it was asked in (BCP 47), '' for the model's choice. */
  language: string;
}
