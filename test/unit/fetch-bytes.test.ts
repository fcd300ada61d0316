/**
 * The extension's own picture downloads, against a local server: no cookies, a size limit that a
 * lying Content-Length cannot get round, a time limit, and no redirect from a public address into
 * a private network.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fetchPictureBytes } from '../../utils/image/fetch-bytes';
import { MAX_PICTURE_BYTES } from '../../utils/shared/picture-limit';

let server: Server;
let origin = '';
/** Whether the client ended the huge download it refused (rather than leaving it open, unread). */
let hugeClosed = false;
const PNG_START = [0x89, 0x50, 0x4e, 0x47];
/** What /oversized.png sends in all, and how much of it it had sent when the client hung up. */
const OVERSIZED_BYTES = 1024 * 1024;
let oversizedSent = 0;
let oversizedClosed = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/small.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([...PNG_START, 1, 2, 3]));
    // Says it is huge: refused from the header alone, before any of it is read.
    if (path === '/announced-huge.png') {
      res.once('close', () => (hugeClosed = true));
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(60 * 1024 * 1024) });
      return void res.write(Buffer.alloc(1024));
    }
    // Says nothing of its size and sends 1 MB in 4 kB pieces, far past the test's 64 kB limit, then
    // ends: a client that does not add up what arrives reads it all and answers, at once.
    if (path === '/oversized.png') {
      oversizedSent = 0;
      oversizedClosed = false;
      res.once('close', () => (oversizedClosed = true));
      res.writeHead(200, { 'content-type': 'image/png' });
      const timer = setInterval(() => {
        if (res.destroyed || oversizedSent >= OVERSIZED_BYTES) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        oversizedSent += 4096;
        res.write(Buffer.alloc(4096));
      }, 2);
      return;
    }
    // Sends its headers, then nothing.
    if (path === '/stalled.png') return void res.writeHead(200, { 'content-type': 'image/png' }).write(Buffer.from(PNG_START));
    if (path === '/moved.png') return void res.writeHead(302, { location: '/small.png' }).end();
    // Promises a kilobyte, sends a few bytes, and hangs up.
    if (path === '/cut.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '1024' });
      return void res.write(Buffer.from(PNG_START), () => res.socket?.destroy());
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the extension\'s own picture downloads', () => {
  it('carry no cookies: a page cannot make the extension fetch what only the user\'s login can see', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    expect([...(await fetchPictureBytes(`${origin}/small.png`, undefined))].slice(0, 4)).toEqual(PNG_START);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'omit' });
  });

  it('follow a redirect within the same kind of network', async () => {
    expect([...(await fetchPictureBytes(`${origin}/moved.png`, undefined))].slice(0, 4)).toEqual(PNG_START);
  });

  it('refuse a picture whose Content-Length is over the limit, without reading it', async () => {
    await expect(fetchPictureBytes(`${origin}/announced-huge.png`, undefined)).rejects.toThrow('The picture is over 40 MB, more than any photo needs, so it was not downloaded. Nothing was sent.');
    await expect.poll(() => hugeClosed, { message: 'the refused download ended, not left open' }).toBe(true);
  });

  it('stop reading a picture that says nothing of its size once what arrived passes the limit, and hang up', async () => {
    const limit = 64 * 1024;
    await expect(fetchPictureBytes(`${origin}/oversized.png`, undefined, undefined, { maxBytes: limit, timeoutMs: 10_000 })).rejects.toMatchObject({
      kind: 'too-large',
      message: expect.stringMatching(/^The picture is over 0 MB/),
    });
    // The download was ended soon after the limit, not read to its end.
    await expect.poll(() => oversizedClosed, { message: 'the refused download ended' }).toBe(true);
    expect(oversizedSent, 'bytes the server had sent when the client hung up').toBeLessThan(OVERSIZED_BYTES / 2);
  });

  it('give up on a server that stops sending, and say so', async () => {
    await expect(fetchPictureBytes(`${origin}/stalled.png`, undefined, undefined, { maxBytes: 1024, timeoutMs: 1500 })).rejects.toThrow(
      'The picture’s server had not sent it after 2 seconds. Nothing was sent.',
    );
  });

  it('say in words that a picture broke off on the way, rather than the network stack\'s', async () => {
    await expect(fetchPictureBytes(`${origin}/cut.png`, undefined)).rejects.toThrow(/^The picture could not be downloaded \(.+\)\. Nothing was sent\.$/);
  });

  it('refuse a public address that redirects into a private network', async () => {
    const landed = new Response(new Uint8Array(PNG_START), { status: 200 });
    Object.defineProperty(landed, 'redirected', { value: true });
    Object.defineProperty(landed, 'url', { value: 'http://192.168.1.1/admin/camera.png' });
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(landed);
    await expect(fetchPictureBytes('https://pictures.example.com/cat.png', undefined)).rejects.toThrow(/led to a private network address \(192\.168\.1\.1\)/);
  });

  it('check what the page read for them: an answer over the limit is refused, whatever the page says', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('no', { status: 403 }));
    const huge = `data:image/png;base64,${'A'.repeat(Math.ceil(MAX_PICTURE_BYTES / 3) * 4 + 4096)}`;
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { dataUrl: huge } });
    await expect(fetchPictureBytes('https://pictures.example.com/private.png', { tabId: 1, frameId: 0 })).rejects.toThrow(/The picture is over 40 MB/);
    expect(sendMessage).toHaveBeenCalledOnce();
  });
});
