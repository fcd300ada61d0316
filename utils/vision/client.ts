/** One place that knows how to talk to the configured server, whichever API it speaks. */
import OpenAI from 'openai';
import type { ApiKind, Settings } from '../settings';
import { streamChat } from './chat-completions';
import { t } from '../i18n';
import { toVisionError, VisionError } from './errors';
import { streamResponses } from './responses';
import type { StreamHandlers, StreamOutcome, VisionRequest } from './types';

const STREAMERS: Record<ApiKind, typeof streamChat> = {
  chat: streamChat,
  responses: streamResponses,
};

/** How long to wait for the server's first byte; local models on a CPU can be slow to start. */
const RESPONSE_TIMEOUT_MS = 120_000;

/**
 * fetch, without following redirects: a request carries the key in its headers, and a server (or
 * whoever answers at its address) must not be able to pass it on to another one.
 */
function fetchWithoutRedirects(host: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, redirect: 'manual' });
    // Browsers hide a manual redirect as an opaque response with status 0; Node shows the 3xx.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new VisionError('settings', t('errRedirected', host));
    }
    return response;
  };
}

export function createClient(settings: Settings, apiKey: string): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: settings.baseUrl,
    fetch: fetchWithoutRedirects(new URL(settings.baseUrl).host),
    timeout: RESPONSE_TIMEOUT_MS,
    maxRetries: 2,
    // The key is the user's own and never leaves the extension's service worker, which is exactly
    // the situation the SDK's browser guard is meant to let through.
    dangerouslyAllowBrowser: true,
  });
}

/** Streams an answer; every failure comes out as a VisionError with words for the user. */
export async function streamAnswer(
  settings: Settings,
  apiKey: string,
  request: VisionRequest,
  handlers: StreamHandlers,
): Promise<StreamOutcome> {
  const host = new URL(settings.baseUrl).host;
  try {
    return await STREAMERS[settings.api](createClient(settings, apiKey), request, handlers);
  } catch (error) {
    throw toVisionError(error, host);
  }
}
