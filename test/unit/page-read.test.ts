// @vitest-environment happy-dom
/**
 * The page reads a picture with its own cookies only while it is the document the picture was found
 * in: a frame that has moved on to another site must not fetch the old picture with its cookies.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContentHandlers } from '../../utils/page/page-target';
import { MAX_PICTURE_BYTES } from '../../utils/shared/picture-limit';

/** Puts the test's document at `address`, as a frame that navigated would be. */
const goTo = (address: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(address);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readBytes in the page', () => {
  it('refuses when the frame now shows another document, and fetches nothing', async () => {
    goTo('https://other-site.example/ads');
    const fetch = vi.spyOn(globalThis, 'fetch');
    const handlers = createContentHandlers(window);
    await expect(
      handlers.readBytes({ url: 'https://pictures.example/private/cat.png', documentUrl: 'https://pictures.example/gallery' }, {} as never),
    ).rejects.toThrow('The frame the picture was in now shows another page, so it was not read there.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads in the same document, whatever its #fragment says now', async () => {
    goTo('https://pictures.example/gallery#photo-3');
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('nope', { status: 403 }));
    const handlers = createContentHandlers(window);
    await expect(
      handlers.readBytes({ url: 'https://pictures.example/private/cat.png', documentUrl: 'https://pictures.example/gallery' }, {} as never),
    ).rejects.toThrow('The page could not load the picture either (HTTP 403).');
    expect(fetch).toHaveBeenCalledWith('https://pictures.example/private/cat.png', expect.objectContaining({ credentials: 'include', signal: expect.any(AbortSignal) }));
  });

  it('reads with the same byte limit as the extension: a page cannot flood the worker', async () => {
    goTo('https://pictures.example/gallery');
    // Announces nothing and sends one byte more than the limit, in pieces.
    const piece = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_PICTURE_BYTES) return controller.close();
        const next = sent + piece.byteLength > MAX_PICTURE_BYTES ? piece.subarray(0, MAX_PICTURE_BYTES - sent + 1) : piece;
        sent += next.byteLength;
        controller.enqueue(next);
      },
    });
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(body, { status: 200, headers: { 'content-type': 'image/jpeg' } }));
    const handlers = createContentHandlers(window);
    await expect(
      handlers.readBytes({ url: 'https://pictures.example/huge.jpg', documentUrl: 'https://pictures.example/gallery' }, {} as never),
    ).rejects.toThrow('The picture is over 40 MB, more than any photo needs');
  });

  it('gives back what it read, with its type', async () => {
    goTo('https://pictures.example/gallery');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'content-type': 'image/png' } }));
    const handlers = createContentHandlers(window);
    const { dataUrl } = await handlers.readBytes({ url: 'https://pictures.example/cat.png', documentUrl: 'https://pictures.example/gallery' }, {} as never);
    expect(dataUrl).toBe('data:image/png;base64,AQID');
  });
});
