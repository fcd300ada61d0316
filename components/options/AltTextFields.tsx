import { ANSWER_LANGUAGES, nativeLanguageName } from '../../utils/ask/answer-language';
import { t } from '../../utils/shared/i18n';
import type { Detail, GlobalSettings } from '../../utils/settings';
import { DETAIL_LABELS } from './choice-labels';
import { Field } from './Field';
import { ChoiceOptions } from './ChoiceOptions';

type Change = <K extends keyof GlobalSettings>(key: K, value: GlobalSettings[K]) => void;

/** The alt text's own settings: its length limit (as typed), its language and its detail. */
export function AltTextFields({ settings, change, altLimit, onAltLimit }: { settings: GlobalSettings; change: Change; altLimit: string; onAltLimit(text: string): void }) {
  return (
    <fieldset>
      <legend>{t('optAltText')}</legend>
      <Field id="alt-limit" label={t('optAltLimit')} hint={t('optAltLimitHint')}>
        <input id="alt-limit" aria-describedby="alt-limit-hint" type="text" inputMode="numeric" value={altLimit} onInput={(e) => onAltLimit(e.currentTarget.value)} />
      </Field>
      <Field id="alt-language" label={t('optAltLanguage')}>
        <select id="alt-language" value={settings.altTextLanguage} onChange={(e) => change('altTextLanguage', e.currentTarget.value)}>
          <option value="">{t('optAltLanguagePage')}</option>
          {ANSWER_LANGUAGES.map((code) => (
            <option key={code} value={code}>{nativeLanguageName(code)}</option>
          ))}
        </select>
      </Field>
      <Field id="alt-detail" label={t('optAltDetail')} hint={t('optAltDetailHint')}>
        <select id="alt-detail" aria-describedby="alt-detail-hint" value={settings.altTextDetail} onChange={(e) => change('altTextDetail', e.currentTarget.value as Detail)}>
          <ChoiceOptions labels={DETAIL_LABELS} />
        </select>
      </Field>
    </fieldset>
  );
}
