import { useMemo } from 'preact/hooks';
import { priceFor, priceTable } from '../../utils/cost/prices';
import { DEFAULT_SETTINGS, withDefaults } from '../../utils/settings';
import { conversationItem, latestConversationIdItem, ledgerItem, priceOverridesItem, settingsItem } from '../../utils/storage';
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

  if (latestId === undefined || (latestId && conversation === undefined)) {
    return <main class="popup" aria-busy="true" />;
  }
  if (!conversation) {
    return (
      <main class="popup">
        <EmptyState />
        <SpendMeter conversationId={null} ledger={ledger} settings={settings} />
      </main>
    );
  }
  const streaming = conversation.turns.some((t) => t.status === 'streaming');
  const lastTurn = conversation.turns.at(-1);
  return (
    <main class="popup">
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
