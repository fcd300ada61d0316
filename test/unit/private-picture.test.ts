import { describe, expect, it } from 'vitest';
import { privatePictureOnPublicPage } from '../../utils/image/private-picture';

describe('a private picture on a public page', () => {
  it.each([
    ['http://192.168.1.1/admin/camera.jpg', 'https://news.example/story', { picture: '192.168.1.1', page: 'news.example' }],
    ['http://localhost:8080/secret.png', 'https://evil.example/', { picture: 'localhost:8080', page: 'evil.example' }],
    ['http://[::ffff:127.0.0.1]/x.png', 'http://blog.example/', { picture: '[::ffff:7f00:1]', page: 'blog.example' }],
    ['http://nas.local/photo.jpg', 'https://cdn.example/page', { picture: 'nas.local', page: 'cdn.example' }],
    ['https://intranet/logo.png', 'https://www.example.org/', { picture: 'intranet', page: 'www.example.org' }],
  ])('%s on %s is held back', (picture, page, hosts) => {
    expect(privatePictureOnPublicPage(picture, page)).toEqual(hosts);
  });

  it.each([
    // The page is itself on the private network: its pictures are its own.
    ['http://192.168.1.1/camera.jpg', 'http://192.168.1.1/'],
    ['http://nas.local/photo.jpg', 'http://wiki.internal/page'],
    // A public picture anywhere.
    ['https://cdn.example/cat.jpg', 'https://news.example/'],
    ['https://cdn.example/cat.jpg', 'http://localhost:3000/'],
    // No web page to distrust: an address the user typed, a file, the extension's own page.
    ['http://192.168.1.1/camera.jpg', undefined],
    ['http://192.168.1.1/camera.jpg', ''],
    ['http://192.168.1.1/camera.jpg', 'file:///home/me/page.html'],
    ['http://192.168.1.1/camera.jpg', 'chrome-extension://abc/popup.html'],
    // Not fetched over the network at all.
    ['data:image/png;base64,AAAA', 'https://news.example/'],
    ['blob:https://news.example/1234', 'https://news.example/'],
  ])('%s on %s reads as usual', (picture, page) => {
    expect(privatePictureOnPublicPage(picture, page)).toBeUndefined();
  });

  // Issue 24: a frame the public page wrote itself has no web address, and was trusted as if it were none.
  it.each([
    ['http://127.0.0.1:8080/cam.jpg', 'about:srcdoc', 'http://news.example:8080/', { picture: '127.0.0.1:8080', page: 'news.example:8080' }],
    ['http://192.168.1.1/cam.jpg', 'about:blank', 'https://news.example/story', { picture: '192.168.1.1', page: 'news.example' }],
    ['http://192.168.1.1/cam.jpg', 'data:text/html,<img src=x>', 'https://news.example/', { picture: '192.168.1.1', page: 'news.example' }],
    ['http://192.168.1.1/cam.jpg', 'blob:https://news.example/0d1c', undefined, { picture: '192.168.1.1', page: 'news.example' }],
    // Whose frame it is is not known (Firefox names no ancestors of a data: frame): not trusted.
    ['http://192.168.1.1/cam.jpg', 'about:srcdoc', undefined, { picture: '192.168.1.1', page: 'about:srcdoc' }],
    ['http://192.168.1.1/cam.jpg', 'data:text/html,<img src=x>', undefined, { picture: '192.168.1.1', page: 'data:' }],
  ])('%s in a frame at %s inheriting %s is held back', (picture, page, origin, hosts) => {
    expect(privatePictureOnPublicPage(picture, page, origin)).toEqual(hosts);
  });

  it.each([
    ['http://192.168.1.1/cam.jpg', 'about:srcdoc', 'http://192.168.1.1/'],
    ['http://nas.local/photo.jpg', 'about:blank', 'http://wiki.internal/page'],
    ['https://cdn.example/cat.jpg', 'about:srcdoc', undefined],
  ])('%s in a frame at %s inheriting %s reads as usual', (picture, page, origin) => {
    expect(privatePictureOnPublicPage(picture, page, origin)).toBeUndefined();
  });
});
