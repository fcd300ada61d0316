import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../utils/i18n';
import { DEFAULT_SETTINGS, withDefaults } from '../../utils/settings';
import {
  compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, ledgerItem, noticeItem, priceOverridesItem, settingsItem,
} from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { CompareView } from './CompareView';
import { ConversationView } from './ConversationView';
import { EmptyState } from './EmptyState';
import { HistoryView } from './HistoryView';
import { SpendMeter } from './SpendMeter';
import './popup.css';

type View = 'conversation' | 'compare' | 'history';

/** The popup: the latest conversation, the comparison tray, and the history, as storage holds them. */
export function App() {
  const latestId = useStorageValue(latestConversationIdItem);
  const item = useMemo(() => (latestId ? conversationItem(latestId) : null), [latestId]);
  const conversation = useStorageValue(item);
  const ledger = useStorageValue(ledgerItem) ?? [];
  const settings = withDefaults(useStorageValue(settingsItem) ?? DEFAULT_SETTINGS);
  const overrides = useStorageValue(priceOverridesItem) ?? {};
  const notice = useStorageValue(noticeItem);
  const tray = useStorageValue(compareTrayItem) ?? [];
  const index = useStorageValue(conversationIndexItem) ?? [];
  const [view, setView] = useState<View | null>(null);

  const loading = latestId === undefined || (latestId && conversation === undefined);
  // Open on the tray when a picture was just added to it; otherwise on the conversation.
  const newestTray = tray.reduce((latest, entry) => Math.max(latest, entry.addedAt), 0);
  useEffect(() => {
    if (!loading && view === null) setView(newestTray > (conversation?.createdAt ?? 0) ? 'compare' : 'conversation');
  }, [loading, view, newestTray, conversation]);

  if (loading || view === null) return <main class="popup" aria-busy="true" />;

  // A notice newer than the conversation is what the user just did ("no picture there").
  const freshNotice = notice && notice.at > (conversation?.createdAt ?? 0) ? notice.message : null;
  const tabs: [View, string][] = [
    ['conversation', t('viewConversation')],
    ['compare', tray.length > 0 ? t('viewCompareCount', tray.length) : t('viewCompare')],
    ['history', t('viewHistory')],
  ];
  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('extName')}</h1>
      <nav aria-label={t('views')} class="views">
        {tabs.map(([name, label]) => (
          <button key={name} type="button" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)}>
            {label}
          </button>
        ))}
      </nav>
      {freshNotice ? <p role="alert" class="notice">{freshNotice}</p> : null}
      {view === 'compare' ? <CompareView tray={tray} onAsked={() => setView('conversation')} /> : null}
      {view === 'history' ? (
        <HistoryView index={index} ledger={ledger} notice={notice && !freshNotice ? notice.message : null} onOpen={() => setView('conversation')} />
      ) : null}
      {view === 'conversation' && conversation ? (
        <ConversationView conversation={conversation} ledger={ledger} settings={settings} overrides={overrides} />
      ) : null}
      {view === 'conversation' && !conversation ? (
        <>
          <EmptyState />
          <SpendMeter conversationId={null} ledger={ledger} settings={settings} />
        </>
      ) : null}
    </main>
  );
}
