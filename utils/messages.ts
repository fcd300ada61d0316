/**
 * The one typed protocol between the extension's parts. Each direction has its own map of
 * message types; handlers are looked up by type (no if/else chain) and senders are checked.
 */
import { browser, type Browser } from 'wxt/browser';
import type { PictureKind, PictureSource } from './image/picture-source';
import type { Detail } from './settings';
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
  pageTitle: string;
}

/** Requests from the extension's own pages (popup, options) to the background. */
export interface PageRequests {
  ask: { payload: { conversationId: string; question: string; detail?: Detail }; result: void };
  /** Answer a turn again: past the budget (Ask anyway), or afresh past the cache (Retry, Ask again). */
  retry: { payload: { conversationId: string; turnId: string; reason: 'budget' | 'again' }; result: void };
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
  saveApiKey: { payload: { apiKey: string }; result: void };
  keyStatus: { payload: undefined; result: { hasKey: boolean } };
}

/** Requests from the background to the content script of one frame. */
export interface ContentRequests {
  describeTarget: {
    payload: { reason: 'menu' | 'command'; targetElementId?: number };
    result: TargetDescription | null;
  };
  /** Reads a picture with the page's own cookies, for addresses that refuse the extension. */
  readBytes: { payload: { url: string }; result: { dataUrl: string } };
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

/** Only the extension's own pages may ask the background to spend the user's key. */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
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
  allowed: (sender: Browser.runtime.MessageSender) => boolean,
) {
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    const envelope = message as Partial<Envelope<P>> | null;
    const type = envelope?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type) || !allowed(sender)) return undefined;
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
