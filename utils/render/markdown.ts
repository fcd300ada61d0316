/**
 * Model output is untrusted: text in a picture can trick a model into writing HTML, scripts, or an
 * image whose address carries data out to someone's server. Answers are rendered as markdown by
 * `marked` with raw HTML escaped and images replaced by their description, then passed through
 * DOMPurify with a short allow-list, so what reaches the page is inert whatever the model wrote.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_LINK = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: true,
  // After an inline <pre>, <code>, <kbd> or <script> tag, marked marks the text that follows as
  // already escaped, expecting that tag to become HTML. Here the tag is shown as text, so that text
  // must be escaped like any other: "<code>if a<b then</code>" turned "<b then…" into an element,
  // and the words after it vanished.
  walkTokens: (token) => {
    // Stryker disable next-line ConditionalExpression: marked's lexer sets `escaped` on text tokens only, so clearing it on every token is the same.
    if (token.type === 'text') token.escaped = false;
  },
  renderer: {
    // Raw HTML in an answer is shown as the text it is, never interpreted.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    // No remote images: a picture's address can carry data to a foreign server the moment it loads.
    image: ({ text }: Tokens.Image) => `<span class="blocked-image">[${escapeHtml(text || 'image')}]</span>`,
  },
});

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
];

let hooked = false;
function sanitizer() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href');
        // Stryker disable next-line StringLiteral: with no href there is nothing to remove, whatever it stands for.
        const safe = SAFE_LINK.test(href ?? '');
        if (!safe) node.removeAttribute('href');
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      // GFM task lists render checkboxes; they must not be editable form controls.
      if (node.tagName === 'INPUT') {
        if (node.getAttribute('type') !== 'checkbox') node.remove();
        else node.setAttribute('disabled', '');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

export function renderMarkdown(markdown: string): string {
  // Stryker disable next-line ObjectLiteral: no extension is async, so parse returns a string either way; the option tells the type so.
  const html = marked.parse(markdown, { async: false });
  return sanitizer().sanitize(html, {
    ALLOWED_TAGS,
    // `start`: a list the model numbers from 3 (after a code block between its steps) keeps its numbers.
    ALLOWED_ATTR: ['href', 'title', 'class', 'target', 'rel', 'type', 'checked', 'disabled', 'align', 'start'],
    ALLOWED_URI_REGEXP: SAFE_LINK,
  });
}
