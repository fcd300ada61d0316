// @vitest-environment happy-dom
/**
 * Which pictures need alt text, read from markup as the content script reads it: the cases issue 23
 * found wrong (a whitespace alt, a presentational role that ARIA ignores, a picture named by its
 * title, by a <label>, an SVG part with its own <title>), image maps and objects, and the project's
 * own judgement on top of the W3C name (suspicious names, an alt that repeats the text beside it).
 * The layout read is given (shown at 200×100): happy-dom has none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createElementRegistry } from '../../utils/page/alt-text/element-registry';
import { altNeedOf, factsOf } from '../../utils/page/alt-text/needs-alt';
import { scanPage } from '../../utils/page/alt-text/scan';
import { readPictureOf } from '../../utils/page/locate';
import { USER_AGENT_STYLE } from './user-agent-style';

const SHOWN = { rendered: true, width: 200, height: 100 };

beforeAll(() => {
  document.head.innerHTML = USER_AGENT_STYLE;
});

function needOf(html: string, selector = '#pic') {
  document.body.innerHTML = html;
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no ${selector} in ${html}`);
  return altNeedOf(factsOf(element, SHOWN));
}

describe('what issue 23 found judged wrong', () => {
  it.each([
    ['alt=" " is no alt', '<img id="pic" src="a.png" alt=" ">', { needs: true, reason: 'missing' }],
    ['role="presentation" on a focusable picture is ignored', '<img id="pic" src="a.png" role="presentation" tabindex="0">', { needs: true, reason: 'missing' }],
    ['role="none" with a live region is ignored', '<img id="pic" src="a.png" role="none" aria-live="polite">', { needs: true, reason: 'missing' }],
    ['role="presentation" on an object that takes the focus', '<object id="pic" data="a.svg" role="presentation" tabindex="-1"></object>', { needs: true, reason: 'object-no-name' }],
    ['a picture named by its title', '<img id="pic" src="a.png" title="Harbour at dawn">', { needs: false, reason: 'labelled' }],
    ['an image button in its <label>', '<label>Search <input id="pic" type="image" src="go.png"></label>', { needs: false, reason: 'labelled' }],
    ['an image button named by <label for>', '<label for="pic">Search</label><input id="pic" type="image" src="go.png">', { needs: false, reason: 'labelled' }],
    ['an SVG part with role="img" and its own <title>', '<svg><circle id="pic" role="img" r="4"><title>Sun</title></circle></svg>', { needs: false, reason: 'labelled' }],
    ['an SVG part whose <title> belongs to another shape', '<svg><g id="pic" role="img"><circle r="4"><title>Sun</title></circle></g></svg>', { needs: true, reason: 'no-name' }],
    ['an image button the browser would call "Submit Query"', '<input id="pic" type="image" src="go.png">', { needs: true, reason: 'input-no-alt' }],
  ] as const)('%s', (_, html, expected) => {
    expect(needOf(html)).toEqual(expected);
  });
});

describe('image maps and objects, as axe-core judges them', () => {
  it('an <area> needs its own alt: alt="" on a link is no name', () => {
    expect(needOf('<img src="m.png" usemap="#m"><map name="m"><area id="pic" href="/a" alt=""></map>')).toEqual({ needs: true, reason: 'area-no-alt' });
    expect(needOf('<img src="m.png" usemap="#m"><map name="m"><area id="pic" href="/a" alt="Europe"></map>')).toEqual({ needs: false, reason: 'labelled' });
  });

  it('an <area> is measured by the image that shows it, and is not shown when no image uses its map', () => {
    document.body.innerHTML = '<img id="map-image" src="m.png" usemap="#m"><map name="m"><area id="pic" href="/a"></map><map name="unused"><area id="orphan" href="/b"></map>';
    const image = document.getElementById('map-image')!;
    image.getBoundingClientRect = () => DOMRect.fromRect({ width: 300, height: 200 });
    const facts = factsOf(document.getElementById('pic')!);
    // happy-dom has no layout, so whether the image is shown is not asked; its box is.
    expect([facts.width, facts.height, facts.url]).toEqual([300, 200, new URL('m.png', document.baseURI).href]);
    expect(factsOf(document.getElementById('orphan')!).rendered).toBe(false);
  });

  it('an <object> is named by ARIA or its title, never by its fallback text', () => {
    expect(needOf('<object id="pic" data="chart.svg">Sales went up</object>')).toEqual({ needs: true, reason: 'object-no-name' });
    expect(needOf('<object id="pic" data="chart.svg" title="Sales by month"></object>')).toEqual({ needs: false, reason: 'labelled' });
  });
});

describe("the project's judgement on top of the name", () => {
  it.each([
    ['a file name in the title', '<img id="pic" src="a.png" title="DSC_0042.JPG">'],
    ['a placeholder a publishing system wrote', '<img id="pic" src="a.png" alt="Image for post">'],
    ['a bare kind word from aria-labelledby', '<span id="l">photo</span><div id="pic" role="img" aria-labelledby="l"></div>'],
  ])('%s is suspicious', (_, html) => {
    expect(needOf(html)).toEqual({ needs: true, reason: 'suspicious' });
  });

  it.each([
    ['a link', '<a href="/home"><img id="pic" src="h.png" alt="Home"> home</a>'],
    ['a button', '<button><img id="pic" src="p.png" alt="Print page">Print  page</button>'],
    ['a table cell', '<table><tr><td><img id="pic" src="f.png" alt="France">France</td></tr></table>'],
  ])('an alt that repeats the text beside it in %s: alt="" is suggested', (_, html) => {
    expect(needOf(html)).toEqual({ needs: true, reason: 'redundant' });
  });

  it('an alt that says more than the text beside it is kept', () => {
    expect(needOf('<a href="/home"><img id="pic" src="h.png" alt="Acme logo"> Home</a>')).toEqual({ needs: false, reason: 'labelled' });
  });
});

describe('the scan', () => {
  it('judges the parts of an SVG that are pictures, not the drawing that holds them, nor what is inside a role="img"', () => {
    document.body.innerHTML = `
      <svg id="canvas"><circle id="named" role="img" r="4"><title>Sun</title></circle><rect id="unnamed" role="graphics-symbol" width="4" height="4"></rect></svg>
      <div id="banner" role="img"><img id="inside" src="a.png"><svg id="inner-svg"></svg></div>`;
    const registry = createElementRegistry();
    const scan = scanPage(document, registry, () => SHOWN);
    const ids = scan.needing.map((picture) => picture.elementId);
    expect(ids).toEqual(['unnamed', 'banner'].map((id) => registry.idOf(document.getElementById(id)!)));
    expect(scan.examined).toBe(3);
  });

  it('shows the name a picture has now, whichever way it was given', () => {
    document.body.innerHTML = '<img id="pic" src="a.png" title="IMG_0001.jpg">';
    const scan = scanPage(document, createElementRegistry(), () => SHOWN);
    expect(scan.needing.map((picture) => picture.currentAlt)).toEqual(['IMG_0001.jpg']);
  });
});

describe('describing a listed area or object', () => {
  it('reads an area as the image that shows it, and an object by its address', async () => {
    document.body.innerHTML = '<img src="/m.png" usemap="#m"><map name="m"><area id="area" href="/a"></map><object id="object" data="/chart.png"></object>';
    const address = (path: string) => ({ kind: 'url', url: new URL(path, document.baseURI).href });
    expect(await readPictureOf(document.getElementById('area')!)).toEqual(address('/m.png'));
    expect(await readPictureOf(document.getElementById('object')!)).toEqual(address('/chart.png'));
  });
});
