import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { answerLanguageOf } from '../../utils/ask/answer-language';
import { presetOf } from '../../utils/profiles/presets';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { overridesFor } from '../../utils/profiles/profile-prices';
import { profileById, withDefaults } from '../../utils/settings';
import { EMPTY_LEDGER, withUnsaved } from '../../utils/cost/ledger';
import { ledgerItem, priceOverridesItem, settingsItem, unsavedSpendItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { ConnectionForm } from './ConnectionForm';
import { DescribeAsBrowseSection } from './DescribeAsBrowseSection';
import { OnDeviceOffer } from './OnDeviceOffer';
import { PriceTable } from './PriceTable';
import { ProfileList } from './ProfileList';
import { SpendRecord } from './SpendRecord';
import './options.css';

export function App() {
  // Live: a profile chosen in the popup, or added or deleted here, shows at once.
  const stored = useStorageValue(settingsItem);
  // The origin of the server the active profile's saved key belongs to; '' when it has none.
  const [key, setKey] = useState<{ profileId: string; origin: string } | null>(null);
  const [problem, setProblem] = useState('');
  // A profile just added: its name field takes the focus when its form appears.
  const [added, setAdded] = useState<string | null>(null);
  const overrides = useStorageValue(priceOverridesItem);
  const ledger = withUnsaved(useStorageValue(ledgerItem) ?? EMPTY_LEDGER, useStorageValue(unsavedSpendItem) ?? []);
  const settings = stored === undefined ? undefined : withDefaults(stored);
  const active = settings && profileById(settings, settings.activeProfileId);

  const readKeyStatus = (profileId: string) =>
    sendToBackground('keyStatus', { profileId }).then(
      (s) => setKey({ profileId, origin: s.hasKey ? s.origin : '' }),
      (error: unknown) => setProblem(`Could not tell whether a key is saved: ${String(error)}`),
    );

  useEffect(() => {
    if (active) void readKeyStatus(active.id);
  }, [active?.id]);

  if (problem) return <main class="options"><p role="alert" class="error">{problem}</p></main>;
  if (!settings || !active || overrides === undefined) return <main class="options" aria-busy="true" />;

  // Someone who has not given the active profile its key yet may not need one at all.
  const keyless = key?.profileId === active.id && key.origin === '' && presetOf(active.preset).needsKey;
  return (
    <main class="options">
      <h1>{t('optTitle')}</h1>
      {keyless ? <OnDeviceOffer language={answerLanguageOf(settings.answerLanguage, browser.i18n.getUILanguage())} onChosen={setAdded} /> : null}
      {/* The active profile's form comes first; another profile is edited by making it active. */}
      <ConnectionForm
        key={active.id}
        initial={settings}
        profile={active}
        keyOrigin={key?.profileId === active.id ? key.origin : ''}
        focusName={added === active.id}
        onSaved={() => void readKeyStatus(active.id)}
      />
      <h2>{t('optProfiles')}</h2>
      <p class="muted">{t('optProfilesIntro')}</p>
      <ProfileList settings={settings} onAdded={setAdded} />
      <h2>{t('optPricesFor', active.name)}</h2>
      <p class="muted">{t('optPricesIntro')}</p>
      <PriceTable key={active.id} profileId={active.id} overrides={overridesFor(overrides, active.id)} />
      <h2>{t('optSpendRecord')}</h2>
      <SpendRecord ledger={ledger} />
      <DescribeAsBrowseSection />
    </main>
  );
}
