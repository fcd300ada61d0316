/**
 * Page side: "Select a region to ask about". The page dims and the user drags a rectangle, or
 * moves and sizes one with the keyboard (arrows move, Shift+arrows resize, Enter asks, Escape
 * cancels). The overlay lives in a closed shadow root, so the page can neither read nor restyle
 * it, and it leaves the page exactly as it was: the host element is removed and focus goes back.
 */
import type { Rect } from '../shared/picture-source';

/** The custom element that hosts the overlay; its inside is closed to the page. */
export const REGION_HOST = 'ask-image-region';
const STEP = 10;
const START = { width: 240, height: 160 };

export interface RegionWords {
  instructions: string;
  label: string;
}

interface Overlay {
  host: HTMLElement;
  /** Takes the pointer and the keys; the page's own elements get neither while it is up. */
  veil: HTMLElement;
  box: HTMLElement;
}

/** The overlay, not yet on the page: a closed shadow root holding the veil, the rectangle and the help line. */
function buildOverlay(doc: Document, words: RegionWords): Overlay {
  const host = doc.createElement(REGION_HOST);
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `
    <style>
      :host { all: initial; position: fixed; inset: 0; z-index: 2147483647; }
      .veil { position: fixed; inset: 0; cursor: crosshair; background: rgba(0, 0, 0, 0.35); outline: none; }
      .box { position: fixed; border: 2px solid #fff; box-shadow: 0 0 0 1px #1a73e8, 0 0 0 9999px rgba(0, 0, 0, 0.2); pointer-events: none; }
      .help { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); max-width: 90vw; padding: 8px 12px; border-radius: 6px;
        background: #1f1f1f; color: #fff; font: 14px/1.4 system-ui, sans-serif; pointer-events: none; }
    </style>
    <div class="veil" tabindex="0" role="application"></div>
    <div class="box"></div>
    <p class="help" role="status"></p>`;
  const veil = root.querySelector<HTMLElement>('.veil')!;
  const box = root.querySelector<HTMLElement>('.box')!;
  const help = root.querySelector<HTMLElement>('.help')!;
  veil.setAttribute('aria-label', words.label);
  help.textContent = words.instructions;
  return { host, veil, box };
}

/** The rectangle kept inside a viewport of `width` by `height`, sized down first, then moved in. */
function clampTo(r: Rect, width: number, height: number): Rect {
  const w = Math.max(0, Math.min(r.width, width));
  const h = Math.max(0, Math.min(r.height, height));
  return { x: Math.max(0, Math.min(r.x, width - w)), y: Math.max(0, Math.min(r.y, height - h)), width: w, height: h };
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };

/** Where an arrow key takes the rectangle (Shift resizes it rather than moving it); undefined for any other key. */
function arrowed(rect: Rect, event: KeyboardEvent): Rect | undefined {
  const move = ARROWS[event.key];
  if (!move) return undefined;
  return event.shiftKey ? { ...rect, width: rect.width + move[0], height: rect.height + move[1] } : { ...rect, x: rect.x + move[0], y: rect.y + move[1] };
}

/** Follows a drag on the veil by the user's own pointer: where it starts, the rectangle it spans, and letting go. */
function followDrag(veil: HTMLElement, on: { start: (at: { x: number; y: number }) => void; move: (spanned: Rect) => void; end: () => void }): void {
  let dragFrom: { x: number; y: number } | undefined;
  veil.addEventListener('pointerdown', (event) => {
    if (!event.isTrusted) return;
    dragFrom = { x: event.clientX, y: event.clientY };
    veil.setPointerCapture(event.pointerId);
    on.start(dragFrom);
  });
  veil.addEventListener('pointermove', (event) => {
    if (!dragFrom || !event.isTrusted) return;
    on.move({ x: Math.min(dragFrom.x, event.clientX), y: Math.min(dragFrom.y, event.clientY), width: Math.abs(event.clientX - dragFrom.x), height: Math.abs(event.clientY - dragFrom.y) });
  });
  veil.addEventListener('pointerup', (event) => {
    if (!dragFrom || !event.isTrusted) return;
    dragFrom = undefined;
    on.end();
  });
}

/** Resolves with the chosen rectangle in viewport CSS pixels, or null when the user cancelled. */
export function selectRegion(win: Window, words: RegionWords): Promise<{ rect: Rect; devicePixelRatio: number } | null> {
  const doc = win.document;
  const previousFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const { host, veil, box } = buildOverlay(doc, words);

  const width = win.innerWidth;
  const height = win.innerHeight;
  // Without a mouse, a rectangle in the middle is where the keyboard starts.
  let rect: Rect = { x: Math.max(0, (width - START.width) / 2), y: Math.max(0, (height - START.height) / 2), width: Math.min(START.width, width), height: Math.min(START.height, height) };
  const show = (next: Rect) => {
    rect = next;
    Object.assign(box.style, { left: `${rect.x}px`, top: `${rect.y}px`, width: `${rect.width}px`, height: `${rect.height}px` });
  };
  show(rect);
  doc.documentElement.append(host);
  veil.focus();

  return new Promise((resolve) => {
    const finish = (chosen: Rect | null) => {
      win.removeEventListener('keydown', onKey, true);
      host.remove();
      previousFocus?.focus();
      // The overlay must be off the screen before the background photographs the tab.
      win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve(chosen ? { rect: chosen, devicePixelRatio: win.devicePixelRatio || 1 } : null)));
    };
    const onKey = (event: KeyboardEvent) => {
      // Only the user's own keys: a page's script could otherwise press Enter for them and choose
      // what is photographed and sent.
      if (!event.isTrusted) return;
      const moved = arrowed(rect, event);
      if (event.key === 'Escape') finish(null);
      else if (event.key === 'Enter') finish(rect);
      else if (moved) show(clampTo(moved, width, height));
      else return;
      // The page does not see the keys the overlay used.
      event.preventDefault();
      event.stopPropagation();
    };
    win.addEventListener('keydown', onKey, true);
    followDrag(veil, { start: (at) => show({ ...at, width: 0, height: 0 }), move: (spanned) => show(clampTo(spanned, width, height)), end: () => finish(rect) });
  });
}
