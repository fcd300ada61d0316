/**
 * Page side: an alt that repeats, word for word, the text already beside the picture in the same
 * link, button, paragraph, list item or table cell (axe-core's image-redundant-alt). A screen
 * reader then says it twice; alt="" says it once. The guide's rule 2 and 6 (alt-text.md).
 */

/** Where axe-core looks for the text an alt may repeat (its duplicate-img-label check). */
const HOLDERS = 'button, [role="button"], a[href], p, li, td, th';

/** The holder's text when the picture's name repeats it (case and spacing aside); undefined otherwise. */
export function repeatedTextOf(picture: Element, name: string): string | undefined {
  const holder = picture.parentElement?.closest(HOLDERS);
  if (!holder || !name) return undefined;
  // The text nodes only: the picture's own alt is not text of the holder.
  const text = (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text && text.toLowerCase() === name.replace(/\s+/g, ' ').trim().toLowerCase() ? text : undefined;
}
