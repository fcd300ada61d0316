import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/i18n';
import { sendToBackground } from '../../utils/messages';
import { withDefaults, type Settings } from '../../utils/settings';
import { ledgerItem, priceOverridesItem, settingsItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { ConnectionForm } from './ConnectionForm';
import { PriceTable } from './PriceTable';
import { SpendRecord } from './SpendRecord';
import './options.css';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [hasKey, setHasKey] = useState(false);
  const [problem, setProblem] = useState('');
  const overrides = useStorageValue(priceOverridesItem);
  const ledger = useStorageValue(ledgerItem) ?? [];

  useEffect(() => {
    settingsItem.getValue().then(
      (stored) => setSettings(withDefaults(stored)),
      (error: unknown) => setProblem(`Could not read the saved options: ${String(error)}`),
    );
    sendToBackground('keyStatus', undefined).then(
      (s) => setHasKey(s.hasKey),
      (error: unknown) => setProblem(`Could not tell whether a key is saved: ${String(error)}`),
    );
  }, []);

  if (problem) return <main class="options"><p role="alert" class="error">{problem}</p></main>;
  if (!settings || overrides === undefined) return <main class="options" aria-busy="true" />;

  return (
    <main class="options">
      <h1>{t('optTitle')}</h1>
      <ConnectionForm initial={settings} hasKey={hasKey} onKeySaved={() => setHasKey(true)} />
      <h2>{t('optPrices')}</h2>
      <p class="muted">{t('optPricesIntro')}</p>
      <PriceTable overrides={overrides} />
      <h2>{t('optSpendRecord')}</h2>
      <SpendRecord ledger={ledger} />
    </main>
  );
}
