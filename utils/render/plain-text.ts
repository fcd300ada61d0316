/**
 * What a screen reader should hear of a markdown answer: the words, without the marks. Read raw,
 * "**rolling green hills**" is spoken as "star star rolling green hills star star", and a list
 * item as "dash Soft textures".
 */
import { Lexer, type Token } from 'marked';

function inline(tokens: readonly Token[]): string {
  return tokens.map(spoken).join('');
}

function spoken(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
      return '\n';
    case 'br':
      return '\n';
    case 'html':
    case 'tag':
      // Raw HTML is shown as text in the answer, so it is read as text too.
      return token.raw;
    case 'image':
      return token.text ? `[${token.text}]` : '';
    case 'list':
      return (token as Token & { items: { tokens: Token[] }[] }).items.map((item) => inline(item.tokens).trim()).join('\n') + '\n';
    case 'table': {
      const table = token as Token & { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
      const line = (cells: { tokens: Token[] }[]) => cells.map((cell) => inline(cell.tokens)).join(', ');
      return [line(table.header), ...table.rows.map(line)].join('\n') + '\n';
    }
    case 'code':
      return `${(token as Token & { text: string }).text}\n`;
    default:
      break;
  }
  if ('tokens' in token && token.tokens) {
    const words = inline(token.tokens);
    return token.type === 'paragraph' || token.type === 'heading' || token.type === 'blockquote' ? `${words}\n` : words;
  }
  return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
}

/** `markdown` as the text it shows: marks dropped, one line per paragraph and per list item. */
export function plainText(markdown: string): string {
  const words = inline(Lexer.lex(markdown, { gfm: true, breaks: true }));
  // A sentence may end inside a span the model had not closed yet ("**One. Two**"): its stray
  // opening marks are not words either.
  return words.replace(/(\*\*|__|~~)/g, '').replace(/\n{2,}/g, '\n').trim();
}
