/**
 * Why a picture goes as bytes rather than as its address: the popup tells the user the reason
 * (utils/ask/picture-input.ts), so the reason and its detail must be the right ones. And which API
 * errors mean "the server could not download the address", so the bytes are worth one more try.
 */
import { describe, expect, it } from 'vitest';
import { chooseTransport, ignoresLowDetail, isDownloadFailure } from '../../utils/image/transport';

describe('chooseTransport says why it sends bytes', () => {
  it.each([
    // The user asked for bytes: even a public address is not handed to the server.
    ['https://example.com/cat.jpg', 'bytes', { as: 'bytes', why: 'setting' }],
    // Not an address at all (a bare path, an empty string): nothing a server could fetch.
    ['cat.jpg', 'auto', { as: 'bytes', why: 'not-web' }],
    ['', 'url', { as: 'bytes', why: 'not-web' }],
    // An address only this browser can open, named by its scheme.
    ['data:image/png;base64,AAAA', 'auto', { as: 'bytes', why: 'scheme', detail: 'data:' }],
    ['blob:https://example.com/1234', 'url', { as: 'bytes', why: 'scheme', detail: 'blob:' }],
    ['ftp://example.com/cat.jpg', 'auto', { as: 'bytes', why: 'scheme', detail: 'ftp:' }],
    // A host on this machine or the local network, named by its host.
    ['http://192.168.1.20/cam.jpg', 'auto', { as: 'bytes', why: 'private', detail: '192.168.1.20' }],
    ['https://nas.local/photos/1.jpg', 'auto', { as: 'bytes', why: 'private', detail: 'nas.local' }],
  ] as const)('%s under "%s" goes as %j', (url, setting, transport) => {
    expect(chooseTransport(url, setting)).toEqual(transport);
  });

  it('sends a public address as it is, with nothing to explain', () => {
    expect(chooseTransport('https://example.com/cat.jpg', 'auto')).toEqual({ as: 'url' });
    expect(chooseTransport('http://example.com/cat.jpg', 'auto', { model: 'gpt-4o', detail: 'high' })).toEqual({ as: 'url' });
  });

  it('"Addresses" sends a private address as it is (the user runs the model on that network)', () => {
    expect(chooseTransport('http://192.168.1.20/cam.jpg', 'url')).toEqual({ as: 'url' });
  });

  it('names the private host before the low-detail reason, since that is why the address could not go', () => {
    expect(chooseTransport('http://10.0.0.5/x.png', 'auto', { model: 'gpt-4.1-mini', detail: 'low' })).toEqual({
      as: 'bytes', why: 'private', detail: '10.0.0.5',
    });
  });
});

describe('ignoresLowDetail', () => {
  it.each([
    ['gpt-4.1-mini', 'low', true],
    ['o4-mini-2025-04-16', 'low', true],
    ['gpt-5.4', 'low', true],
    ['gpt-4.1-mini', 'high', false],
    ['gpt-4.1-mini', 'auto', false],
    // Tile models do look at a 512 px view when asked for low detail.
    ['gpt-4o', 'low', false],
    // An unknown model is given the benefit of the doubt: its address goes as it is.
    ['llava:13b', 'low', false],
  ] as const)('%s at %s detail: %s', (model, detail, ignores) => {
    expect(ignoresLowDetail(model, detail)).toBe(ignores);
  });
});

describe('isDownloadFailure', () => {
  it.each([
    // The words servers use when they could not fetch the picture, in any case.
    ['Could not download the image at https://x/y.png', true],
    ['Unable to download image', true],
    ['TIMEOUT WHILE DOWNLOADING https://x/y.png', true],
    ['Image URL is not supported', true],
    ['Image URLs are not supported by this model', true],
    ['image urls is not currently supported', true],
    // Other refusals: sending the bytes again would be refused the same way, and cost a request.
    ['Image URLs are not allowed', false],
    ['Invalid image.', false],
    ['The model does not support images', false],
  ])('%j at status 400: %s', (message, expected) => {
    expect(isDownloadFailure({ status: 400, code: null, message })).toBe(expected);
  });

  it('counts an error with no status (a proxy or a server that sends none)', () => {
    expect(isDownloadFailure({ message: 'Failed to download image from https://x/y.png' })).toBe(true);
  });

  it('trusts the invalid_image_url code whatever the status and the words', () => {
    expect(isDownloadFailure({ status: 422, code: 'invalid_image_url', message: 'Bad image.' })).toBe(true);
  });

  it.each([401, 403, 429, 500])('does not retry a %i: the bytes would fail the same way', (status) => {
    expect(isDownloadFailure({ status, code: null, message: 'Failed to download image' })).toBe(false);
  });
});
