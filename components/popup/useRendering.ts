/**
 * Markdown rendering (marked and DOMPurify, most of the popup's code by weight), loaded apart from
 * the code the popup needs to paint: the loading starts with the popup (main.tsx), and an answer
 * shows as plain text for the moment it takes, then as formatted markdown.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Rendering {
  renderMarkdown(markdown: string): string;
  plainText(markdown: string): string;
}

let loaded: Rendering | undefined;
let loading: Promise<Rendering> | undefined;

export function loadRendering(): Promise<Rendering> {
  loading ??= Promise.all([import('../../utils/render/markdown'), import('../../utils/render/plain-text')]).then(
    ([markdown, plain]) => (loaded = { renderMarkdown: markdown.renderMarkdown, plainText: plain.plainText }),
  );
  return loading;
}

/** The renderer once it has loaded; undefined until then. */
export function useRendering(): Rendering | undefined {
  const [rendering, setRendering] = useState(loaded);
  useEffect(() => {
    if (rendering) return undefined;
    let live = true;
    loadRendering().then(
      (ready) => {
        if (live) setRendering(ready);
      },
      (error: unknown) => console.error('Could not load the markdown renderer; answers stay plain text.', error),
    );
    return () => {
      live = false;
    };
  }, [rendering]);
  return rendering;
}
