import { useMemo } from 'preact/hooks';
import { conversationItem, latestConversationIdItem, ledgerItem } from '../../utils/storage';
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

  if (latestId === undefined || (latestId && conversation === undefined)) {
    return <main class="popup" aria-busy="true" />;
  }
  if (!conversation) {
    return (
      <main class="popup">
        <EmptyState />
        <SpendMeter conversationId={null} ledger={ledger} />
      </main>
    );
  }
  const streaming = conversation.turns.some((t) => t.status === 'streaming');
  return (
    <main class="popup">
      <PictureHeader picture={conversation.image} />
      <div class="turns" role="log" aria-label="Answer">
        {conversation.turns.map((turn) => (
          <TurnView key={turn.id} turn={turn} />
        ))}
      </div>
      <QuestionForm conversationId={conversation.id} streaming={streaming} />
      <SpendMeter conversationId={conversation.id} ledger={ledger} />
    </main>
  );
}
