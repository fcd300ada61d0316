/**
 * The bound on each text a page gives about a picture. The page side cuts its context to it
 * (page/alt-text/page-context.ts) and the background cuts whatever arrives to it again
 * (page-strings.ts), since a page can send anything: one bound, written once, for both.
 */

/** Characters per context field. */
export const CONTEXT_FIELD_LIMIT = 200;

/** Whitespace collapsed and cut at a word boundary, with "…" where it was cut. */
export function boundedText(text: string | null | undefined, limit = CONTEXT_FIELD_LIMIT): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > limit / 2 ? cut.slice(0, space) : cut}…`;
}
