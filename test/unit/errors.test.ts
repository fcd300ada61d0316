import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { errorWords } from '../../utils/error-words';
import { retryAfterSeconds, toVisionError, VisionError } from '../../utils/vision/errors';
import { speak } from './setup';

const api = (status: number, message: string) =>
  APIError.generate(status, { error: { message, type: 'invalid_request_error' } }, undefined, new Headers());

const coded = (status: number, message: string, code: string) =>
  APIError.generate(status, { error: { message, type: 'invalid_request_error', code } }, undefined, new Headers());

describe('what to do about it, in words', () => {
  it.each([
    // Ollama turns extensions away with an empty 403 until OLLAMA_ORIGINS lets them in.
    [APIError.generate(403, undefined, undefined, new Headers()), 'The server answered 403 Forbidden: it gave no reason. If this is Ollama, it turns browser extensions away until it is started with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* set'],
    [api(403, 'Project does not have access to model gpt-4o.'), 'Project does not have access to model gpt-4o. The key may not be allowed to use this model or this server.'],
    [api(404, 'Unknown route POST /chat/completions'), 'Nothing answers at this address: check the base URL in the options (most end in /v1).'],
    [coded(404, 'The model `gpt-9` does not exist or you do not have access to it.', 'model_not_found'), 'Check the model name in the options: the server has no model by that name.'],
    [coded(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota'), 'Your account is out of credit or over its quota: add credit or raise the limit with your provider.'],
    [coded(429, 'Rate limit reached for gpt-4.1-mini on requests per min.', 'rate_limit_exceeded'), 'You are sending too fast; wait a moment and try again.'],
    [api(500, 'The server had an error while processing your request.'), 'The fault is on the server’s side; try again in a moment.'],
    [api(503, 'The engine is currently overloaded.'), 'The fault is on the server’s side; try again in a moment.'],
  ])('%#: %s', (error, advice) => {
    expect(toVisionError(error, 'h').message).toContain(advice);
  });

  it('a 429 that is not about credit is not called a quota, nor a quota a rate limit', () => {
    expect(toVisionError(coded(429, 'Too many requests.', 'rate_limit_exceeded'), 'h').message).not.toMatch(/credit|quota/);
    expect(toVisionError(coded(429, 'Out of quota.', 'insufficient_quota'), 'h').message).not.toMatch(/too fast/);
  });

  it.each([
    // OpenAI, for a model that reads text only.
    [api(400, 'Invalid content type. image_url is only supported by certain models.'), 400],
    // LM Studio, in the body of a 200 (passed on as an error event, so without a status) or a 400.
    [new APIError(undefined, 'Model does not support images. Please use a model that does.', undefined, new Headers()), undefined],
    // Ollama.
    [api(400, 'model does not support images'), 400],
  ])('a model that cannot see pictures is a setting to change, said so (%#)', (error, status) => {
    const result = toVisionError(error, 'h');
    expect(result.kind).toBe('settings');
    expect(result.status).toBe(status);
    expect(result.message).toMatch(/^The model cannot see pictures: .+ Choose a model that takes images in the options\.$/);
  });
});

describe('toVisionError', () => {
  it.each([
    [api(401, 'Incorrect API key provided: sk-abc.'), 'http', 401, /401 Unauthorized: Incorrect API key provided: sk-abc\. Check the API key/],
    [api(404, 'The model `gpt-9` does not exist'), 'http', 404, /404 Not Found: The model `gpt-9` does not exist\. Check the model name in the options/],
    [api(429, 'Rate limit reached'), 'http', 429, /429 Too Many Requests: Rate limit reached\./],
    [api(400, 'Invalid image.'), 'http', 400, /^The server answered 400 Bad Request: Invalid image\.$/],
    [api(502, 'upstream'), 'http', 502, /502 Bad Gateway: upstream\./],
  ])('HTTP errors carry the status and the server\'s own words (%#)', (error, kind, status, words) => {
    const result = toVisionError(error, 'api.example.com');
    expect(result).toBeInstanceOf(VisionError);
    expect(result.kind).toBe(kind);
    expect(result.status).toBe(status);
    expect(result.message).toMatch(words);
  });

  it('a 429 or 503 says how long the server asks to wait; other statuses do not', () => {
    const limited = (status: number, headers: Record<string, string>) =>
      APIError.generate(status, { error: { message: 'Slow down' } }, undefined, new Headers(headers));
    expect(toVisionError(limited(429, { 'retry-after': '20' }), 'h').message).toMatch(/ The server asks to wait 20 seconds before trying again\.$/);
    expect(toVisionError(limited(503, { 'retry-after': '1' }), 'h').message).toMatch(/ The server asks to wait 1 second before trying again\.$/);
    expect(toVisionError(limited(429, {}), 'h').message).not.toMatch(/asks to wait/);
    expect(toVisionError(limited(500, { 'retry-after': '20' }), 'h').message).not.toMatch(/asks to wait/);
  });

  it('reads retry-after as seconds, milliseconds or a date, and ignores nonsense', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': '7' }), now)).toBe(7);
    expect(retryAfterSeconds(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(2);
    // Rounded up, never down: the user is not told to wait less than the server asked.
    expect(retryAfterSeconds(new Headers({ 'retry-after-ms': '1200' }), now)).toBe(2);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Mon, 30 Nov 2026 12:01:30 GMT' }), now)).toBe(90);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Mon, 30 Nov 2026 11:00:00 GMT' }), now)).toBeUndefined();
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  });

  it('a stream event that is not JSON is the server\'s fault, in words', () => {
    const result = toVisionError(new SyntaxError('Unexpected end of JSON input'), 'h');
    expect(result.kind).toBe('malformed');
    expect(result.message).toMatch(/^The server sent something that is not a valid answer/);
  });

  it('names the host it could not reach', () => {
    const error = new APIConnectionError({ cause: new TypeError('Failed to fetch') });
    const result = toVisionError(error, 'localhost:11434');
    expect(result.kind).toBe('network');
    expect(result.message).toBe('Could not reach localhost:11434 (the connection failed). Check your connection and the base URL in the options.');
  });

  it('says the browser\'s English "Failed to fetch" and Firefox\'s "NetworkError…" in the UI\'s language', () => {
    speak('fr');
    for (const words of ['Failed to fetch', 'NetworkError when attempting to fetch resource.']) {
      const result = toVisionError(new APIConnectionError({ cause: new TypeError(words) }), 'localhost:11434');
      expect(result.message).toContain('(la connexion a échoué)');
      expect(result.message).not.toMatch(/fetch/i);
    }
  });

  it('tells a time-out from other network failures', () => {
    expect(toVisionError(new APIConnectionTimeoutError(), 'h').kind).toBe('timeout');
  });

  it('recognises a stop', () => {
    expect(toVisionError(new APIUserAbortError(), 'h').kind).toBe('aborted');
  });

  it('reports an error event inside the stream with its message', () => {
    const result = toVisionError(new APIError(undefined, { message: 'overloaded' }, undefined, undefined), 'h');
    expect(result.message).toBe('The server reported an error while answering: overloaded.');
  });

  it('wraps anything else with its message', () => {
    expect(toVisionError(new Error('boom'), 'h').message).toBe('Something went wrong while asking: boom');
  });
});

describe('errorWords', () => {
  it.each([
    ['Chrome', new Error('QUOTA_BYTES quota exceeded')],
    ['Chrome, storage.session', new Error('Session storage quota bytes exceeded. Values were not stored.')],
    ['Firefox', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
  ])('says a full storage (%s) in words the user can act on', (_, error) => {
    expect(errorWords(error)).toBe('The extension’s storage in this browser is full. Delete old conversations in History, or reset the spend record in the options, then ask again.');
  });

  it('keeps any other message as it is', () => {
    expect(errorWords(new Error('Disk on fire'))).toBe('Disk on fire');
  });
});
