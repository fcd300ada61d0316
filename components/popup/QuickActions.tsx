import type { ComponentChildren } from 'preact';
import type { CustomAction } from '../../utils/ask/quick-actions';
import { BUILT_IN_ACTIONS } from '../../utils/ask/quick-actions';
import { t } from '../../utils/shared/i18n';

/**
 * One-click questions above the question box: the built-in ones, then the user's own, on one row
 * that scrolls sideways rather than taking lines from the answer.
 */
export function QuickActions({
  custom,
  disabled,
  onAsk,
  onAltText,
  children,
}: {
  custom: readonly CustomAction[];
  disabled: boolean;
  onAsk(question: string): void;
  /** Alt text is its own kind of request (context, structured answer, lint), not a question. */
  onAltText?: () => void;
  /** First in the row: "Look closer", asking the last question again at high detail. */
  children?: ComponentChildren;
}) {
  return (
    // The row scrolls sideways: while its buttons are disabled (an answer is being written) nothing in
    // it takes the focus, so the row itself does, and the keyboard can still scroll it.
    <div class="quick-actions" role="group" aria-label={t('quickActions')} tabIndex={disabled ? 0 : undefined}>
      {children}
      {onAltText ? (
        <button type="button" disabled={disabled} onClick={onAltText}>
          {t('generateAltText')}
        </button>
      ) : null}
      {BUILT_IN_ACTIONS.map((action) => (
        <button key={action.id} type="button" disabled={disabled} onClick={() => onAsk(action.prompt())}>
          {t(action.label)}
        </button>
      ))}
      {custom.map((action) => (
        <button key={action.label} type="button" disabled={disabled} onClick={() => onAsk(action.prompt)}>
          {action.label}
        </button>
      ))}
    </div>
  );
}
