import { ANSWER_LANGUAGES, nativeLanguageName } from '../../utils/ask/answer-language';
import { t } from '../../utils/shared/i18n';
import type { AnswerSurface, Detail, GlobalSettings } from '../../utils/settings';
import { DETAIL_LABELS, SURFACE_LABELS } from './choice-labels';
import { Field } from './Field';
import { ChoiceOptions } from './ChoiceOptions';

type Change = <K extends keyof GlobalSettings>(key: K, value: GlobalSettings[K]) => void;

/** How answers are asked for and shown, the same for every profile: detail, question, language, quick actions, where. */
export function AnswerFields({ settings, change, actions, onActions }: { settings: GlobalSettings; change: Change; actions: string; onActions(text: string): void }) {
  return (
    <>
      <Field id="detail" label={t('optDetail')}>
        <select id="detail" value={settings.detail} onChange={(e) => change('detail', e.currentTarget.value as Detail)}>
          <ChoiceOptions labels={DETAIL_LABELS} />
        </select>
      </Field>
      <Field id="default-question" label={t('optDefaultQuestion')} hint={t('optDefaultQuestionHint')}>
        <input id="default-question" aria-describedby="default-question-hint" type="text" value={settings.defaultQuestion} onInput={(e) => change('defaultQuestion', e.currentTarget.value)} />
      </Field>
      <Field id="answer-language" label={t('optLanguage')}>
        <select id="answer-language" value={settings.answerLanguage} onChange={(e) => change('answerLanguage', e.currentTarget.value)}>
          <option value="">{t('optLanguageBrowser')}</option>
          {ANSWER_LANGUAGES.map((code) => (
            <option key={code} value={code}>{nativeLanguageName(code)}</option>
          ))}
        </select>
      </Field>
      <Field id="custom-actions" label={t('optActions')} hint={t('optActionsHint')}>
        <textarea id="custom-actions" aria-describedby="custom-actions-hint" rows={3} value={actions} placeholder="Colours: Which colours are in this picture?" onInput={(e) => onActions(e.currentTarget.value)} />
      </Field>
      <Field id="show-answers-in" label={t('optShowAnswersIn')} hint={t('optShowAnswersInHint')}>
        <select id="show-answers-in" aria-describedby="show-answers-in-hint" value={settings.showAnswersIn} onChange={(e) => change('showAnswersIn', e.currentTarget.value as AnswerSurface)}>
          <ChoiceOptions labels={SURFACE_LABELS} />
        </select>
      </Field>
    </>
  );
}
