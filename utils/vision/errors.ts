/**
 * The one error type the rest of the extension sees from the API: a kind the popup can act on and
 * a sentence written for the person reading it, never a stack trace.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import type { TurnError } from '../ask/conversation';
import { errorWords } from '../error-words';
import { plural, t } from '../shared/i18n';

export class VisionError extends Error {
  constructor(
    readonly kind: TurnError['kind'] | 'aborted',
    message: string,
    readonly status?: number,
    /** The API's own error code ("invalid_image_url"), when it sent one. */
    readonly code?: string,
    /** The request field the API blamed ("response_format"), when it said. */
    readonly param?: string,
  ) {
    super(message);
    this.name = 'VisionError';
  }

  toTurnError(): TurnError {
    const kind = this.kind === 'aborted' ? 'unknown' : this.kind;
    return this.status === undefined
      ? { kind, message: this.message }
      : { kind, message: this.message, status: this.status };
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The server's own message, without the SDK's "401 " prefix; empty when it sent none. */
function ownWords(error: APIError): string {
  const body = error.error as { message?: unknown } | string | undefined;
  // LM Studio puts the message straight in "error" (a string); OpenAI in error.message.
  if (typeof body === 'string') return body.trim();
  if (body && typeof body.message === 'string' && body.message.trim()) return body.message.trim();
  // The SDK's own text when the body had none: "403 status code (no body)".
  const fallback = error.message.replace(/^\d{3}\s+/, '').trim();
  return /^status code \(no body\)$/i.test(fallback) ? '' : fallback;
}

function sentence(words: string): string {
  return /[.!?]$/.test(words) ? words : `${words}.`;
}

// Said by OpenAI ("image_url is only supported by certain models", "does not support image input"),
// LM Studio ("Model does not support images") and Ollama ("model does not support images") when the
// chosen model reads text only.
const NO_IMAGE_INPUT = /(does not|doesn't|do not) support (image|vision)|only supported by certain models|not a (multimodal|vision) model|no vision support/i;

/**
 * What the request was doing: answering a question, or listing the models (the options' connection
 * test), where a 404 cannot be the model's fault and a failed connection is the first thing to fix.
 */
type RequestPurpose = 'answer' | 'listing';

/** What a person can do about a status, added after the server's own words; undefined for none. */
function advice(error: APIError, words: string, purpose: RequestPurpose): string | undefined {
  const { status, code } = error;
  if (status === 401) return t('errAdvice401');
  if (status === 403) {
    // Ollama refuses a browser extension's origin with an empty 403 until it is told to accept it;
    // a 403 with words is the provider refusing the key or the model.
    return words ? t('errAdvice403') : t('errAdvice403Origin');
  }
  // The model list asks for no model, and its own route has "models" in it ("Unknown route GET
  // /v1/models"): a 404 there means the base URL.
  if (status === 404 && purpose === 'listing') return t('errAdvice404');
  if (status === 404) return /model/i.test(words) || code === 'model_not_found' ? t('errAdvice404Model') : t('errAdvice404');
  if (status === 429) return code === 'insufficient_quota' || /quota|credit|billing/i.test(words) ? t('errAdvice429Quota') : t('errAdvice429');
  if (status !== undefined && status >= 500) return t('errAdvice5xx');
  return undefined;
}

/**
 * How long a 429 or 503 asks the client to wait, in whole seconds, from `retry-after-ms`,
 * `retry-after` seconds or `retry-after` as an HTTP date; undefined when it does not say. The SDK
 * has already waited as asked between its own attempts; this tells the user before they retry.
 */
export function retryAfterSeconds(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** Turns anything thrown while talking to the API into a VisionError with words for the user. */
export function toVisionError(error: unknown, host: string, purpose: RequestPurpose = 'answer'): VisionError {
  if (error instanceof VisionError) return error;
  if (error instanceof APIUserAbortError) return new VisionError('aborted', t('errStopped'));
  if (error instanceof APIConnectionTimeoutError) return new VisionError('timeout', t(purpose === 'listing' ? 'connTimeout' : 'errTimeout', host));
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? ` (${errorWords(error.cause)})` : '';
    // Testing a connection, nothing has worked yet: the server may be down, the address wrong, or
    // (in a browser, for a local server) CORS closed; an answer's failure is more often the network.
    return new VisionError('network', t(purpose === 'listing' ? 'connUnreachable' : 'errNetwork', `${host}${cause}`));
  }
  if (error instanceof APIError) {
    const own = ownWords(error);
    const words = sentence(own || t('errNoWords'));
    // The model cannot see pictures: no retry helps; another model does.
    if (NO_IMAGE_INPUT.test(own)) return new VisionError('settings', t('errNoImageInput', words), error.status, error.code ?? undefined);
    if (error.status === undefined) {
      // An error event inside the stream: the server reported a failure after it had started.
      return new VisionError('http', t('errInStream', words));
    }
    // A redirect refused in client.ts: the key does not follow the server anywhere else.
    if (error.status >= 300 && error.status < 400) return new VisionError('settings', t('errRedirected', host));
    const name = STATUS_WORDS[error.status] ?? 'Error';
    const wait = error.status === 429 || error.status === 503 ? retryAfterSeconds(error.headers) : undefined;
    const text = [t('errHttp', error.status, name, words), advice(error, own, purpose), wait !== undefined && plural('errRetryAfter', wait)]
      .filter(Boolean)
      .join(' ');
    return new VisionError('http', text, error.status, error.code ?? undefined, error.param ?? undefined);
  }
  // The SDK parses each event of the stream as JSON; a server or proxy that sends anything else
  // ends the answer here, and the user should hear that the server is at fault, not the network.
  if (error instanceof SyntaxError) return new VisionError('malformed', t('errMalformed'));
  if (error instanceof Error && error.name === 'AbortError') return new VisionError('aborted', t('errStopped'));
  return new VisionError('unknown', t('errUnknown', error instanceof Error ? error.message : String(error)));
}
