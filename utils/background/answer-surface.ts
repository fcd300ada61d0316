/**
 * Where an answer asked for from the page goes: the popup, or the side panel when the person chose
 * it in the options ("Show answers in"). The side panel opens only inside the user's gesture, and
 * the gesture is gone at the listener's first await (side-panel.ts): the menu's and the commands'
 * listeners must know the choice without reading storage. So this module keeps a copy of it.
 *
 * The house keeps no state in worker globals, since the worker is stopped when idle. This copy is
 * not state: storage stays the truth, the copy is read from it when the worker starts and follows
 * every change to it (followAnswerSurface), and a worker stopped and started again reads it afresh.
 * A worker woken by the click itself has not read it yet: then the answer goes to the popup, as it
 * did before the choice existed. The content script wakes the worker as the page's context menu
 * opens (utils/page/wake-worker.ts), so by the time an item is chosen the copy is there.
 */
import { browser, type Browser } from 'wxt/browser';
import { withDefaults, type AnswerSurface, type StoredSettings } from '../settings';
import { openSidePanel } from '../side-panel';
import { settingsItem } from '../storage';
import { NO_PANEL, type PanelOpening } from './panel-opening';

/**
 * How long the side panel may take to open before the popup is tried instead. It opens in a few
 * milliseconds; the bound only keeps an ask from waiting for ever on a browser that never answers
 * (as openPopup never did without a window, badge.ts).
 */
export const PANEL_OPEN_LIMIT_MS = 5_000;

/** The choice as last read from storage; undefined until the first read is done. */
let chosen: AnswerSurface | undefined;
let firstRead: Promise<void> = Promise.resolve();

function surfaceOf(stored: StoredSettings | null): AnswerSurface {
  // Anything but the side panel (a damaged value, settings removed) is the popup, the default.
  return withDefaults(stored).showAnswersIn === 'sidepanel' ? 'sidepanel' : 'popup';
}

/**
 * Reads the choice and follows its changes; called once when the worker starts. Returns a function
 * that stops following and forgets the copy (the choice is then unknown, and answers go to the popup).
 */
export function followAnswerSurface(): () => void {
  let changed = false;
  const unwatch = settingsItem.watch((stored) => {
    changed = true;
    chosen = surfaceOf(stored);
  });
  firstRead = settingsItem.getValue().then(
    (stored) => {
      // A change seen while the first read was on its way is newer than what that read returns.
      if (!changed) chosen = surfaceOf(stored);
    },
    (error: unknown) => console.error('Could not read where answers are shown; they go to the popup until the option changes.', error),
  );
  return () => {
    unwatch();
    chosen = undefined;
  };
}

/** Settles once the worker has read the choice: what the content script's wake-up waits for. */
export function answerSurfaceRead(): Promise<void> {
  return firstRead;
}

/** `promise`, or a rejection once it has taken longer than `limitMs`. */
function within(promise: Promise<void>, limitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The side panel had not opened after ${limitMs / 1000} s.`)), limitMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Opens the side panel when it is the choice: call it first in a menu item's or a command's
 * listener, before anything is awaited, since the request to the browser must leave within the
 * gesture (it leaves before this function returns). A refusal is logged, and the answer then goes
 * to the popup as before.
 */
export function openAnswerSurface(tab: Browser.tabs.Tab | undefined): PanelOpening {
  if (chosen !== 'sidepanel') return NO_PANEL;
  // The window's panel, not the tab's: it stays open as the person switches tabs.
  const opening = openSidePanel(tab?.windowId ?? browser.windows.WINDOW_ID_CURRENT);
  return within(opening, PANEL_OPEN_LIMIT_MS).then(
    () => true,
    (error: unknown) => {
      console.error('The side panel could not be opened, so the answer is shown in the popup instead.', error);
      return false;
    },
  );
}
