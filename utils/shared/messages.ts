/**
 * The one typed protocol between the extension's parts. Each direction has its own map of
 * message types; handlers are looked up by type (no if/else chain) and senders are checked.
 */
import { browser, type Browser } from 'wxt/browser';
import type { AltNeed, PageContext, PageScan, ScannedPicture } from './alt-text-types';
import type { BrowseState } from './describe-as-browse-settings';
import type { PictureKind, PictureSource, Rect } from './picture-source';
import type { ConnectionTest } from '../profiles/connection-test';
import type { PresetId } from '../profiles/presets';
import type { Detail } from '../settings';
import { t } from './i18n';

/** What the right-clicked (or focused) element shows, as the page knows it. */
export interface TargetDescription {
  source: PictureSource;
  kind: PictureKind;
  alt?: string;
  /** Natural size in pixels, when the page knows it. */
  width?: number;
  height?: number;
  pageUrl: string;
  /**
   * The http(s) address the frame's content answers to when pageUrl is not one (about:srcdoc,
   * about:blank, data:): the origin it inherits from its parent, up to the tab's page.
   */
  pageOrigin?: string;
  pageTitle: string;
  /** The page's handle for the element, to write alt text to it later (element-registry.ts). */
  elementId: string;
  /** What the page says around the picture, for alt text. */
  context: PageContext;
  /** Whether the picture lacks alt text, as the page audit would judge it. */
  need: AltNeed;
}

export type RetryReason = 'budget' | 'again' | 'private';

/** Requests from the extension's own pages (popup, options) to the background. */
export interface PageRequests {
  ask: { payload: { conversationId: string; question: string; detail?: Detail }; result: void };
  /**
   * Answer a turn again: past the budget (Ask anyway), afresh past the cache (Retry, Ask again), or
   * reading the private pictures a public page showed, now that the user has said so (Read it anyway).
   */
  retry: { payload: { conversationId: string; turnId: string; reason: RetryReason }; result: void };
  edit: { payload: { conversationId: string; turnId: string; question: string }; result: void };
  openConversation: { payload: { conversationId: string }; result: void };
  deleteConversation: { payload: { conversationId: string }; result: void };
  clearHistory: { payload: undefined; result: void };
  compareAsk: { payload: { question: string }; result: void };
  compareRemove: { payload: { id: string }; result: void };
  compareMove: { payload: { id: string; by: -1 | 1 }; result: void };
  compareClear: { payload: undefined; result: void };
  resetSpend: { payload: undefined; result: void };
  stop: { payload: { conversationId: string }; result: void };
  /**
   * The popup shows an answer still being written: wakes the worker if the browser stopped it, and
   * an answer no worker is writing any more is marked interrupted instead of spinning forever.
   */
  checkAnswering: { payload: { conversationId: string }; result: void };
  /** A profile's key, bound to the origin of that profile's base URL as stored (the options save the profile first). */
  saveApiKey: { payload: { profileId: string; apiKey: string }; result: void };
  /** Whether a key is saved for a profile, and the origin of the server it was saved for. */
  keyStatus: { payload: { profileId: string }; result: { hasKey: boolean; origin: string } };
  /**
   * Lists the models of the server the options form names (saved or not), with the key typed there,
   * else the profile's saved key if it belongs to that server; says what is wrong in words.
   */
  testConnection: { payload: { profileId: string; preset: PresetId; baseUrl: string; apiKey: string }; result: ConnectionTest };
  /** Makes a provider profile the one the next question is asked of (the popup's switcher, the options' list). */
  chooseProfile: { payload: { profileId: string }; result: void };
  /** Deletes a provider profile with its key and its prices. */
  deleteProfile: { payload: { profileId: string }; result: void };
  /** Alt text for the conversation's picture, as a new turn. */
  altText: { payload: { conversationId: string; detail?: Detail }; result: void };
  /** Writes a turn's alt text into the picture in its page (`text` as the user left it), or takes it back. */
  applyAlt: { payload: { conversationId: string; turnId: string; text: string }; result: void };
  undoAlt: { payload: { conversationId: string; turnId: string }; result: void };
  /** The alt-text field focused in the picture's page, if any; and filling it. */
  focusedField: { payload: { conversationId: string }; result: { label: string } | null };
  fillField: { payload: { conversationId: string; turnId: string; text: string }; result: { label: string } };
  /** The page audit of the page the user is looking at: scan it (nothing is sent yet). */
  auditPage: { payload: undefined; result: void };
  auditDescribeAll: { payload: undefined; result: void };
  auditCancel: { payload: undefined; result: void };
  auditApply: { payload: { auditId: string; rowId: string }; result: void };
  auditApplyAll: { payload: { auditId: string }; result: { applied: number; waiting: number } };
  auditUndo: { payload: { auditId: string; rowId: string }; result: void };
  auditEdit: { payload: { auditId: string; rowId: string; text: string }; result: void };
  auditSkip: { payload: { auditId: string; rowId: string; skip: boolean }; result: void };
  /** A picture the user opened, pasted or dropped (read by the popup), or several for the tray. */
  bringFiles: { payload: { files: { dataUrl: string; name: string }[] }; result: { to: 'conversation' | 'compare' } };
  /** A picture's address, typed or pasted. */
  bringAddress: { payload: { address: string }; result: void };
  /** "Select a region to ask about" on the page the user is looking at. */
  askRegion: { payload: undefined; result: void };
  /** "Describe as I browse" for the page the user is looking at: its state, the switch, and Undo. */
  browseState: { payload: undefined; result: BrowseState };
  browseToggle: { payload: { on: boolean }; result: BrowseState };
  browseUndo: { payload: undefined; result: { undone: number } };
}

