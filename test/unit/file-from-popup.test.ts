// @vitest-environment happy-dom
/**
 * "Open a file…" in Firefox's toolbar popup, which Firefox closes as soon as the file chooser
 * opens, losing the file (issue 21): there the button opens the sidebar within the click, leaves a
 * note for the sidebar of its window and steps aside, and the sidebar shows its own "Open a file…"
 * ready. Chrome's popup, and popup.html opened as a tab, keep the file input. The whole way, with
 * the real toolbar popup and sidebar, is tested in test/firefox/firefox.firefox.ts.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BringPicture } from '../../components/popup/BringPicture';
import { FILE_ASK_MAX_AGE_MS, isFileAskFor, onFileAsk } from '../../components/sidepanel/file-ask';
import { fileAskItem } from '../../utils/storage';

const WINDOW = 3;

/** Whether the click is being handled: Firefox opens the sidebar only then. */
let inClick = false;
const openedInClick = () => (inClick ? Promise.resolve() : Promise.reject(new Error('sidebarAction.open may only be called from a user input handler')));

let host: HTMLElement;
let said: { message: string; kind: string }[];
const say = (message: string, kind: 'status' | 'error') => said.push({ message, kind });

beforeEach(async () => {
  host = document.createElement('div');
  document.body.append(host);
  said = [];
  await fileAskItem.removeValue();
  // `as never`: the types take the last of getCurrent's overloads, the callback one that returns nothing.
  vi.spyOn(browser.windows, 'getCurrent').mockResolvedValue({ id: WINDOW } as Browser.windows.Window as never);
});

afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

/** BringPicture as the toolbar popup (`popup: true`) or another page shows it. */
async function show(props: { popup: boolean; fileAsked?: number | null }) {
  vi.spyOn(browser.extension, 'getViews').mockReturnValue((props.popup ? [window] : []) as never); // happy-dom's window, which the types call another Window
  await act(() => render(h(BringPicture, { say, stepAside: true, fileAsked: props.fileAsked ?? null }), host));
}

const openFile = () => [...host.querySelectorAll('button, label')].find((element) => element.textContent?.trim() === 'Open a file…');

describe('"Open a file…" in the popup', () => {
  it('in Firefox\'s toolbar popup is a button: the sidebar opens within the click, the note is left for this window, then the popup closes', async () => {
    const open = vi.spyOn(fakeBrowser.sidebarAction, 'open').mockImplementation(openedInClick);
    // Closing the popup before the note is written could lose the write: the note must be there by then.
    const notes: unknown[] = [];
    const close = vi.spyOn(window, 'close').mockImplementation(() => void fileAskItem.getValue().then((note) => notes.push(note)));
    await show({ popup: true });
    const button = openFile();
    expect(button?.localName).toBe('button');
    expect(host.querySelector('input[type=file]')).toBeNull();
    await act(async () => {
      inClick = true;
      try {
        (button as HTMLElement).click();
      } finally {
        inClick = false;
      }
    });
    expect(open).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(notes).toHaveLength(1));
    expect(close).toHaveBeenCalledOnce();
    expect(notes[0]).toMatchObject({ windowId: WINDOW });
    expect(said).toEqual([]);
  });

  it('says so when Firefox refuses the sidebar, leaves no note, and the popup stays open', async () => {
    vi.spyOn(fakeBrowser.sidebarAction, 'open').mockRejectedValue(new Error('No browser window.'));
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await show({ popup: true });
    await act(async () => (openFile() as HTMLElement).click());
    await vi.waitFor(() => expect(said).toEqual([{ message: 'The browser did not open the side panel (No browser window.).', kind: 'error' }]));
    expect(close).not.toHaveBeenCalled();
    expect(await fileAskItem.getValue()).toBeNull();
  });

  it('stays the file input where popup.html is not the toolbar popup (a tab, the sidebar) and in a browser without Firefox\'s sidebar (Chrome)', async () => {
    await show({ popup: false });
    expect(openFile()?.querySelector('input[type=file]')).not.toBeNull();
    render(null, host);
    const sidebarAction = fakeBrowser.sidebarAction;
    delete (fakeBrowser as { sidebarAction?: unknown }).sidebarAction;
    try {
      await show({ popup: true });
      expect(openFile()?.querySelector('input[type=file]')).not.toBeNull();
    } finally {
      Object.assign(fakeBrowser, { sidebarAction });
    }
  });
});

describe('the sidebar sent a note', () => {
  it('shows its "Open a file…" ready: unfolded, with the focus, described by a sentence saying why until a file is chosen', async () => {
    const fold = document.createElement('details');
    host.append(fold);
    vi.spyOn(browser.extension, 'getViews').mockReturnValue([]);
    await act(() => render(h(BringPicture, { say, stepAside: false, fileAsked: 1 }), fold));
    const input = fold.querySelector('input[type=file]') as HTMLInputElement;
    expect(fold.open).toBe(true);
    expect(document.activeElement).toBe(input);
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toContain('Choose your file here');
    // Said until a file is chosen (the chooser closed without one here: nothing is sent).
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    expect(document.getElementById('bring-file-here')).toBeNull();
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    render(null, fold);
  });

  it.each([
    { what: 'for this window, just left', note: { windowId: WINDOW, at: 1_000 }, now: 1_000, acted: true },
    { what: 'for another window', note: { windowId: WINDOW + 1, at: 1_000 }, now: 1_000, acted: false },
    { what: 'left too long ago', note: { windowId: WINDOW, at: 1_000 }, now: 1_000 + FILE_ASK_MAX_AGE_MS + 1, acted: false },
    { what: 'that is not there', note: null, now: 1_000, acted: false },
  ])('a note $what is acted on: $acted', ({ note, now, acted }) => {
    expect(isFileAskFor(note, WINDOW, now)).toBe(acted);
  });

  it.each([
    ['there when the sidebar starts', true],
    ['written while the sidebar is open', false],
  ])('takes a note %s, once', async (_, before) => {
    const note = { windowId: WINDOW, at: Date.now() };
    if (before) await fileAskItem.setValue(note);
    const asked = vi.fn();
    const stop = onFileAsk(asked);
    try {
      if (!before) {
        await vi.waitFor(() => expect(browser.windows.getCurrent).toHaveBeenCalled());
        await fileAskItem.setValue(note);
      }
      await vi.waitFor(() => expect(asked).toHaveBeenCalledWith(note.at));
      // Taken away: a sidebar opened later in this window does not act on it again.
      await vi.waitFor(async () => expect(await fileAskItem.getValue()).toBeNull());
      expect(new Set(asked.mock.calls.map(([at]) => at))).toEqual(new Set([note.at]));
    } finally {
      stop();
    }
  });

  it('leaves a note for another window\'s sidebar where it is', async () => {
    const other = { windowId: WINDOW + 1, at: Date.now() };
    await fileAskItem.setValue(other);
    const read = vi.spyOn(fileAskItem, 'getValue');
    const asked = vi.fn();
    const stop = onFileAsk(asked);
    try {
      await vi.waitFor(() => expect(read).toHaveBeenCalledOnce());
      await read.mock.results[0]!.value;
      read.mockRestore();
      await vi.waitFor(async () => expect(await fileAskItem.getValue()).toEqual(other));
      expect(asked).not.toHaveBeenCalled();
    } finally {
      stop();
    }
  });
});
