/**
 * Page side: where this frame sits in the top window, so a screenshot can be cropped to a picture
 * inside an iframe. A cross-origin frame cannot measure its own position, so each frame's content
 * script asks its parent's content script over postMessage, and answers its own child frames.
 *
 * Two things a page must not get from this (issue 24). An answer to any message would tell every
 * page the extension is installed and tell a frame its exact place: so only a question carrying the
 * secret the background gave every frame of the tab for this one ask is answered, once. And a frame
 * must not get a screenshot of the page around it: so the answer carries the frame's visible box
 * within the top window, and every crop is clipped to it.
 */
import type { Rect } from '../shared/picture-source';

const REQUEST = 'ask-about-image:frame-offset';

/** How long a secret the background gave is good for: one ask's round of questions up the frames. */
const SECRET_LIFETIME_MS = 10_000;

/** Where a frame's content lies in the top window, in the top window's CSS pixels. */
export interface FramePlace {
  /** Where the frame's viewport's top-left corner is. */
  x: number;
  y: number;
  /** Top-window CSS pixels per CSS pixel of this frame (a transform or zoom on it or on its ancestors). */
  scale: number;
  /** The part of the top window this frame can show: its box, clipped by every ancestor frame's. */
  clip: Rect;
  /** The top window's device pixels per CSS pixel: the screenshot's scale. */
  devicePixelRatio: number;
}

/** Farther than any real page nests a frame from the top corner, in CSS pixels. */
const MAX_OFFSET = 100_000;

const isNumber = (n: unknown, limit = MAX_OFFSET): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;

/**
 * The parent's answer is the parent page's word, and a script of that page might answer first: only
 * finite numbers within reach are believed, so a lie can at worst move the crop within the
 * screenshot of the tab the user is looking at, and never widen it past the frame's own box.
 */
function isPlace(data: unknown): data is FramePlace {
  if (typeof data !== 'object' || data === null) return false;
  const { x, y, scale, clip, devicePixelRatio } = data as Partial<FramePlace>;
  if (![x, y].every((n) => isNumber(n)) || !isNumber(scale, 100) || scale <= 0 || !isNumber(devicePixelRatio, 100) || devicePixelRatio <= 0) return false;
  if (typeof clip !== 'object' || clip === null) return false;
  return [clip.x, clip.y, clip.width, clip.height].every((n) => isNumber(n)) && clip.width >= 0 && clip.height >= 0;
}

/** The overlap of two boxes; empty (zero-sized) when they do not meet. */
export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/** A box in this frame's CSS pixels, in the top window's, clipped to what the frame can show there. */
export function placeInTop(rect: Rect, place: FramePlace): Rect {
  const mapped = { x: place.x + rect.x * place.scale, y: place.y + rect.y * place.scale, width: rect.width * place.scale, height: rect.height * place.scale };
  return intersect(mapped, place.clip);
}

function topPlace(win: Window): FramePlace {
  return { x: 0, y: 0, scale: 1, clip: { x: 0, y: 0, width: win.innerWidth, height: win.innerHeight }, devicePixelRatio: win.devicePixelRatio || 1 };
}

/**
 * Where a child frame's viewport lies in this window: inside the frame element's border and
 * padding, scaled as the element is drawn (a transform or a CSS zoom shows in its drawn box, not in
 * its layout size).
 */
function childBox(frame: HTMLElement, win: Window): { box: Rect; scale: number } {
  const drawn = frame.getBoundingClientRect();
  const style = win.getComputedStyle(frame);
  const pad = (side: 'Left' | 'Right' | 'Top' | 'Bottom') => parseFloat(style[`padding${side}`]) || 0;
  const outer = frame.offsetWidth > 0 ? drawn.width / frame.offsetWidth : 1;
  const box = {
    x: drawn.left + (frame.clientLeft + pad('Left')) * outer,
    y: drawn.top + (frame.clientTop + pad('Top')) * outer,
    width: Math.max(0, frame.clientWidth - pad('Left') - pad('Right')) * outer,
    height: Math.max(0, frame.clientHeight - pad('Top') - pad('Bottom')) * outer,
  };
  return { box, scale: outer };
}

