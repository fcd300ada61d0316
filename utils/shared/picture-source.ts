/** Where the pixels of a picture come from, as the page's content script found them. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PictureSource =
  /** An address the background can fetch (http, https, data:, file:). */
  | { kind: 'url'; url: string }
  /** Bytes the page read itself (canvas, video frame, inline SVG, blob: pictures), as a data URL. */
  | { kind: 'data'; dataUrl: string }
  /** Pixels nobody may read (tainted canvas, protected video): crop a screenshot to this box. */
  | { kind: 'capture'; rect: Rect; devicePixelRatio: number };

/** What kind of thing the user pointed at, in words for the conversation ("a canvas drawing"). */
export type PictureKind = 'image' | 'background image' | 'canvas drawing' | 'video frame' | 'SVG drawing' | 'page region';
