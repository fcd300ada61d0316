import { useState } from 'preact/hooks';
import type { PictureRef } from '../../utils/ask/conversation';
import type { Price } from '../../utils/cost/prices';
import { sendToBackground } from '../../utils/messages';
import { DETAILS, type Detail } from '../../utils/settings';
import { CostEstimate } from './CostEstimate';

interface Props {
  conversationId: string;
  streaming: boolean;
  picture: PictureRef;
  model: string;
  /** The detail of the conversation's latest turn: where the choice starts, and what it is compared with. */
  currentDetail: Detail;
  price: Price | undefined;
}

/** The follow-up box, with its detail choice and cost estimate, Ask, and Stop while an answer is coming. */
export function QuestionForm({ conversationId, streaming, picture, model, currentDetail, price }: Props) {
  const [question, setQuestion] = useState('');
  const [detail, setDetail] = useState<Detail>(currentDetail);
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
      await sendToBackground('ask', { conversationId, question, detail });
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
          aria-describedby="estimate"
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
      <div class="row detail-row">
        <label for="follow-up-detail">Image detail</label>
        <select id="follow-up-detail" value={detail} onChange={(e) => setDetail(e.currentTarget.value as Detail)}>
          {DETAILS.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
      </div>
      <CostEstimate model={model} detail={detail} previousDetail={currentDetail} picture={picture} price={price} />
      <p role="status" class="error">
        {problem}
      </p>
    </form>
  );
}