interface Question {
  type: typeof REQUEST;
  secret: string;
}

function isQuestion(data: unknown): data is Question {
  if (typeof data !== 'object' || data === null) return false;
  const { type, secret } = data as Partial<Question>;
  return type === REQUEST && typeof secret === 'string';
}

export interface FrameOffsetResponder {
  /** Lets one question carrying `secret` be answered (the background's, for one ask). */
  expect(secret: string): void;
}

/**
 * How many unanswered questions a frame keeps, waiting for their secret to arrive: the background
 * gives the secret to every frame at once, and a child may ask before its parent has heard it.
 * A page can send questions with made-up secrets; they wait here, bounded, and are never answered.
 */
const WAITING_QUESTIONS = 8;
/** As long as the asking frame waits for its answer (frameOffset's timeout). */
const QUESTION_WAIT_MS = 1_000;

/** Answers child frames asking where they are, when they carry a secret the background gave; install once per frame. */
export function answerFrameOffsetQueries(win: Window): FrameOffsetResponder {
  const expected = new Map<string, number>();
  const waiting: { secret: string; event: MessageEvent; until: number }[] = [];

  const answer = (event: MessageEvent, secret: string, port: MessagePort) => {
    expected.delete(secret);
    const frame = [...win.document.querySelectorAll('iframe, frame')].find(
      (f) => (f as HTMLIFrameElement).contentWindow === event.source,
    );
    if (!(frame instanceof HTMLElement)) {
      port.postMessage(null);
      return;
    }
    const { box, scale } = childBox(frame, win);
    frameOffset(win, secret).then(
      (outer) =>
        port.postMessage({
          x: outer.x + box.x * outer.scale,
          y: outer.y + box.y * outer.scale,
          scale: outer.scale * scale,
          clip: placeInTop(box, outer),
          devicePixelRatio: outer.devicePixelRatio,
        } satisfies FramePlace),
      () => port.postMessage(null),
    );
  };

  win.addEventListener('message', (event: MessageEvent) => {
    // Trusted: a question without the ask's secret gets no answer at all, so a page can tell
    // neither that the extension is there nor where its frame is.
    if (!isQuestion(event.data) || !event.ports[0]) return;
    const { secret } = event.data;
    const until = expected.get(secret);
    if (until !== undefined && until >= Date.now()) {
      answer(event, secret, event.ports[0]);
      return;
    }
    // Perhaps the secret is still on its way to this frame: the question waits a moment for it.
    waiting.push({ secret, event, until: Date.now() + QUESTION_WAIT_MS });
    if (waiting.length > WAITING_QUESTIONS) waiting.shift();
  });
  return {
    expect(secret) {
      const now = Date.now();
      for (const [old, until] of expected) if (until < now) expected.delete(old);
      expected.set(secret, now + SECRET_LIFETIME_MS);
      const early = waiting.findIndex((question) => question.secret === secret && question.until >= now);
      if (early === -1) return;
      const { event } = waiting.splice(early, 1)[0]!;
      answer(event, secret, event.ports[0]!);
    },
  };
}

/** This frame's place in the top window; the whole viewport at scale 1 in the top window itself. */
export function frameOffset(win: Window, secret?: string, timeoutMs = 1000): Promise<FramePlace> {
  if (win.parent === win) return Promise.resolve(topPlace(win));
  if (!secret) return Promise.reject(new Error('A frame asked where it is without the secret of an ask.'));
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(new Error('The parent page did not say where this frame is.'));
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      clearTimeout(timer);
      channel.port1.close();
      if (event.data === null) reject(new Error('The parent page could not find this frame.'));
      else if (isPlace(event.data)) {
        const { x, y, scale, clip, devicePixelRatio } = event.data;
        resolve({ x, y, scale, clip: { x: clip.x, y: clip.y, width: clip.width, height: clip.height }, devicePixelRatio });
      }
      else reject(new Error('The parent page answered where this frame is with something that is not a position.'));
    };
    const question: Question = { type: REQUEST, secret };
    win.parent.postMessage(question, '*', [channel.port2]);
  });
}
