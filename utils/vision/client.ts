/** One place that knows how to talk to the configured server, whichever API it speaks. */
import OpenAI from 'openai';
import type { ApiKind, Settings } from '../settings';
import { streamChat } from './chat-completions';
import { toVisionError } from './errors';
import { streamResponses } from './responses';
import type { StreamHandlers, StreamOutcome, VisionRequest } from './types';

const STREAMERS: Record<ApiKind, typeof streamChat> = {
  chat: streamChat,
  responses: streamResponses,
};

/** How long to wait for the server's first byte; local models on a CPU can be slow to start. */
const RESPONSE_TIMEOUT_MS = 120_000;

export function createClient(settings: Settings, apiKey: string): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: settings.baseUrl,
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
