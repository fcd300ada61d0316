import { useMemo } from 'preact/hooks';
import { renderMarkdown } from '../../utils/render/markdown';

/** An answer, as sanitized markdown: nothing the model writes can run or load anything. */
export function AnswerText({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class="answer" dangerouslySetInnerHTML={{ __html: html }} />;
}
