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
    const timer = setTimeout(() => reject(new Error('The parent page did not say where this frame is.')), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent<Offset | null>) => {
      clearTimeout(timer);
      if (event.data) resolve(event.data);
      else reject(new Error('The parent page could not find this frame.'));
    };
    win.parent.postMessage(REQUEST, '*', [channel.port2]);
  });
}
