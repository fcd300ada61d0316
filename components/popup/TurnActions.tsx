import { useState } from 'preact/hooks';
import type { Turn } from '../../utils/ask/conversation';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';

/** Copy the answer, ask it again, or edit the question and send it again. */
export function TurnActions({ conversationId, turn, busy }: { conversationId: string; turn: Turn; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [question, setQuestion] = useState(turn.question);
  const [status, setStatus] = useState('');
  const report = (error: unknown) => setStatus(error instanceof Error ? error.message : String(error));

  const copy = () => {
    navigator.clipboard.writeText(turn.answer).then(() => setStatus(t('copied')), report);
  };
  const retry = () => {
    setStatus('');
    sendToBackground('retry', { conversationId, turnId: turn.id, reason: 'again' }).catch(report);
  };
  const resend = (event: Event) => {
    event.preventDefault();
    sendToBackground('edit', { conversationId, turnId: turn.id, question }).then(() => setEditing(false), report);
  };

  if (editing) {
    return (
      <form class="edit-question" onSubmit={resend}>
        <label for={`edit-${turn.id}`}>{t('editQuestionLabel')}</label>
        <input id={`edit-${turn.id}`} type="text" value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
        <button type="submit" class="primary">{t('resend')}</button>
        <button type="button" onClick={() => setEditing(false)}>{t('cancel')}</button>
        <p role="status" class="error">{status}</p>
      </form>
    );
  }
  return (
    <div class="turn-actions">
      {/* An alt-text answer is JSON: its card has its own Copy, and its question is not the user's to edit. */}
      {turn.answer && !turn.altText ? <button type="button" onClick={copy}>{t('copyAnswer')}</button> : null}
      <button type="button" onClick={retry} disabled={busy}>{t('retry')}</button>
      {!turn.altText ? <button type="button" onClick={() => setEditing(true)} disabled={busy}>{t('edit')}</button> : null}
      <span role="status" class="muted">{status}</span>
    </div>
  );
}
