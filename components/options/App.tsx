import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/i18n';
import { sendToBackground } from '../../utils/messages';
import { withDefaults, type Settings } from '../../utils/settings';
import { EMPTY_LEDGER, withUnsaved } from '../../utils/cost/ledger';
import { ledgerItem, priceOverridesItem, settingsItem, unsavedSpendItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { ConnectionForm } from './ConnectionForm';
import { PriceTable } from './PriceTable';
import { SpendRecord } from './SpendRecord';
import './options.css';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  // The origin of the server the saved key belongs to; '' when no key is saved.
  const [keyOrigin, setKeyOrigin] = useState('');
  const [problem, setProblem] = useState('');
  const overrides = useStorageValue(priceOverridesItem);
  const ledger = withUnsaved(useStorageValue(ledgerItem) ?? EMPTY_LEDGER, useStorageValue(unsavedSpendItem) ?? []);

  const readKeyStatus = () =>
    sendToBackground('keyStatus', undefined).then(
      (s) => setKeyOrigin(s.hasKey ? s.origin : ''),
      (error: unknown) => setProblem(`Could not tell whether a key is saved: ${String(error)}`),
    );

  useEffect(() => {
    settingsItem.getValue().then(
      (stored) => setSettings(withDefaults(stored)),
      (error: unknown) => setProblem(`Could not read the saved options: ${String(error)}`),
    );
    void readKeyStatus();
  }, []);

  if (problem) return <main class="options"><p role="alert" class="error">{problem}</p></main>;
  if (!settings || overrides === undefined) return <main class="options" aria-busy="true" />;

  return (
    <main class="options">
      <h1>{t('optTitle')}</h1>
      <ConnectionForm initial={settings} keyOrigin={keyOrigin} onSaved={() => void readKeyStatus()} />
      <h2>{t('optPrices')}</h2>
      <p class="muted">{t('optPricesIntro')}</p>
      <PriceTable overrides={overrides} />
      <h2>{t('optSpendRecord')}</h2>
      <SpendRecord ledger={ledger} />
    </main>
  );
}
