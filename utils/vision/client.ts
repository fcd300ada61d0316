/** One place that knows how to talk to a profile's server, whichever API it speaks. */
import OpenAI from 'openai';
import { browser } from 'wxt/browser';
import { presetOf, type PresetId } from '../profiles/presets';
import { requestHeaders } from '../profiles/request-headers';
import type { ApiKind } from '../settings';
import { streamChat } from './chat-completions';
import { toVisionError } from './errors';
import { streamOnDevice } from './on-device';
import { streamResponses } from './responses';
import type { StreamHandlers, StreamOutcome, VisionRequest } from './types';

const STREAMERS: Record<ApiKind, typeof streamChat> = {
  chat: streamChat,
  responses: streamResponses,
};

/** How long to wait for the server's first byte; local models on a CPU can be slow to start. */
const RESPONSE_TIMEOUT_MS = 120_000;

/**
 * fetch for the API: without the user's cookies, and without following redirects.
 *
 * Cookies: an extension's request to a host it has access to carries the cookies the browser keeps
 * for that host (a login at the provider's website, or any site on the same host as a local
 * server); the API is spoken to with the key alone.
 *
 * Redirects: a request carries the key in its headers, and a server (or whoever answers at its
 * address) must not be able to pass it on to another one. The refusal goes back to the SDK as the
 * non-OK status it is, marked not to be retried: thrown instead, it would look like a dropped
 * connection and be asked twice more before the user heard of it.
 *
 * An error sent with status 200 (LM Studio answers a streamed request so when, say, the model takes
 * no images) is passed on as the error event of a stream, which the SDK throws with its words;
 * read as a stream, the JSON would be no events at all, and the answer would just be empty.
 */
function fetchForApi(): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, redirect: 'manual', credentials: 'omit' });
    // The content type first: the body is tested only for an answer that is JSON, not for every
    // request (the body carries the pictures, several MB).
    if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json') && streams(init)) {
      return errorAsStream(response);
    }
    // Browsers hide a manual redirect as an opaque response with status 0; Node shows the 3xx.
    const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    if (!redirected) return response;
    await response.body?.cancel();
    return new Response(null, {
      status: response.status >= 300 && response.status < 400 ? response.status : 307,
      headers: { 'x-should-retry': 'false' },
    });
  };
}

function streams(init: RequestInit | undefined): boolean {
  return typeof init?.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
}

async function errorAsStream(response: Response): Promise<Response> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON after all: handed on unchanged, for the SDK to fail on as it would.
    body = undefined;
  }
  const error = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : undefined;
  if (error === undefined || error === null) return new Response(text, { status: response.status, headers: response.headers });
  return new Response(`data: ${JSON.stringify({ error })}\n\n`, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** Where a request goes and with what: one profile's server, its key, and the API the turn asks through. */
export interface Connection {
  baseUrl: string;
  api: ApiKind;
  /** The profile's kind of server: how the key travels and what else the requests carry. */
  preset: PresetId;
  /** The profile's own key; null for a server that takes none, when none was saved. */
  apiKey: string | null;
  /** The language answers are asked in (BCP 47): the on-device model's session is created for it. */
  language: string;
}

/** The SDK wants some key even where none is sent; this one never leaves (its header is removed). */
const NO_KEY = 'no-key';

/** What a client needs of a connection: the server, how the key travels, and the key. */
type ClientTarget = Pick<Connection, 'baseUrl' | 'preset' | 'apiKey'>;

/** `limits`: a connection test waits less and asks once; an answer may take its time and be retried. */
export function createClient(connection: ClientTarget, limits: { timeoutMs?: number; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey ?? NO_KEY,
    baseURL: connection.baseUrl,
    defaultHeaders: requestHeaders(connection.preset, connection.apiKey, new URL(browser.runtime.getURL('/')).origin),
    fetch: fetchForApi(),
    timeout: limits.timeoutMs ?? RESPONSE_TIMEOUT_MS,
    maxRetries: limits.maxRetries ?? 2,
    // The key is the user's own and never leaves the extension's service worker, which is exactly
    // the situation the SDK's browser guard is meant to let through.
    dangerouslyAllowBrowser: true,
  });
}

/** Streams an answer; every failure comes out as a VisionError with words for the user. */
export async function streamAnswer(connection: Connection, request: VisionRequest, handlers: StreamHandlers): Promise<StreamOutcome> {
  // Chrome's own model has no server: no client, no key, no address.
  if (presetOf(connection.preset).onDevice) return streamOnDevice(request, connection.language, handlers);
  const host = new URL(connection.baseUrl).host;
  try {
    return await STREAMERS[connection.api](createClient(connection), request, handlers);
  } catch (error) {
    throw toVisionError(error, host);
  }
}
