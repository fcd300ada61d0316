import { useMemo } from 'preact/hooks';
import { priceFor, priceTable } from '../../utils/cost/prices';
import { DEFAULT_SETTINGS, withDefaults } from '../../utils/settings';
import { conversationItem, latestConversationIdItem, ledgerItem, noticeItem, priceOverridesItem, settingsItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { EmptyState } from './EmptyState';
import { PictureHeader } from './PictureHeader';
import { QuestionForm } from './QuestionForm';
import { SpendMeter } from './SpendMeter';
import { TurnView } from './TurnView';
import './popup.css';

/** The popup: the latest conversation, as the background writes it to storage. */
export function App() {
  const latestId = useStorageValue(latestConversationIdItem);
  const item = useMemo(() => (latestId ? conversationItem(latestId) : null), [latestId]);
  const conversation = useStorageValue(item);
  const ledger = useStorageValue(ledgerItem) ?? [];
  const settings = withDefaults(useStorageValue(settingsItem) ?? DEFAULT_SETTINGS);
  const overrides = useStorageValue(priceOverridesItem);
  const notice = useStorageValue(noticeItem);

  if (latestId === undefined || (latestId && conversation === undefined)) {
    return <main class="popup" aria-busy="true" />;
  }
  // A notice newer than the conversation is what the user just did ("no picture there").
  const freshNotice = notice && notice.at > (conversation?.createdAt ?? 0) ? (
    <p role="alert" class="notice">{notice.message}</p>
  ) : null;
  if (!conversation) {
    return (
      <main class="popup">
        {freshNotice}
        <EmptyState />
        <SpendMeter conversationId={null} ledger={ledger} settings={settings} />
      </main>
    );
  }
  const streaming = conversation.turns.some((t) => t.status === 'streaming');
  const lastTurn = conversation.turns.at(-1);
  return (
    <main class="popup">
      {freshNotice}
      <PictureHeader picture={conversation.image} />
      <div class="turns" role="log" aria-label="Answer">
        {conversation.turns.map((turn) => (
          <TurnView key={turn.id} conversationId={conversation.id} turn={turn} />
        ))}
      </div>
      <QuestionForm
        key={conversation.id}
        conversationId={conversation.id}
        streaming={streaming}
        picture={conversation.image}
        model={settings.model}
        currentDetail={lastTurn?.detail ?? settings.detail}
        price={priceFor(settings.model, priceTable(overrides ?? {}))}
      />
      <SpendMeter conversationId={conversation.id} ledger={ledger} settings={settings} />
    </main>
  );
}
