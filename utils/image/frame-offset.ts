/**
 * Page side: where this frame sits in the top window, so a screenshot can be cropped to a picture
 * inside an iframe. A cross-origin frame cannot measure its own position, so each frame's content
 * script asks its parent's content script over postMessage, and answers its own child frames.
 */
const REQUEST = 'ask-about-image:frame-offset';

interface Offset {
  x: number;
  y: number;
}

/** Farther than any real page nests a frame from the top corner, in CSS pixels. */
const MAX_OFFSET = 100_000;

/**
 * The parent's answer is the parent page's word, and any script of that page can answer first:
 * only two finite numbers within reach are believed, so a lie can at worst move the crop within
 * the screenshot of the tab the user is looking at.
 */
function isOffset(data: unknown): data is Offset {
  if (typeof data !== 'object' || data === null) return false;
  const { x, y } = data as Partial<Offset>;
  return [x, y].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_OFFSET);
}

/** Answers child frames asking where they are; install once per frame. */
export function answerFrameOffsetQueries(win: Window): void {
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.data !== REQUEST || !event.ports[0]) return;
    const port = event.ports[0];
    const frame = [...win.document.querySelectorAll('iframe, frame')].find(
      (f) => (f as HTMLIFrameElement).contentWindow === event.source,
    );
    if (!frame) {
      port.postMessage(null);
      return;
    }
    const box = frame.getBoundingClientRect();
    const inner = { x: box.left + frame.clientLeft, y: box.top + frame.clientTop };
    frameOffset(win).then(
      (outer) => port.postMessage({ x: outer.x + inner.x, y: outer.y + inner.y }),
      () => port.postMessage(null),
    );
  });
}

/** This frame's top-left corner in the top window's viewport; (0, 0) in the top window. */
export function frameOffset(win: Window, timeoutMs = 1000): Promise<Offset> {
  if (win.parent === win) return Promise.resolve({ x: 0, y: 0 });
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
      else if (isOffset(event.data)) resolve({ x: event.data.x, y: event.data.y });
      else reject(new Error('The parent page answered where this frame is with something that is not a position.'));
    };
    win.parent.postMessage(REQUEST, '*', [channel.port2]);
  });
}
