import { useEffect, useRef, useState } from 'preact/hooks';
import { useRendering } from './useRendering';

/** The complete sentences of `text` from `from` on, and where the next unfinished one starts. */
export function completeSentences(text: string, from: number): { sentences: string; next: number } {
  const rest = text.slice(from);
  // Latin full stops end a sentence only before a space (not in "2.5"); CJK ones need no space.
  const match = /^[\s\S]*(?:[.!?](?:\s|$)|[。！？])/.exec(rest);
  if (!match) return { sentences: '', next: from };
  return { sentences: match[0].trim(), next: from + match[0].length };
}

/**
 * Screen readers hear a streaming answer a sentence at a time, politely, rather than a word per
 * token (the visible log itself is not live), as words without markdown's marks. When the answer
 * ends, the last words are read too.
 */
export function SentenceAnnouncer({ turnId, text, streaming }: { turnId: string; text: string; streaming: boolean }) {
  const spoken = useRef({ turnId, upTo: 0 });
  const [announcement, setAnnouncement] = useState('');
  const rendering = useRendering();
  useEffect(() => {
    if (spoken.current.turnId !== turnId) spoken.current = { turnId, upTo: streaming ? 0 : text.length };
    // What is not read yet waits for the reader of markdown, a moment after the popup opens.
    if (!rendering) return;
    const { sentences, next } = streaming
      ? completeSentences(text, spoken.current.upTo)
      : { sentences: text.slice(spoken.current.upTo).trim(), next: text.length };
    if (sentences) {
      spoken.current.upTo = next;
      // The words, not the markdown marks around them.
      setAnnouncement(rendering.plainText(sentences));
    }
  }, [turnId, text, streaming, rendering]);
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
