import { useState } from 'preact/hooks';
import { sendToBackground } from '../../utils/shared/messages';
import { browser } from 'wxt/browser';
import { answerLanguageOf } from '../../utils/ask/answer-language';
import { saveOptions } from '../../utils/profiles/profile-store';
import { presetOf } from '../../utils/profiles/presets';
import { globalsOf, settingsProblem, type GlobalSettings, type Profile } from '../../utils/settings';
import { t } from '../../utils/shared/i18n';
import { AltTextFields } from './AltTextFields';
import { AnswerFields } from './AnswerFields';
import { cleanedForm } from './cleaned-form';
import { ConnectionResult } from './ConnectionResult';
import { ProfileFields } from './ProfileFields';
import { SpendingFields } from './SpendingFields';
import { StatusLine, type Status } from './StatusLine';
import { useConnectionTest } from './useConnectionTest';

/**
 * The options form: the active profile first (its server, key and model), then the settings every
 * profile shares (detail, question, language, alt text, budgets), saved together by one "Save".
 * It is mounted afresh for each active profile (App.tsx keys it by the profile's id).
 */
export function ConnectionForm(props: { initial: GlobalSettings; profile: Profile; keyOrigin: string; focusName: boolean; onSaved(): void }) {
  const { initial, keyOrigin, focusName, onSaved } = props;
  const [profile, setProfile] = useState(props.profile);
  const [settings, setSettings] = useState(() => globalsOf(initial));
  const [daily, setDaily] = useState(initial.dailyBudget?.toString() ?? '');
  const [monthly, setMonthly] = useState(initial.monthlyBudget?.toString() ?? '');
  const [apiKey, setApiKey] = useState('');
  const [altLimit, setAltLimit] = useState(String(initial.altTextLimit));
  const [actions, setActions] = useState(initial.customActions.map((a) => `${a.label}: ${a.prompt}`).join('\n'));
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  const { test, models, runTest } = useConnectionTest();

  const onDevice = presetOf(profile.preset).onDevice;
  const change = <K extends keyof GlobalSettings>(key: K, value: GlobalSettings[K]) => setSettings({ ...settings, [key]: value });

  const save = async (event: Event) => {
    event.preventDefault();
    const cleaned = cleanedForm(profile, settings, { daily, monthly, altLimit, actions });
    const problem = (cleaned.profile.name ? null : t('setNoProfileName')) ?? settingsProblem({ ...cleaned.settings, profile: cleaned.profile });
    if (problem) {
      setStatus({ kind: 'error', text: problem });
      return;
    }
    try {
      // The profile first: the background binds a key to the base URL the profile has in storage.
      await saveOptions(cleaned.profile, cleaned.settings);
      if (apiKey.trim()) {
        await sendToBackground('saveApiKey', { profileId: cleaned.profile.id, apiKey });
        setApiKey('');
      }
      onSaved();
      setProfile(cleaned.profile);
      setSettings(cleaned.settings);
      setStatus({ kind: 'saved', text: t('optSaved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optCouldNotSave', error instanceof Error ? error.message : String(error)) });
      return;
    }
    // Saved whatever the server says: the test only tells what to fix. The key just saved is the
    // one that fits, so none is passed.
    if (!onDevice) await runTest(cleaned.profile, '');
  };

  return (
    <form onSubmit={save}>
      <ProfileFields
        profile={profile}
        keyOrigin={keyOrigin}
        apiKey={apiKey}
        focusName={focusName}
        models={models}
        language={answerLanguageOf(settings.answerLanguage, browser.i18n.getUILanguage())}
        onProfile={setProfile}
        onApiKey={setApiKey}
      />
      <AnswerFields settings={settings} change={change} actions={actions} onActions={setActions} />
      <AltTextFields settings={settings} change={change} altLimit={altLimit} onAltLimit={setAltLimit} />
      <SpendingFields daily={daily} monthly={monthly} spendBadge={settings.spendBadge} onDaily={setDaily} onMonthly={setMonthly} onSpendBadge={(on) => change('spendBadge', on)} />
      <button type="submit" class="primary">{t('optSave')}</button>{' '}
      {/* Chrome's own model has no server to test: its form says whether it can run instead. */}
      {onDevice ? null : (
        <button type="button" disabled={test.kind === 'testing'} onClick={() => void runTest(profile, apiKey)}>{t('connTest')}</button>
      )}
      <StatusLine status={status} />
      <ConnectionResult state={test} />
    </form>
  );
}
