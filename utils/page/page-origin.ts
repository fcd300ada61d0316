/**
 * Page side: the web address a frame's content answers to. A frame the page wrote itself
 * (about:srcdoc, about:blank, a data: or sandboxed frame) has no web address of its own, yet its
 * content is the page's: it is judged by the origin it inherits, its parent's, up to the tab's page.
 */
const isWeb = (address: string) => /^https?:\/\//i.test(address);

/** This document's own http(s) address, else its inherited origin's; undefined when none is known. */
export function pageOriginOf(doc: Document): string | undefined {
  const own = doc.location.href;
  if (isWeb(own)) return own;
  // about:srcdoc and about:blank inherit their creator's origin, and say so in window.origin.
  const inherited = doc.defaultView?.origin;
  if (inherited && isWeb(inherited)) return `${inherited}/`;
  // data: and sandboxed frames have an opaque origin ("null"); Chromium still names the ancestors'
  // origins, nearest first. Firefox does not: undefined, and the background then trusts nothing.
  for (const origin of Array.from(doc.location.ancestorOrigins ?? [])) if (isWeb(origin)) return `${origin}/`;
  return undefined;
}
