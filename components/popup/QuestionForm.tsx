import { useState } from 'preact/hooks';
import { sendToBackground } from '../../utils/messages';

/** The follow-up box, with Ask, and Stop while an answer is coming. */
export function QuestionForm({ conversationId, streaming }: { conversationId: string; streaming: boolean }) {
  const [question, setQuestion] = useState('');
  const [problem, setProblem] = useState('');

  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  const ask = async (event: Event) => {
    event.preventDefault();
    if (!question.trim()) {
      setProblem('Type a question first.');
      return;
    }
    setProblem('');
    try {
      await sendToBackground('ask', { conversationId, question });
      setQuestion('');
    } catch (error) {
      report(error);
    }
  };

  const stop = () => {
    sendToBackground('stop', { conversationId }).catch(report);
  };

  return (
    <form class="question-form" onSubmit={ask}>
      <label for="question">Question</label>
      <div class="row">
        <input
          id="question"
          type="text"
          value={question}
          placeholder="Ask a follow-up about this picture"
          onInput={(e) => setQuestion(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={streaming}>
          Ask
        </button>
        {streaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : null}
      </div>
      <p role="status" class="error">
        {problem}
      </p>
    </form>
  );
}