/** The page's answer for a right-clicked tracking pixel: the browser's own image address must not stand in for it. */
export const NOT_A_PICTURE = 'tracking pixel';

/** Requests from the background to the content script of one frame. */
export interface ContentRequests {
  describeTarget: {
    /** frameSecret: what this ask's questions up the frames carry (expectFrameQuestion), for a screenshot's crop. */
    payload: { reason: 'menu' | 'command'; targetElementId?: number; frameSecret?: string };
    /** null: no picture there; NOT_A_PICTURE: the browser may name an image, but it is a tracking pixel. */
    result: TargetDescription | typeof NOT_A_PICTURE | null;
  };
  /**
   * Sent to every frame of the tab before an ask in a child frame: the one question up the frames
   * carrying this secret is answered (frame-offset.ts); any other goes unanswered.
   */
  expectFrameQuestion: { payload: { secret: string }; result: void };
  /** Reads a picture with the page's own cookies, for addresses that refuse the extension. */
  readBytes: {
    /** documentUrl: the address of the document the picture was found in; another one does not read it. */
    payload: { url: string; documentUrl?: string };
    result: { dataUrl: string };
  };
  /** The page audit: every picture that needs alt text, and those marked decorative. */
  scanPage: { payload: undefined; result: PageScan };
  /** The pixels or address of a picture the audit found. */
  readPicture: { payload: { elementId: string }; result: PictureSource };
  /** Writes alt text into the live element, marked as generated; `how` says which attribute. */
  applyAlt: { payload: { elementId: string; text: string }; result: { how: 'alt' | 'aria-label' } };
  /** Puts back what the element had before applyAlt. */
  undoAlt: { payload: { elementId: string }; result: void };
  /** The editable alt-text field focused in the page (a CMS's "Alt text" box), if any, by its label. */
  /** The focused alt-text field in the document that holds the picture `elementId` (none in any other document). */
  focusedAltField: { payload: { elementId: string }; result: { label: string } | null };
  /** Types the text into that focused field, as the user would. */
  fillFocusedField: { payload: { text: string; elementId: string }; result: { label: string } };
  /** Lets the user draw a rectangle over the page; null when they pressed Escape. */
  /** noPicture: it was asked for where the user right-clicked no picture, and the overlay says so first. */
  selectRegion: { payload: { noPicture?: boolean } | undefined; result: { rect: Rect; devicePixelRatio: number } | null };
  /** "Describe as I browse" turned on or off for this page's site: start or stop watching its pictures. */
  browseSet: { payload: { on: boolean }; result: void };
  /** A sentence for the screen reader, said politely in the page ("5 pictures described"). */
  browseAnnounce: { payload: { text: string }; result: void };
}

/**
 * Requests from content scripts to the background. A web page can make its content script send
 * them (it can fire a contextmenu event of its own), so none of them spends, reads or writes
 * anything, but for "Describe as I browse" on a site the user turned it on for, within its own budget.
 */
export interface ContentScriptRequests {
  /**
   * The page's context menu is opening: the browser starts a stopped worker to deliver this, and the
   * worker reads where answers are shown before an item is chosen (background/answer-surface.ts).
   */
  wake: { payload: undefined; result: void };
  /** A top frame's content script has started: whether "Describe as I browse" is on for its page. */
  browseHello: { payload: undefined; result: { on: boolean } };
  /** Pictures needing alt text that came into view, while "Describe as I browse" is on. */
  browseInView: { payload: { pictures: ScannedPicture[]; pageTitle: string; lang: string }; result: void };
}

