/**
 * An answer's words go to open popups the moment they arrive, through the port each popup opens
 * (messages.ts), while storage stays the record: written a few times a second (turn-sink.ts), it
 * is what a popup opened later, or after the worker was stopped, reads.
 *
 * The ports and the text being streamed are live objects of this worker, like the abort controllers
 * (active-requests.ts), and that is fine: a worker that is stopped streams nothing any more, and a
 * new one starts with nothing streaming.
 */
import { browser, type Browser } from 'wxt/browser';
import { LIVE_TEXT_PORT, type LiveText } from '../shared/messages';

const ports = new Set<Browser.runtime.Port>();
const streaming = new Map<string, LiveText>();

/** The pages that show answers as they stream: the toolbar's popup and the side panel. */
const LISTENERS = new Set(['/popup.html', '/sidepanel.html']);

/** Only the extension's own popup or side panel may listen: the words may be about a private window's picture. */
export function mayListen(sender: Browser.runtime.MessageSender | undefined): boolean {
  if (!sender?.url || sender.id !== browser.runtime.id) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    // Not an address at all, so not the popup.
    return false;
  }
  return url.origin === new URL(browser.runtime.getURL('/')).origin && LISTENERS.has(url.pathname);
}

function send(port: Browser.runtime.Port, live: LiveText): void {
  try {
    port.postMessage(live);
  } catch (error) {
    // The popup closed between two words; it reads storage when it opens again.
    ports.delete(port);
    console.info('A popup went away while an answer streamed to it.', error);
  }
}

/** The runtime.onConnect listener: a popup that connects gets the text of each answer streaming now. */
export function acceptLiveText(port: Browser.runtime.Port): void {
  if (port.name !== LIVE_TEXT_PORT) return;
  if (!mayListen(port.sender)) {
    port.disconnect();
    return;
  }
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  for (const live of streaming.values()) send(port, { ...live, from: 0 });
}

/**
 * One answer's text as it streams: `add` passes each piece to every open popup, `end` says the
 * stream is over (what follows is in storage).
 */
export function liveText(conversationId: string, turnId: string): { add(text: string): void; end(): void } {
  const key = `${conversationId}/${turnId}`;
  const live: LiveText = { conversationId, turnId, from: 0, text: '' };
  streaming.set(key, live);
  // A turn answered again starts from nothing: popups drop what they had of it.
  for (const port of ports) send(port, live);
  return {
    add(text) {
      const piece: LiveText = { conversationId, turnId, from: live.text.length, text };
      live.text += text;
      for (const port of ports) send(port, piece);
    },
    end() {
      if (streaming.get(key) === live) streaming.delete(key);
    },
  };
}
