import { useMemo } from 'preact/hooks';
import { useRendering } from './useRendering';

/**
 * An answer, as sanitized markdown: nothing the model writes can run or load anything. Until the
 * renderer has loaded (useRendering.ts), the words as text, which is just as inert.
 */
export function AnswerText({ text }: { text: string }) {
  const rendering = useRendering();
  const html = useMemo(() => rendering?.renderMarkdown(text), [rendering, text]);
  if (html === undefined) return <div key="text" class="answer answer-text">{text}</div>;
  return <div key="markdown" class="answer" dangerouslySetInnerHTML={{ __html: html }} />;
}
