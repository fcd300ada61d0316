// @vitest-environment happy-dom
/**
 * The page reads a picture with its own cookies only while it is the document the picture was found
 * in: a frame that has moved on to another site must not fetch the old picture with its cookies.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContentHandlers } from '../../utils/image/page-target';

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
    expect(fetch).toHaveBeenCalledWith('https://pictures.example/private/cat.png', { credentials: 'include' });
  });
});
