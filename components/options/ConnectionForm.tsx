import { useState } from 'preact/hooks';
import { hostOfOrigin, keyFits } from '../../utils/api-key-origin';
import { DEFAULT_PRICES } from '../../utils/cost/prices';
import { sendToBackground } from '../../utils/messages';
import { ANSWER_LANGUAGES, nativeLanguageName } from '../../utils/ask/answer-language';
import { parseCustomActions } from '../../utils/ask/quick-actions';
import { settingsProblem, type ApiKind, type Detail, type SendImagesAs, type Settings } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';
import { t } from '../../utils/i18n';
import { Field } from './Field';
import { StatusLine, type Status } from './StatusLine';

const DETAIL_LABELS = { auto: 'optDetailAuto', low: 'optDetailLow', high: 'optDetailHigh' } as const satisfies Record<Detail, string>;
// Product names, the same in every language.
const API_LABELS: Record<ApiKind, string> = { chat: 'Chat Completions', responses: 'Responses' };
const SEND_LABELS = { auto: 'optSendAuto', bytes: 'optSendBytes', url: 'optSendUrl' } as const satisfies Record<SendImagesAs, string>;

/** Money as typed: empty means no limit. */
function parseBudget(text: string): number | null {
  return text.trim() === '' ? null : Number(text.replace(',', '.'));
}

/**
 * The server, model and question settings, the budgets, and the API key. `keyOrigin` is the origin
 * of the server the saved key belongs to ('' when there is none): typing another base URL says at
 * once that the key will not go there until it is typed again.
 */
export function ConnectionForm({ initial, keyOrigin, onSaved }: { initial: Settings; keyOrigin: string; onSaved(): void }) {
  const [settings, setSettings] = useState(initial);
  const [daily, setDaily] = useState(initial.dailyBudget?.toString() ?? '');
  const [monthly, setMonthly] = useState(initial.monthlyBudget?.toString() ?? '');
  const [apiKey, setApiKey] = useState('');
  const [altLimit, setAltLimit] = useState(String(initial.altTextLimit));
  const [actions, setActions] = useState(initial.customActions.map((a) => `${a.label}: ${a.prompt}`).join('\n'));
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings({ ...settings, [key]: value });
  const keyFitsHere = keyFits(keyOrigin, settings.baseUrl);
  const keyHint = !keyOrigin ? t('optApiKeyHint') : keyFitsHere ? t('optApiKeySaved') : t('optKeyOtherServer', hostOfOrigin(keyOrigin));

  const save = async (event: Event) => {
    event.preventDefault();
    const cleaned: Settings = {
      ...settings,
      baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''),
      model: settings.model.trim(),
      dailyBudget: parseBudget(daily),
      monthlyBudget: parseBudget(monthly),
      customActions: parseCustomActions(actions),
      altTextLimit: Number(altLimit.trim()),
    };
    const problem = settingsProblem(cleaned);
    if (problem) {
      setStatus({ kind: 'error', text: problem });
      return;
    }
    try {
      await settingsItem.setValue(cleaned);
      if (apiKey.trim()) {
        await sendToBackground('saveApiKey', { apiKey });
        setApiKey('');
      }
      onSaved();
      setSettings(cleaned);
      setStatus({ kind: 'saved', text: t('optSaved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optCouldNotSave', error instanceof Error ? error.message : String(error)) });
    }
  };

  return (
    <form onSubmit={save}>
      <Field id="api-key" label={t('optApiKey')} hint={keyHint}>
        <input id="api-key" aria-describedby="api-key-hint" type="password" autocomplete="off" value={apiKey} placeholder={keyFitsHere ? t('optKeySavedPlaceholder') : 'sk-…'} onInput={(e) => setApiKey(e.currentTarget.value)} />
      </Field>
      <Field id="base-url" label={t('optBaseUrl')} hint={t('optBaseUrlHint')}>
        <input id="base-url" aria-describedby="base-url-hint" type="url" value={settings.baseUrl} onInput={(e) => change('baseUrl', e.currentTarget.value)} />
      </Field>
      <Field id="model" label={t('optModel')}>
        <input id="model" type="text" list="known-models" value={settings.model} onInput={(e) => change('model', e.currentTarget.value)} />
        <datalist id="known-models">
          {Object.keys(DEFAULT_PRICES).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field id="detail" label={t('optDetail')}>
        <select id="detail" value={settings.detail} onChange={(e) => change('detail', e.currentTarget.value as Detail)}>
          {Object.entries(DETAIL_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{t(label)}</option>
          ))}
        </select>
      </Field>
      <Field id="api" label={t('optApi')}>
        <select id="api" value={settings.api} onChange={(e) => change('api', e.currentTarget.value as ApiKind)}>
          {Object.entries(API_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="send-images-as" label={t('optSendAs')} hint={t('optSendAsHint')}>
        <select id="send-images-as" aria-describedby="send-images-as-hint" value={settings.sendImagesAs} onChange={(e) => change('sendImagesAs', e.currentTarget.value as SendImagesAs)}>
          {Object.entries(SEND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{t(label)}</option>
          ))}
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
        <textarea id="custom-actions" aria-describedby="custom-actions-hint" rows={3} value={actions} placeholder="Colours: Which colours are in this picture?" onInput={(e) => setActions(e.currentTarget.value)} />
      </Field>
      <fieldset>
        <legend>{t('optAltText')}</legend>
        <Field id="alt-limit" label={t('optAltLimit')} hint={t('optAltLimitHint')}>
          <input id="alt-limit" aria-describedby="alt-limit-hint" type="text" inputMode="numeric" value={altLimit} onInput={(e) => setAltLimit(e.currentTarget.value)} />
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
            {Object.entries(DETAIL_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{t(label)}</option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('optSpending')}</legend>
        <Field id="daily-budget" label={t('optDaily')} hint={t('optDailyHint')}>
          <input id="daily-budget" aria-describedby="daily-budget-hint" type="text" inputMode="decimal" value={daily} onInput={(e) => setDaily(e.currentTarget.value)} />
        </Field>
        <Field id="monthly-budget" label={t('optMonthly')}>
          <input id="monthly-budget" type="text" inputMode="decimal" value={monthly} onInput={(e) => setMonthly(e.currentTarget.value)} />
        </Field>
        <div class="field checkbox">
          <input id="spend-badge" type="checkbox" checked={settings.spendBadge} onChange={(e) => change('spendBadge', e.currentTarget.checked)} />
          <label for="spend-badge">{t('optSpendBadge')}</label>
        </div>
      </fieldset>
      <button type="submit" class="primary">{t('optSave')}</button>
      <StatusLine status={status} />
    </form>
  );
}
