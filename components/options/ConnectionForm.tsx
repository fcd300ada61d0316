import { useState } from 'preact/hooks';
import { DEFAULT_PRICES } from '../../utils/cost/prices';
import { sendToBackground } from '../../utils/messages';
import { ANSWER_LANGUAGES, nativeLanguageName } from '../../utils/ask/answer-language';
import { parseCustomActions } from '../../utils/ask/quick-actions';
import { settingsProblem, type ApiKind, type Detail, type SendImagesAs, type Settings } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';
import { Field } from './Field';
import { StatusLine, type Status } from './StatusLine';

const DETAIL_LABELS: Record<Detail, string> = {
  auto: 'Auto: the model chooses',
  low: 'Low: cheapest, a 512 px view',
  high: 'High: fine detail, costs more',
};
const API_LABELS: Record<ApiKind, string> = { chat: 'Chat Completions', responses: 'Responses' };
const SEND_LABELS: Record<SendImagesAs, string> = {
  auto: 'Automatic: addresses the server can reach, the picture itself otherwise',
  bytes: 'Always the picture itself (for Ollama, LM Studio and private pictures)',
  url: 'Always the address',
};

/** Money as typed: empty means no limit. */
function parseBudget(text: string): number | null {
  return text.trim() === '' ? null : Number(text.replace(',', '.'));
}

/** The server, model and question settings, the budgets, and the API key. */
export function ConnectionForm({ initial, hasKey, onKeySaved }: { initial: Settings; hasKey: boolean; onKeySaved(): void }) {
  const [settings, setSettings] = useState(initial);
  const [daily, setDaily] = useState(initial.dailyBudget?.toString() ?? '');
  const [monthly, setMonthly] = useState(initial.monthlyBudget?.toString() ?? '');
  const [apiKey, setApiKey] = useState('');
  const [actions, setActions] = useState(initial.customActions.map((a) => `${a.label}: ${a.prompt}`).join('\n'));
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings({ ...settings, [key]: value });

  const save = async (event: Event) => {
    event.preventDefault();
    const cleaned: Settings = {
      ...settings,
      baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''),
      model: settings.model.trim(),
      dailyBudget: parseBudget(daily),
      monthlyBudget: parseBudget(monthly),
      customActions: parseCustomActions(actions),
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
        onKeySaved();
      }
      setSettings(cleaned);
      setStatus({ kind: 'saved', text: 'Saved.' });
    } catch (error) {
      setStatus({ kind: 'error', text: `Could not save: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <form onSubmit={save}>
      <Field id="api-key" label="API key" hint={hasKey ? 'A key is saved. Type a new one to replace it.' : 'Kept in this browser only, and sent only to the base URL below.'}>
        <input id="api-key" aria-describedby="api-key-hint" type="password" autocomplete="off" value={apiKey} placeholder={hasKey ? '•••••••• (saved)' : 'sk-…'} onInput={(e) => setApiKey(e.currentTarget.value)} />
      </Field>
      <Field id="base-url" label="Base URL" hint="OpenAI, or any compatible server: Azure, OpenRouter, Ollama, LM Studio, vLLM.">
        <input id="base-url" aria-describedby="base-url-hint" type="url" value={settings.baseUrl} onInput={(e) => change('baseUrl', e.currentTarget.value)} />
      </Field>
      <Field id="model" label="Model">
        <input id="model" type="text" list="known-models" value={settings.model} onInput={(e) => change('model', e.currentTarget.value)} />
        <datalist id="known-models">
          {Object.keys(DEFAULT_PRICES).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field id="detail" label="Image detail">
        <select id="detail" value={settings.detail} onChange={(e) => change('detail', e.currentTarget.value as Detail)}>
          {Object.entries(DETAIL_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="api" label="API">
        <select id="api" value={settings.api} onChange={(e) => change('api', e.currentTarget.value as ApiKind)}>
          {Object.entries(API_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="send-images-as" label="Send images as" hint="Local servers such as Ollama and LM Studio cannot download pictures: choose “the picture itself” for them.">
        <select id="send-images-as" aria-describedby="send-images-as-hint" value={settings.sendImagesAs} onChange={(e) => change('sendImagesAs', e.currentTarget.value as SendImagesAs)}>
          {Object.entries(SEND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="default-question" label="Default question" hint="Asked when you choose “Ask about this image”.">
        <input id="default-question" aria-describedby="default-question-hint" type="text" value={settings.defaultQuestion} onInput={(e) => change('defaultQuestion', e.currentTarget.value)} />
      </Field>
      <Field id="answer-language" label="Answer language">
        <select id="answer-language" value={settings.answerLanguage} onChange={(e) => change('answerLanguage', e.currentTarget.value)}>
          <option value="">Your browser's language</option>
          {ANSWER_LANGUAGES.map((code) => (
            <option key={code} value={code}>{nativeLanguageName(code)}</option>
          ))}
        </select>
      </Field>
      <Field id="custom-actions" label="Your own one-click questions" hint="One per line, as “Label: question”. They appear beside the question box.">
        <textarea id="custom-actions" aria-describedby="custom-actions-hint" rows={3} value={actions} placeholder="Colours: Which colours are in this picture?" onInput={(e) => setActions(e.currentTarget.value)} />
      </Field>
      <fieldset>
        <legend>Spending</legend>
        <Field id="daily-budget" label="Daily budget (USD)" hint="Empty for no limit. At 80 % the popup warns; at the limit, questions wait for “Ask anyway”.">
          <input id="daily-budget" aria-describedby="daily-budget-hint" type="text" inputMode="decimal" value={daily} onInput={(e) => setDaily(e.currentTarget.value)} />
        </Field>
        <Field id="monthly-budget" label="Monthly budget (USD)">
          <input id="monthly-budget" type="text" inputMode="decimal" value={monthly} onInput={(e) => setMonthly(e.currentTarget.value)} />
        </Field>
        <div class="field checkbox">
          <input id="spend-badge" type="checkbox" checked={settings.spendBadge} onChange={(e) => change('spendBadge', e.currentTarget.checked)} />
          <label for="spend-badge">Show today's spend on the toolbar icon</label>
        </div>
      </fieldset>
      <button type="submit" class="primary">Save</button>
      <StatusLine status={status} />
    </form>
  );
}
