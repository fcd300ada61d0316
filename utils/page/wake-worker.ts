/**
 * The content script's part in showing answers in the side panel. The menu item's listener must
 * open the panel before it awaits anything, so the worker must already know that the panel is the
 * choice (background/answer-surface.ts); a worker the browser had stopped while idle, woken by the
 * click itself, would not know yet and would open the popup. So as the page's context menu opens,
 * the worker is woken: by the time the person has chosen an item, it has read the choice.
 */
import { sendFromContentScript } from '../shared/messages';

/** At most one wake-up a key press starts in this long: a person typing with Ctrl held sends few. */
const KEY_WAKE_INTERVAL_MS = 10_000;

/**
 * Wakes the worker on each right-click in `doc`, and on a key pressed with Alt, Ctrl or Meta held
 * (a keyboard command's shortcut starts so; the command's own event would wake it too late to know
 * the choice); returns a function that stops doing so.
 */
export function wakeWorkerOnContextMenu(doc: Document): () => void {
  const wake = () => {
    // Promise.resolve first: a content script left behind by an updated extension throws at once.
    Promise.resolve()
      .then(() => sendFromContentScript('wake', undefined))
      .catch((error: unknown) => console.info('Could not wake the extension as the menu opened; an answer may open in the popup.', error));
  };
  let lastKeyWake = -Infinity;
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.altKey || event.ctrlKey || event.metaKey) || event.repeat) return;
    if (event.timeStamp - lastKeyWake < KEY_WAKE_INTERVAL_MS) return;
    lastKeyWake = event.timeStamp;
    wake();
  };
  // Capture phase, as the right-clicked picture is recorded (locate.ts): a page that stops
  // the event must not keep the worker asleep.
  doc.addEventListener('contextmenu', wake, { capture: true });
  doc.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    doc.removeEventListener('contextmenu', wake, { capture: true });
    doc.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}
