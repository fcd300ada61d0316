import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { picturesOf, type Conversation, type Turn } from '../../utils/ask/conversation';
import type { Ledger } from '../../utils/cost/ledger';
import type { Price } from '../../utils/cost/prices';
import { t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import type { Settings } from '../../utils/settings';
import { PictureHeader } from './PictureHeader';
import { QuestionForm } from './QuestionForm';
import { SentenceAnnouncer } from './SentenceAnnouncer';
import { SpendMeter } from './SpendMeter';
import { TurnView } from './TurnView';
import { useFollowNewest } from './useFollowNewest';
import { useLiveConversation } from './useLiveConversation';

/**
 * What screen readers hear of a turn: the answer as it streams, or for alt text, once it is
 * done, the suggestion itself in plain words (not the JSON it arrived as).
 */
function spokenText(turn: Turn): string {
  if (!turn.altText) return turn.answer;
  const result = turn.altText.result;
  if (!result) return '';
  return result.decorative ? t('altSpokenDecorative', result.reason) : t('altSpoken', result.lint.text);
}

export function ConversationView(props: {
  conversation: Conversation;
  ledger: Ledger;
  /** The global settings with the active profile, which the next question is asked of. */
  settings: Settings;
  /** The price of the active profile's model, for the estimate before asking; undefined when unknown. */
  price: Price | undefined;
  /** More than one profile: each turn says which one answered. */
  showProvider: boolean;
  /** Put beside the spend line at the foot (the popup's "Ask about another picture…"). */
  footer?: ComponentChildren;
}) {
  const { ledger, settings, price, showProvider, footer } = props;
  const conversation = useLiveConversation(props.conversation);
  const { model } = settings.profile;
  const streaming = conversation.turns.some((turn) => turn.status === 'streaming');
  const lastTurn = conversation.turns.at(-1);
  const pictures = picturesOf(conversation);
  // Alt text can be written back only to a single picture the page still knows by its handle.
  const canApply = !conversation.comparison && Boolean(conversation.image.page?.elementId);
  const turns = useRef<HTMLDivElement>(null);
  useFollowNewest(turns, lastTurn?.id);
  // An answer shown as still being written: the message wakes a worker the browser stopped, whose
  // start marks the answer interrupted; a running worker leaves it alone.
  useEffect(() => {
    if (streaming) sendToBackground('checkAnswering', { conversationId: conversation.id }).catch((error: unknown) =>
      console.warn('Could not ask the worker whether it is still writing this answer.', error),
    );
  }, [conversation.id, streaming]);
  return (
    <>
      <PictureHeader pictures={pictures} />
      {/* The answer takes the height the compact header and question box leave (popup.css).
          Not live: the announcer below reads it out a sentence at a time instead of per token.
          Focusable: it scrolls, and keyboard users must be able to scroll it too. */}
      <div class="turns" ref={turns} role="log" aria-label={t('answerLog')} aria-live="off" tabIndex={0}>
        {conversation.turns.map((turn, i) => (
          <TurnView key={turn.id} conversationId={conversation.id} turn={turn} previous={conversation.turns[i - 1]} busy={streaming} canApply={canApply} showProvider={showProvider} />
        ))}
      </div>
      {lastTurn ? <SentenceAnnouncer turnId={lastTurn.id} text={spokenText(lastTurn)} streaming={lastTurn.status === 'streaming'} /> : null}
      <QuestionForm
        key={conversation.id}
        conversationId={conversation.id}
        streaming={streaming}
        pictures={pictures}
        model={model}
        currentDetail={lastTurn?.detail ?? settings.detail}
        lastQuestion={lastTurn?.question}
        price={price}
        customActions={settings.customActions}
        offerAltText={!conversation.comparison}
        altTextDetail={settings.altTextDetail}
        lastWasAltText={Boolean(lastTurn?.altText)}
      />
      <div class="foot">
        <SpendMeter conversationId={conversation.id} ledger={ledger} settings={settings} />
        {footer}
      </div>
    </>
  );
}
