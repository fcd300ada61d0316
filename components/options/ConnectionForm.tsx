import { useEffect, useRef, useState } from 'preact/hooks';
import { errorWords } from '../../utils/error-words';
import { sendToBackground } from '../../utils/shared/messages';
import { browser } from 'wxt/browser';
import { ANSWER_LANGUAGES, answerLanguageOf, nativeLanguageName } from '../../utils/ask/answer-language';
import { parseCustomActions } from '../../utils/ask/quick-actions';
import { saveOptions } from '../../utils/profiles/profile-store';
import { presetOf } from '../../utils/profiles/presets';
import { globalsOf, settingsProblem, type AnswerSurface, type Detail, type GlobalSettings, type Profile } from '../../utils/settings';
import { t } from '../../utils/shared/i18n';
import { ConnectionResult, type TestState } from './ConnectionResult';
import { Field } from './Field';
import { ProfileFields } from './ProfileFields';
import { StatusLine, type Status } from './StatusLine';

const DETAIL_LABELS = { auto: 'optDetailAuto', low: 'optDetailLow', high: 'optDetailHigh' } as const satisfies Record<Detail, string>;
const SURFACE_LABELS = { popup: 'optShowAnswersInPopup', sidepanel: 'optShowAnswersInSidePanel' } as const satisfies Record<AnswerSurface, string>;

/** Money as typed: empty means no limit. */
function parseBudget(text: string): number | null {
  return text.trim() === '' ? null : Number(text.replace(',', '.'));
}

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
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [models, setModels] = useState<readonly string[] | null>(null);
  // Only the latest test's outcome is shown: one started earlier may answer after it.
  const latestTest = useRef(0);
  useEffect(() => () => void (latestTest.current += 1), []);

  const onDevice = presetOf(profile.preset).onDevice;
  const change = <K extends keyof GlobalSettings>(key: K, value: GlobalSettings[K]) => setSettings({ ...settings, [key]: value });

  /**
   * Lists the models of the server the form names, in the background (the saved key never comes to
   * this page). `key`: the key as typed; empty for the one saved for that server, if any.
   */
  const runTest = async (target: Profile, key: string) => {
    const mine = (latestTest.current += 1);
    setTest({ kind: 'testing' });
    let result: TestState;
    try {
      result = await sendToBackground('testConnection', { profileId: target.id, preset: target.preset, baseUrl: target.baseUrl, apiKey: key });
    } catch (error) {
      result = { kind: 'failed', sentence: errorWords(error) };
    }
    if (mine !== latestTest.current) return;
    setTest(result);
    if (result.kind === 'listed') setModels(result.models);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const cleanedProfile: Profile = {
      ...profile,
      name: profile.name.trim(),
      baseUrl: profile.baseUrl.trim().replace(/\/+$/, ''),
      model: profile.model.trim(),
    };
    const cleaned: GlobalSettings = {
      ...settings,
      dailyBudget: parseBudget(daily),
      monthlyBudget: parseBudget(monthly),
      customActions: parseCustomActions(actions),
      altTextLimit: Number(altLimit.trim()),
    };
    const problem = (cleanedProfile.name ? null : t('setNoProfileName')) ?? settingsProblem({ ...cleaned, profile: cleanedProfile });
    if (problem) {
      setStatus({ kind: 'error', text: problem });
      return;
    }
    try {
      // The profile first: the background binds a key to the base URL the profile has in storage.
      await saveOptions(cleanedProfile, cleaned);
      if (apiKey.trim()) {
        await sendToBackground('saveApiKey', { profileId: cleanedProfile.id, apiKey });
        setApiKey('');
      }
      onSaved();
      setProfile(cleanedProfile);
      setSettings(cleaned);
      setStatus({ kind: 'saved', text: t('optSaved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('optCouldNotSave', error instanceof Error ? error.message : String(error)) });
      return;
    }
    // Saved whatever the server says: the test only tells what to fix. The key just saved is the
    // one that fits, so none is passed.
    if (!onDevice) await runTest(cleanedProfile, '');
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
      <Field id="detail" label={t('optDetail')}>
        <select id="detail" value={settings.detail} onChange={(e) => change('detail', e.currentTarget.value as Detail)}>
          {Object.entries(DETAIL_LABELS).map(([value, label]) => (
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
      <Field id="show-answers-in" label={t('optShowAnswersIn')} hint={t('optShowAnswersInHint')}>
        <select id="show-answers-in" aria-describedby="show-answers-in-hint" value={settings.showAnswersIn} onChange={(e) => change('showAnswersIn', e.currentTarget.value as AnswerSurface)}>
          {Object.entries(SURFACE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{t(label)}</option>
          ))}
        </select>
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
