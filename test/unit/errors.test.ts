import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { errorWords } from '../../utils/error-words';
import { toVisionError, VisionError } from '../../utils/vision/errors';
import { speak } from './setup';

const api = (status: number, message: string) =>
  APIError.generate(status, { error: { message, type: 'invalid_request_error' } }, undefined, new Headers());

describe('toVisionError', () => {
  it.each([
    [api(401, 'Incorrect API key provided: sk-abc.'), 'http', 401, /401 Unauthorized: Incorrect API key provided: sk-abc\. Check the API key/],
    [api(404, 'The model `gpt-9` does not exist'), 'http', 404, /404 Not Found: The model `gpt-9` does not exist\. Check the base URL and the model/],
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
    ['Firefox', new DOMException('The quota has been exceeded.', 'QuotaExceededError')],
  ])('says a full storage (%s) in words the user can act on', (_, error) => {
    expect(errorWords(error)).toBe('The extension’s storage in this browser is full. Delete old conversations in History, or reset the spend record in the options, then ask again.');
  });

  it('keeps any other message as it is', () => {
    expect(errorWords(new Error('Disk on fire'))).toBe('Disk on fire');
  });
});
