import { useEffect, useRef, useState } from 'preact/hooks';
import type { AltTextTurn } from '../../utils/ask/conversation';
import { altLength } from '../../utils/alt-text/lint';
import type { AltKind } from '../../utils/shared/alt-text-types';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { LintNotes } from './LintNotes';

const KIND_WORDS = {
  functional: 'altKindFunctional',
  text: 'altKindText',
  informative: 'altKindInformative',
  complex: 'altKindComplex',
  decorative: 'altKindDecorative',
} as const satisfies Record<AltKind, string>;

/** Whether a focused alt-text field waits in the page, asked again when the popup regains focus. */
function useFocusedField(conversationId: string): { label: string } | null {
  const [field, setField] = useState<{ label: string } | null>(null);
  useEffect(() => {
    const look = () => {
      sendToBackground('focusedField', { conversationId }).then(setField, (error: unknown) => {
        console.info('Could not ask the page for a focused field.', error);
        setField(null);
      });
    };
    look();
    window.addEventListener('focus', look);
    return () => window.removeEventListener('focus', look);
  }, [conversationId]);
  return field;
}

/**
 * An alt-text answer: the suggestion (editable), what the lint changed, the long description of a
 * complex picture, and what to do with it: copy, apply to the page (and undo), or fill the field
 * the user has focused in the page. A decorative suggestion is applied only when the user confirms.
 */
export function AltTextCard({ conversationId, turnId, altText, canApply }: { conversationId: string; turnId: string; altText: AltTextTurn; canApply: boolean }) {
  const { result, applied, limit } = altText;
  const [text, setText] = useState(result?.lint.text ?? '');
  const [status, setStatus] = useState('');
  const field = useFocusedField(conversationId);
  const undoButton = useRef<HTMLButtonElement>(null);
  // Apply replaces itself with Undo: keyboard users keep their place on the new button.
  const [moveFocus, setMoveFocus] = useState(false);
  useEffect(() => setText(result?.lint.text ?? ''), [result]);
  useEffect(() => {
    if (moveFocus && applied) {
      undoButton.current?.focus();
      setMoveFocus(false);
    }
  }, [moveFocus, applied]);
  if (!result) return null;

  const report = (error: unknown) => setStatus(error instanceof Error ? error.message : String(error));
  const copy = (value: string) => navigator.clipboard.writeText(value).then(() => setStatus(t('copied')), report);
  const apply = (value: string) => {
    setStatus('');
    sendToBackground('applyAlt', { conversationId, turnId, text: value }).then(() => {
      setStatus(value ? t('altApplied') : t('altMarkedDecorative'));
      setMoveFocus(true);
    }, report);
  };
  const undo = () => sendToBackground('undoAlt', { conversationId, turnId }).then(() => setStatus(t('altUndone')), report);
  const fill = () => sendToBackground('fillField', { conversationId, turnId, text }).then(({ label }) => setStatus(t('altFilled', label)), report);
  const id = `alt-${turnId}`;
  const length = altLength(text);

  return (
    <section class="alt-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('altTextTitle')} <span class="generated">{t('altGenerated')}</span>
      </h3>
      <p class="muted">{t('altKindIs', t(KIND_WORDS[result.kind]))}</p>
      {altText.reason ? <p class="muted">{altText.reason}</p> : null}
      {result.decorative ? (
        <>
          <p>{t('altDecorativeSuggested')}</p>
          {result.reason ? <p class="muted">{t('altWhy', result.reason)}</p> : null}
          {canApply && !applied ? <button type="button" onClick={() => apply('')}>{t('altMarkDecorative')}</button> : null}
        </>
      ) : (
        <>
          <label for={id}>{t('altTextLabel')}</label>
          <textarea id={id} rows={3} value={text} aria-describedby={`${id}-count ${id}-lint`} onInput={(e) => setText(e.currentTarget.value)} />
          <p id={`${id}-count`} class={length > limit ? 'warning' : 'muted'}>{t('altCount', length, limit)}</p>
          <LintNotes lint={result.lint} id={`${id}-lint`} />
          {result.shorterLint && text !== result.shorterLint.text ? (
            <p>
              <button type="button" onClick={() => setText(result.shorterLint!.text)}>{plural('altUseShorter', altLength(result.shorterLint.text))}</button>
            </p>
          ) : null}
        </>
      )}
      {result.longDescription ? (
        <details class="long-description">
          <summary>{t('altLongDescription')}</summary>
          <p>{result.longDescription}</p>
          <button type="button" onClick={() => void copy(result.longDescription)}>{t('altCopyLong')}</button>
        </details>
      ) : null}
      <div class="turn-actions">
        {!result.decorative ? <button type="button" onClick={() => void copy(text)}>{t('altCopy')}</button> : null}
        {canApply && !result.decorative && !applied ? <button type="button" class="primary" onClick={() => apply(text)}>{t('altApply')}</button> : null}
        {applied && applied.how !== 'field' ? <button type="button" ref={undoButton} onClick={() => void undo()}>{t('altUndo')}</button> : null}
        {field && !result.decorative ? <button type="button" onClick={() => void fill()}>{t('altFill', field.label)}</button> : null}
      </div>
      {applied ? <p class="muted">{applied.how === 'field' ? t('altFilledNote', applied.text) : t('altAppliedNote', applied.text || 'alt=""')}</p> : null}
      <p role="status" class="muted">{status}</p>
    </section>
  );
}
