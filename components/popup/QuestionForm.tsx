import { useState } from 'preact/hooks';
import type { PictureRef } from '../../utils/ask/conversation';
import type { CustomAction } from '../../utils/ask/quick-actions';
import type { Price } from '../../utils/cost/prices';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { DETAILS, type Detail } from '../../utils/settings';
import { picturesTokens } from '../../utils/cost/estimate-usage';
import { CostEstimate } from './CostEstimate';
import { LookCloser } from './LookCloser';
import { QuickActions } from './QuickActions';

interface Props {
  conversationId: string;
  streaming: boolean;
  pictures: PictureRef[];
  model: string;
  /** The detail of the conversation's latest turn: where the choice starts, and what it is compared with. */
  currentDetail: Detail;
  lastQuestion: string | undefined;
  price: Price | undefined;
  customActions: readonly CustomAction[];
  /** Offer "Generate alt text" (one picture, not a comparison). */
  offerAltText: boolean;
  /** The detail alt text is asked at, for its estimate. */
  altTextDetail: Detail;
  /** The latest turn asked for alt text: "Look closer" asks for alt text again, at high detail. */
  lastWasAltText: boolean;
}

/**
 * The follow-up box, compact so the answer keeps the height: one row of one-click questions, the
 * question with Ask (and Stop), and one line with the detail choice and what the question will cost.
 */
export function QuestionForm(props: Props) {
  const { conversationId, streaming, pictures, model, currentDetail, lastQuestion, price, customActions, offerAltText, altTextDetail, lastWasAltText } = props;
  const [question, setQuestion] = useState('');
  const [detail, setDetail] = useState<Detail>(currentDetail);
  const [problem, setProblem] = useState('');

  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));
  const send = async (text: string, withDetail: Detail) => {
    setProblem('');
    try {
      await sendToBackground('ask', { conversationId, question: text, detail: withDetail });
      setQuestion('');
    } catch (error) {
      report(error);
    }
  };
  const ask = (event: Event) => {
    event.preventDefault();
    if (!question.trim()) return setProblem(t('typeAQuestion'));
    void send(question, detail);
  };
  const altText = (withDetail?: Detail) => {
    setProblem('');
    sendToBackground('altText', { conversationId, ...(withDetail ? { detail: withDetail } : {}) }).catch(report);
  };
  const lookCloser = () => (lastWasAltText ? altText('high') : lastQuestion ? void send(lastQuestion, 'high') : undefined);
  const stop = () => {
    sendToBackground('stop', { conversationId }).catch(report);
  };

  return (
    <form class="question-form" onSubmit={ask}>
      <QuickActions
        custom={customActions}
        disabled={streaming}
        onAsk={(text) => void send(text, detail)}
        {...(offerAltText ? { onAltText: () => altText() } : {})}
      >
        {lastQuestion && currentDetail !== 'high' ? (
          <LookCloser pictures={pictures} model={model} from={currentDetail} price={price} disabled={streaming} onAsk={lookCloser} />
        ) : null}
      </QuickActions>
      <div class="row ask-row">
        {/* The placeholder says what the box is for; the label stays for screen readers and the contract. */}
        <label for="question" class="visually-hidden">{t('questionLabel')}</label>
        <input id="question" type="text" value={question} placeholder={t('questionPlaceholder')} aria-describedby="estimate" onInput={(e) => setQuestion(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={streaming}>{t('ask')}</button>
        {streaming ? <button type="button" onClick={stop}>{t('stop')}</button> : null}
      </div>
      {/* The detail and what it costs, on the question box's own line: known before sending. */}
      <div class="row detail-row">
        <label for="follow-up-detail">{t('imageDetail')}</label>
        <select id="follow-up-detail" value={detail} onChange={(e) => setDetail(e.currentTarget.value as Detail)}>
          {DETAILS.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
        <CostEstimate model={model} detail={detail} previousDetail={currentDetail} pictures={pictures} price={price} />
        {/* Only when it can be estimated (why it cannot is said once, by the follow-up's estimate) and
            differs from it: at the same detail the two figures would be the same words twice. */}
        {offerAltText && altTextDetail !== detail && picturesTokens(model, altTextDetail, pictures) !== null ? (
          <CostEstimate model={model} detail={altTextDetail} previousDetail={altTextDetail} pictures={pictures} price={price} id="alt-estimate" label={t('altEstimate', altTextDetail)} />
        ) : null}
      </div>
      <p role="status" class="error">{problem}</p>
    </form>
  );
}
