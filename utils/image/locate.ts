/**
 * Page side: remembers which element the user right-clicked (or last pointed at), and describes
 * the picture it shows. Runs in every frame as part of the content script.
 */
import type { TargetDescription } from '../messages';

function pictureUrl(element: Element | null): { url: string; image?: HTMLImageElement } | null {
  if (!element) return null;
  // A focused link or button that holds one picture stands for that picture (keyboard users).
  const image =
    element instanceof HTMLImageElement
      ? element
      : (element.closest('img') ?? (element.matches('a, button') ? element.querySelector('img') : null));
  if (image) {
    // currentSrc is the candidate the browser chose from srcset / <picture>: what the user sees.
    const url = image.currentSrc || image.src;
    return url ? { url, image } : null;
  }
  return null;
}

/** The innermost element at the event, looking through open shadow roots. */
function eventTarget(event: Event): Element | null {
  const first = event.composedPath()[0];
  return first instanceof Element ? first : null;
}

export function createTargetTracker(doc: Document) {
  let rightClicked: WeakRef<Element> | undefined;
  let pointedAt: WeakRef<Element> | undefined;

  const onContextMenu = (event: Event) => {
    const target = eventTarget(event);
    rightClicked = target ? new WeakRef(target) : undefined;
  };
  const onPointerOver = (event: Event) => {
    const target = eventTarget(event);
    if (pictureUrl(target)) pointedAt = new WeakRef(target!);
  };
  // Capture phase: pages that stop propagation of contextmenu must not hide the picture from us.
  doc.addEventListener('contextmenu', onContextMenu, { capture: true });
  doc.addEventListener('pointerover', onPointerOver, { capture: true, passive: true });

  function describe(reason: 'menu' | 'command'): TargetDescription | null {
    // From the keyboard, the focused picture wins; otherwise the one under the pointer.
    const candidates =
      reason === 'menu'
        ? [rightClicked?.deref()]
        : [doc.activeElement, pointedAt?.deref()];
    for (const element of candidates) {
      const found = pictureUrl(element ?? null);
      if (!found) continue;
      const alt = found.image?.getAttribute('alt')?.trim();
      const size = found.image?.naturalWidth ? { width: found.image.naturalWidth, height: found.image.naturalHeight } : {};
      return {
        srcUrl: found.url,
        ...(alt ? { alt } : {}),
        ...size,
        pageUrl: doc.location.href,
        pageTitle: doc.title,
      };
    }
    return null;
  }

  return {
    describe,
    dispose(): void {
      doc.removeEventListener('contextmenu', onContextMenu, { capture: true });
      doc.removeEventListener('pointerover', onPointerOver, { capture: true });
    },
  };
}
