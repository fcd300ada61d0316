// @vitest-environment happy-dom
/**
 * Page side of alt text: which pictures need it (rules over facts, so layout is not needed), the
 * context read around a picture, writing alt text back with an exact undo, the focused field, and
 * the element handles.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { applyAltText, fillField, trackAltFields, undoAltText } from '../../utils/page/alt-text/apply';
import { createElementRegistry } from '../../utils/page/alt-text/element-registry';
import { altNeedOf, isSuspiciousAlt, type PictureFacts } from '../../utils/page/alt-text/needs-alt';
import { pageContextOf } from '../../utils/page/alt-text/page-context';
import { boundedText, CONTEXT_FIELD_LIMIT } from '../../utils/shared/bounded-text';

const facts = (fields: Partial<PictureFacts>): PictureFacts => ({
  tag: 'img', alt: null, role: null, name: '', ariaHidden: false, rendered: true, width: 200, height: 100, ...fields,
});

describe('isSuspiciousAlt', () => {
  it.each(['IMG_1234.jpg', 'IMG_1234', 'DSC0001', 'photo-2.png', 'banner_final', 'hero-image-2', 'image', 'Photo', 'picture', 'img', 'logo', 'spacer', 'untitled', 'image image', 'https://example.com/a.png', '/images/a.png', 'изображение', 'фото', '图片', '照片', 'Screenshot 2026-11-22'])(
    '"%s" is suspicious',
    (alt) => expect(isSuspiciousAlt(alt)).toBe(true),
  );
  it.each(['Acme logo', 'A red fox in the snow', 'Home', 'Print this page', 'Chart: sales up 20 %', 'Рыжий кот', '一只橙色的猫', 'Photo booth at the fair'])(
    '"%s" is a description',
    (alt) => expect(isSuspiciousAlt(alt)).toBe(false),
  );
  it("is the picture's own file name", () => {
    expect(isSuspiciousAlt('harbour', 'https://example.com/img/harbour.jpg?w=200')).toBe(true);
  });
});

describe('altNeedOf, in order of precedence', () => {
  it.each([
    ['aria-hidden beats everything', facts({ ariaHidden: true, role: 'presentation', rendered: false }), { needs: false, reason: 'aria-hidden' }],
    ['role="presentation"', facts({ role: 'presentation' }), { needs: false, reason: 'presentation' }],
    ['role="none"', facts({ role: 'none', rendered: false }), { needs: false, reason: 'presentation' }],
    ['not rendered', facts({ rendered: false, width: 0, height: 0 }), { needs: false, reason: 'not-rendered' }],
    ['a tracking pixel', facts({ width: 1, height: 1 }), { needs: false, reason: 'tiny' }],
    ['2 px on one side', facts({ width: 300, height: 2 }), { needs: false, reason: 'tiny' }],
    ['alt="" is decorative', facts({ alt: '' }), { needs: false, reason: 'decorative' }],
    ['alt with spaces only is no alt (axe-core: alt-space-value)', facts({ alt: '  ' }), { needs: true, reason: 'missing' }],
    ['a good alt', facts({ alt: 'A red fox', name: 'A red fox' }), { needs: false, reason: 'labelled' }],
    ['aria-label names it', facts({ name: 'A red fox' }), { needs: false, reason: 'labelled' }],
    ['a suspicious alt', facts({ alt: 'IMG_1234.jpg', name: 'IMG_1234.jpg' }), { needs: true, reason: 'suspicious' }],
    ['no alt at all', facts({}), { needs: true, reason: 'missing' }],
    ['an image button without alt', facts({ tag: 'input-image' }), { needs: true, reason: 'input-no-alt' }],
    ['an image button with alt=""', facts({ tag: 'input-image', alt: '' }), { needs: true, reason: 'input-no-alt' }],
    ['an SVG without a title', facts({ tag: 'svg' }), { needs: true, reason: 'svg-no-title' }],
    ['an SVG with a title', facts({ tag: 'svg', name: 'Sales chart' }), { needs: false, reason: 'labelled' }],
    ['role="img" without a name', facts({ tag: 'role-img' }), { needs: true, reason: 'no-name' }],
    ['role="img" with a label', facts({ tag: 'role-img', name: 'Company banner' }), { needs: false, reason: 'labelled' }],
  ] as const)('%s', (_, given, expected) => {
    expect(altNeedOf(given)).toEqual(expected);
  });
});

describe('pageContextOf', () => {
  beforeEach(() => {
    document.title = 'Harbour news';
    document.documentElement.lang = 'en';
  });

  it('reads the figure caption, the nearest heading and the paragraph before it', () => {
    document.body.innerHTML = `
      <h1>News</h1><h2>Harbour in the morning</h2><p>The boats come back at dawn.</p>
      <figure><img id="pic" src="a.jpg"><figcaption> Boats in the harbour </figcaption></figure>`;
    expect(pageContextOf(document.getElementById('pic')!)).toEqual({
      lang: 'en', pageTitle: 'Harbour news', caption: 'Boats in the harbour', heading: 'Harbour in the morning', paragraph: 'The boats come back at dawn.',
    });
  });

  it("gives a link's words and destination, without the picture's own alt", () => {
    document.body.innerHTML = `<p>Go <a id="home" href="/index.html"><img id="pic" alt="old" src="a.png"> Home page</a></p>`;
    const context = pageContextOf(document.getElementById('pic')!);
    expect(context.control).toEqual({ kind: 'link', text: 'Home page', href: new URL('/index.html', document.baseURI).href });
  });

  it('knows a picture in a button', () => {
    document.body.innerHTML = `<button><img id="pic" src="print.png"></button>`;
    expect(pageContextOf(document.getElementById('pic')!).control).toEqual({ kind: 'button', text: '' });
  });

  it("takes the language of the picture's own section over the document's", () => {
    document.body.innerHTML = `<section lang="fr"><div><img id="fr" src="a.png"></div></section><img id="en" src="b.png">`;
    expect(pageContextOf(document.getElementById('fr')!).lang).toBe('fr');
    expect(pageContextOf(document.getElementById('en')!).lang).toBe('en');
  });

  it('passes on a suspicious current alt only when asked', () => {
    document.body.innerHTML = `<img id="pic" alt="IMG_1.jpg" src="a.png">`;
    const picture = document.getElementById('pic')!;
    expect(pageContextOf(picture).currentAlt).toBeUndefined();
    expect(pageContextOf(picture, { currentAlt: 'IMG_1.jpg' }).currentAlt).toBe('IMG_1.jpg');
  });

  it('bounds every text, so a page cannot flood the request', () => {
    const words = 'word '.repeat(500);
    document.title = words;
    document.body.innerHTML = `<h2>${words}</h2><p>${words}</p><figure><img id="pic" src="a.png"><figcaption>${words}</figcaption></figure>`;
    const context = pageContextOf(document.getElementById('pic')!);
    for (const text of [context.pageTitle, context.caption, context.heading, context.paragraph]) {
      expect(text!.length).toBeLessThanOrEqual(CONTEXT_FIELD_LIMIT);
      expect(text!.endsWith('…')).toBe(true);
    }
    expect(boundedText('  a\n\n b  ')).toBe('a b');
  });
});

describe('applying alt text, and undo', () => {
  it('writes alt on an <img>, marked as generated, and undo removes what was absent', () => {
    document.body.innerHTML = `<img id="pic" src="a.png">`;
    const picture = document.getElementById('pic')!;
    expect(applyAltText(picture, 'A red fox')).toEqual({ how: 'alt' });
    expect(picture.getAttribute('alt')).toBe('A red fox');
    expect(picture.getAttribute('data-alt-generated')).toBe('ask-about-image');
    expect(undoAltText(picture)).toBe(true);
    expect(picture.hasAttribute('alt')).toBe(false);
    expect(picture.hasAttribute('data-alt-generated')).toBe(false);
  });

  it('gives an SVG or a background role="img" and aria-label', () => {
    document.body.innerHTML = `<div id="banner" style="background:url(a.png)"></div>`;
    const banner = document.getElementById('banner')!;
    expect(applyAltText(banner, 'Summer sale')).toEqual({ how: 'aria-label' });
    expect([banner.getAttribute('role'), banner.getAttribute('aria-label')]).toEqual(['img', 'Summer sale']);
    undoAltText(banner);
    expect([banner.getAttribute('role'), banner.getAttribute('aria-label')]).toEqual([null, null]);
  });

  it('marks a confirmed decorative picture as alt="" (img) or hidden (anything else)', () => {
    document.body.innerHTML = `<img id="pic" alt="spacer" src="a.png"><svg id="svg"></svg>`;
    applyAltText(document.getElementById('pic')!, '');
    expect(document.getElementById('pic')!.getAttribute('alt')).toBe('');
    applyAltText(document.getElementById('svg')!, '');
    expect(document.getElementById('svg')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('restores the original after several applies, and has nothing to undo twice', () => {
    document.body.innerHTML = `<img id="pic" alt="IMG_1.jpg" role="img" src="a.png">`;
    const picture = document.getElementById('pic')!;
    applyAltText(picture, 'First try');
    applyAltText(picture, 'Second try');
    expect(undoAltText(picture)).toBe(true);
    expect([picture.getAttribute('alt'), picture.getAttribute('role')]).toEqual(['IMG_1.jpg', 'img']);
    expect(undoAltText(picture)).toBe(false);
  });
});

describe('the focused alt-text field', () => {
  it('is found by its label in any of the four languages, and filled as typing would', () => {
    document.body.innerHTML = `<label for="f">Texte alternatif</label><input id="f" type="text"><input id="other" type="text" name="title">`;
    const tracker = trackAltFields(document);
    const field = document.getElementById('f') as HTMLInputElement;
    const seen: string[] = [];
    field.addEventListener('input', () => seen.push(field.value));
    field.focus();
    expect(tracker.focused()).toBe(field);
    fillField(field, 'Un phare breton');
    expect(field.value).toBe('Un phare breton');
    expect(seen).toEqual(['Un phare breton']);
  });

  it('is remembered when the focus moves off it, but not when another text field takes it', () => {
    document.body.innerHTML = `<textarea id="alt" aria-label="Alt text"></textarea><button id="b">x</button><input id="title" type="text" name="title">`;
    const tracker = trackAltFields(document);
    (document.getElementById('alt') as HTMLTextAreaElement).focus();
    (document.getElementById('b') as HTMLButtonElement).focus();
    expect(tracker.focused()?.id).toBe('alt');
    (document.getElementById('title') as HTMLInputElement).focus();
    expect(tracker.focused()).toBeNull();
  });

  it('is not any field: a search box is not an alt-text field', () => {
    document.body.innerHTML = `<input id="q" type="search" placeholder="Search">`;
    const tracker = trackAltFields(document);
    (document.getElementById('q') as HTMLInputElement).focus();
    expect(tracker.focused()).toBeNull();
  });
});

describe('element handles', () => {
  it('give the same id for the same element, find it while it is in the page, and forget it after', () => {
    document.body.innerHTML = `<img id="pic" src="a.png">`;
    const registry = createElementRegistry();
    const picture = document.getElementById('pic')!;
    const id = registry.idOf(picture);
    expect(registry.idOf(picture)).toBe(id);
    expect(registry.byId(id)).toBe(picture);
    picture.remove();
    expect(registry.byId(id)).toBeUndefined();
    // Another document's registry does not know this handle.
    expect(createElementRegistry().byId(id)).toBeUndefined();
  });
});