/** Requests from the background to its offscreen document (Chrome), which has a DOM. */
export interface OffscreenRequests {
  rasterizeSvg: { payload: { svg: string; width: number; height: number }; result: { dataUrl: string } };
}

type Protocol<P> = { [K in keyof P]: { payload: unknown; result: unknown } };
type Envelope<P extends Protocol<P>> = { [K in keyof P]: { type: K; payload: P[K]['payload'] } }[keyof P];
type Reply<T> = { ok: true; value: T } | { ok: false, error: string };

export type Handlers<P extends Protocol<P>> = {
  [K in keyof P]: (payload: P[K]['payload'], sender: Browser.runtime.MessageSender) => Promise<P[K]['result']> | P[K]['result'];
};

/** A message handler failed or was refused; its message is written for the user. */
export class MessageError extends Error {
  override name = 'MessageError';
}

function unwrap<T>(reply: Reply<T> | undefined, type: string): T {
  if (!reply) throw new MessageError(t('nobodyAnswered', type));
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

export async function sendToBackground<K extends keyof PageRequests & string>(
  type: K,
  payload: PageRequests[K]['payload'],
): Promise<PageRequests[K]['result']> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<PageRequests[K]['result']> | undefined;
  return unwrap(reply, type);
}

export async function sendFromContentScript<K extends keyof ContentScriptRequests & string>(
  type: K,
  payload: ContentScriptRequests[K]['payload'],
): Promise<ContentScriptRequests[K]['result']> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ContentScriptRequests[K]['result']> | undefined;
  return unwrap(reply, type);
}

export async function sendToContent<K extends keyof ContentRequests & string>(
  tabId: number,
  frameId: number,
  type: K,
  payload: ContentRequests[K]['payload'],
): Promise<ContentRequests[K]['result']> {
  const reply = (await browser.tabs.sendMessage(tabId, { type, payload }, { frameId })) as
    | Reply<ContentRequests[K]['result']>
    | undefined;
  return unwrap(reply, type);
}

/** The same request to every frame of the tab; resolves once one has answered (for requests with no result to read). */
export async function sendToAllFrames<K extends keyof ContentRequests & string>(tabId: number, type: K, payload: ContentRequests[K]['payload']): Promise<void> {
  unwrap((await browser.tabs.sendMessage(tabId, { type, payload })) as Reply<ContentRequests[K]['result']> | undefined, type);
}

/** The extension's own pages and worker (the offscreen document answers only them). */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
}

/** A content script of this extension, in a tab's page (the background's ContentScriptRequests answer only it). */
export function isOwnContentScript(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab !== undefined;
}

/** Content scripts answer only their own extension. */
export function isOwnExtension(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

/**
 * A runtime.onMessage listener that routes by type. Messages of other types, or from senders
 * `allowed` refuses, are left alone (undefined), so they are never answered by mistake.
 */
export function createMessageListener<P extends Protocol<P>>(
  handlers: Handlers<P>,
  allowed: (sender: Browser.runtime.MessageSender, type: string) => boolean,
) {
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    const envelope = message as Partial<Envelope<P>> | null;
    const type = envelope?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type) || !allowed(sender, type)) return undefined;
    const handler = handlers[type as keyof P] as (payload: unknown, sender: Browser.runtime.MessageSender) => unknown;
    return Promise.resolve()
      .then(() => handler(envelope?.payload, sender))
      .then(
        (value): Reply<unknown> => ({ ok: true, value }),
        (error: unknown): Reply<unknown> => ({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  };
}

/** The port an open popup opens to the background, to get an answer's words as they stream. */
export const LIVE_TEXT_PORT = 'live-text';

/**
 * Words of an answer being streamed, sent through LIVE_TEXT_PORT. `from` is where `text` starts in
 * the answer: 0 starts it afresh (a popup that has just connected gets the whole text so far, and a
 * turn answered again starts over).
 */
export interface LiveText {
  conversationId: string;
  turnId: string;
  from: number;
  text: string;
}

/**
 * Opens the popup's port: `onText` gets each piece of streamed text, `onClose` says the port closed
 * (the worker was stopped). Returns a function that closes it.
 */
export function connectLiveText(onText: (live: LiveText) => void, onClose: () => void): () => void {
  const port = browser.runtime.connect({ name: LIVE_TEXT_PORT });
  port.onMessage.addListener((message) => onText(message as LiveText));
  port.onDisconnect.addListener(() => onClose());
  return () => port.disconnect();
}
