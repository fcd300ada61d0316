import { describe, expect, it } from 'vitest';
import { chooseTransport, isDownloadFailure } from '../../utils/image/transport';
import { isPrivateHost } from '../../utils/private-host';

describe('isPrivateHost', () => {
  it.each(['localhost', 'app.localhost', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.1.1', '100.64.0.1', '[::1]', 'fd12:3456::1', 'printer.local', 'nas', 'db.internal'])(
    '%s is private',
    (host) => expect(isPrivateHost(host)).toBe(true),
  );
  it.each(['example.com', '8.8.8.8', '172.32.0.1', '192.169.0.1', 'cdn.images.example.org', '2001:db8::1'])('%s is public', (host) =>
    expect(isPrivateHost(host)).toBe(false),
  );
});

describe('chooseTransport', () => {
  it.each([
    ['https://example.com/cat.jpg', 'auto', 'url'],
    ['http://example.com/cat.jpg', 'auto', 'url'],
    ['http://127.0.0.1:8080/cat.jpg', 'auto', 'bytes'],
    ['http://localhost/cat.jpg', 'url', 'url'],
    ['data:image/png;base64,AAAA', 'auto', 'bytes'],
    ['data:image/png;base64,AAAA', 'url', 'bytes'],
    ['blob:https://example.com/1234', 'auto', 'bytes'],
    ['file:///home/me/cat.jpg', 'auto', 'bytes'],
    ['https://example.com/cat.jpg', 'bytes', 'bytes'],
  ] as const)('%s with "%s" goes as %s', (url, setting, as) => {
    expect(chooseTransport(url, setting).as).toBe(as);
  });
});

describe('a low-detail question to a model that counts patches', () => {
  // Such models ignore "low" for a downloaded address and count its full size: send a 512 px view.
  it.each([
    ['gpt-4.1-mini', 'low', 'bytes'],
    ['gpt-5-mini', 'low', 'bytes'],
    ['gpt-4.1-mini', 'auto', 'url'],
    ['gpt-4.1-mini', 'high', 'url'],
    ['gpt-4o', 'low', 'url'],
    ['llava:13b', 'low', 'url'],
  ] as const)('%s at %s detail sends a public picture as %s', (model, detail, as) => {
    expect(chooseTransport('https://example.com/cat.jpg', 'auto', { model, detail }).as).toBe(as);
  });

  it('says why, and leaves the user\'s "addresses only" choice alone', () => {
    expect(chooseTransport('https://example.com/cat.jpg', 'auto', { model: 'gpt-4.1-mini', detail: 'low' })).toEqual({ as: 'bytes', why: 'low-detail' });
    expect(chooseTransport('https://example.com/cat.jpg', 'url', { model: 'gpt-4.1-mini', detail: 'low' })).toEqual({ as: 'url' });
  });
});

describe('isDownloadFailure', () => {
  it.each([
    [{ status: 400, code: 'invalid_image_url', message: 'Error while downloading https://x/y.png.' }, true],
    [{ status: 400, code: null, message: 'Timeout while downloading https://x/y.png.' }, true],
    [{ status: 400, code: null, message: 'Failed to download image from https://x/y.png.' }, true],
    [{ status: 400, code: null, message: 'image URLs are not currently supported, please use base64 encoded data instead' }, true],
    [{ status: 400, code: 'invalid_image_format', message: 'Invalid image.' }, false],
    [{ status: 401, code: null, message: 'Failed to download' }, false],
  ])('%j: %s', (error, expected) => {
    expect(isDownloadFailure(error)).toBe(expected);
  });
});
