/**
 * A saved key goes only to the very origin it was saved for: same scheme, same host, same port.
 * A base URL that merely starts with that origin (a longer host, another port, the origin passed
 * off as a user name) is another server, and must not get the key.
 */
import { describe, expect, it } from 'vitest';
import { keyFits, originOf } from '../../utils/api-key-origin';

const OPENAI = 'https://api.openai.com';

describe('keyFits', () => {
  it.each([
    ['the saved origin with a path', 'https://api.openai.com/v1'],
    ['the saved origin with a trailing slash', 'https://api.openai.com/'],
    ['the saved origin typed with spaces around it', '  https://api.openai.com/v1  '],
    ['the default port written out', 'https://api.openai.com:443/v1'],
    ['the host in capitals', 'https://API.OPENAI.COM/v1'],
  ])('lets the key go to %s', (_, baseUrl) => {
    expect(keyFits(OPENAI, baseUrl)).toBe(true);
  });

  it.each([
    ['a longer host that starts with the saved one', 'https://api.openai.com.evil.example/v1'],
    ['another port on the same host', 'https://api.openai.com:8443'],
    ['another port, with a path', 'https://api.openai.com:8443/v1'],
    ['the saved origin as a user name before another host', 'https://api.openai.com@evil.example/v1'],
    ['the saved origin as a user name and password', 'https://api.openai.com:443@evil.example/v1'],
    ['plain http to the same host', 'http://api.openai.com/v1'],
    ['a host that only ends like it', 'https://evil-api.openai.com/v1'],
    ['a subdomain of it', 'https://x.api.openai.com/v1'],
    ['no address at all', 'api.openai.com/v1'],
    ['nothing', ''],
  ])('keeps the key from %s', (_, baseUrl) => {
    expect(keyFits(OPENAI, baseUrl)).toBe(false);
  });

  it('keeps a local server\'s key from a longer port that starts with its own', () => {
    expect(keyFits('http://127.0.0.1:1143', 'http://127.0.0.1:11434/v1')).toBe(false);
    expect(keyFits(originOf('http://127.0.0.1:11434/v1'), 'http://127.0.0.1:11434/v1')).toBe(true);
  });

  it('never lets a key saved for no origin go anywhere', () => {
    expect(keyFits('', 'https://api.openai.com/v1')).toBe(false);
    expect(keyFits('', '')).toBe(false);
  });
});
