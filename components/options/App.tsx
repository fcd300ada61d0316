import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_PRICES } from '../../utils/cost/prices';
import { sendToBackground } from '../../utils/messages';
import { settingsProblem, withDefaults, type ApiKind, type Detail, type Settings } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';
import { Field } from './Field';
import './options.css';

const DETAIL_LABELS: Record<Detail, string> = {
  auto: 'Auto: the model chooses',
  low: 'Low: cheapest, a 512 px view',
  high: 'High: fine detail, costs more',
};
const API_LABELS: Record<ApiKind, string> = { chat: 'Chat Completions', responses: 'Responses' };

type Status = { kind: 'idle' | 'saved' | 'error'; text: string };

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [hasKey, setHasKey] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  useEffect(() => {
    settingsItem.getValue().then(
      (stored) => setSettings(withDefaults(stored)),
      (error: unknown) => setStatus({ kind: 'error', text: `Could not read the saved options: ${String(error)}` }),
    );
    sendToBackground('keyStatus', undefined).then(
      (s) => setHasKey(s.hasKey),
      (error: unknown) => setStatus({ kind: 'error', text: `Could not tell whether a key is saved: ${String(error)}` }),
    );
  }, []);

  if (!settings) return <main class="options" aria-busy="true" />;

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings({ ...settings, [key]: value });

  const save = async (event: Event) => {
    event.preventDefault();
    const cleaned = { ...settings, baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''), model: settings.model.trim() };
    const problem = settingsProblem(cleaned);
    if (problem) {
      setStatus({ kind: 'error', text: problem });
      return;
    }
    try {
      await settingsItem.setValue(cleaned);
      if (apiKey.trim()) {
        await sendToBackground('saveApiKey', { apiKey });
        setHasKey(true);
        setApiKey('');
      }
      setSettings(cleaned);
      setStatus({ kind: 'saved', text: 'Saved.' });
    } catch (error) {
      setStatus({ kind: 'error', text: `Could not save: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <main class="options">
      <h1>Ask about this image: options</h1>
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
        <Field id="default-question" label="Default question" hint="Asked when you choose “Ask about this image”.">
          <input id="default-question" aria-describedby="default-question-hint" type="text" value={settings.defaultQuestion} onInput={(e) => change('defaultQuestion', e.currentTarget.value)} />
        </Field>
        <button type="submit" class="primary">Save</button>
        <p role="status" class={status.kind === 'error' ? 'error' : 'muted'}>{status.text}</p>
      </form>
    </main>
  );
}
