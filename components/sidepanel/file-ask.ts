/**
 * "Open a file…" handed from Firefox's toolbar popup to the sidebar. Firefox closes its popup as
 * soon as the popup loses the focus, which the file chooser takes, so a file chosen from the popup
 * goes nowhere; the sidebar stays open under the chooser. The popup cannot open the chooser in the
 * sidebar for the person (a page opens one only within a click of its own), so it opens the
 * sidebar and leaves a note, and the sidebar of that window shows its "Open a file…" ready.
 *
 * A note in session storage rather than `sidebarAction.setPanel('sidepanel.html?bring=file')`:
 * Firefox loads a changed panel address again into a sidebar that is already open, which would
 * lose what it shows, and the address would have to be set back afterwards, reloading it again. A
 * sidebar already open hears the note as it is written; one just opened reads it as it starts.
 */
import { browser } from 'wxt/browser';
import { fileAskItem } from '../../utils/storage';

/**
 * How long a note is good for: long enough for a sidebar to open and load on a busy machine, short
 * enough that a sidebar the person opens by hand later does not act on a note it never got.
 */
export const FILE_ASK_MAX_AGE_MS = 60_000;

export interface FileAsk {
  /** The window whose sidebar the popup opened. */
  windowId: number;
  at: number;
}

/** The popup's half: the note for the sidebar of the popup's window. Resolves once it is written, so the popup may close. */
export async function leaveFileAsk(): Promise<void> {
  const { id } = await browser.windows.getCurrent();
  if (id === undefined) throw new Error('The browser did not say which window the popup belongs to.');
  await fileAskItem.setValue({ windowId: id, at: Date.now() });
}

/** Whether `note` was left for the sidebar of `windowId`, and lately enough to act on. */
export function isFileAskFor(note: FileAsk | null, windowId: number, now = Date.now()): note is FileAsk {
  return note !== null && note.windowId === windowId && now - note.at <= FILE_ASK_MAX_AGE_MS;
}

/**
 * The sidebar's half: calls `onAsked` with the time of each note left for this page's window, the
 * one already there and any written later, and takes each away so that it is acted on once (a
 * sidebar the person opens again later does not take it again). Returns what stops listening.
 */
export function onFileAsk(onAsked: (at: number) => void): () => void {
  let windowId: number | undefined;
  let listening = true;
  const take = (note: FileAsk | null) => {
    if (!listening || windowId === undefined || !isFileAskFor(note, windowId)) return;
    onAsked(note.at);
    fileAskItem.removeValue().catch((error: unknown) => console.error('Could not take away the popup\'s note to open a file here; it lapses by itself.', error));
  };
  // Watched before the first read, so a note written in between is heard rather than missed.
  const unwatch = fileAskItem.watch(take);
  browser.windows
    .getCurrent()
    .then(async ({ id }) => {
      windowId = id;
      take(await fileAskItem.getValue());
    })
    .catch((error: unknown) => console.error('Could not read whether the popup sent the person here to open a file.', error));
  return () => {
    listening = false;
    unwatch();
  };
}
