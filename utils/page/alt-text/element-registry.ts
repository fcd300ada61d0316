/**
 * Page side: handles for elements, so the background can name a picture it was told about and ask
 * the page to read it or write to it later. Held weakly (the page may drop the element), and
 * prefixed per document, so a handle from a page that has since been reloaded matches nothing.
 */
export interface ElementRegistry {
  idOf(element: Element): string;
  /** The element, while it is still in the document; undefined once it is gone. */
  byId(id: string): Element | undefined;
}

export function createElementRegistry(): ElementRegistry {
  // getRandomValues, not randomUUID: this runs in pages, and plain-http pages are not secure
  // contexts, where randomUUID is missing and calling it would stop the content script at load.
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const ids = new WeakMap<Element, string>();
  const elements = new Map<string, WeakRef<Element>>();
  let next = 0;
  return {
    idOf(element) {
      let id = ids.get(element);
      if (!id) {
        next += 1;
        id = `${prefix}-${next}`;
        ids.set(element, id);
        elements.set(id, new WeakRef(element));
      }
      return id;
    },
    byId(id) {
      const element = elements.get(id)?.deref();
      if (!element?.isConnected) return undefined;
      return element;
    },
  };
}
