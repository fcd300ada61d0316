import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Conversation } from '../../utils/ask/conversation';
import { connectLiveText, type LiveText } from '../../utils/shared/messages';

/** Streamed text by turn id, as the background's port (messages.ts) passed it to this page. */
const texts = new Map<string, string>();
const listeners = new Set<(texts: ReadonlyMap<string, string>) => void>();
let close: (() => void) | undefined;
let scheduled = false;

function flush(): void {
  if (!scheduled) return;
  scheduled = false;
  const snapshot: ReadonlyMap<string, string> = new Map(texts);
  for (const listener of listeners) listener(snapshot);
}

function apply(live: LiveText): void {
  const current = texts.get(live.turnId) ?? '';
  // A piece after a gap cannot be placed; storage brings the whole text soon after.
  if (live.from > current.length) return;
  texts.set(live.turnId, current.slice(0, live.from) + live.text);
  if (scheduled) return;
  scheduled = true;
  // Drawn once per frame however many pieces arrive in it; the timer covers a page the browser
  // draws no frames for (a tab in the background).
  requestAnimationFrame(flush);
  setTimeout(flush, 100);
}

function connect(): void {
  close ??= connectLiveText(apply, () => {
    // The worker was stopped: what it streamed is in storage, and a new one starts afresh.
    close = undefined;
    texts.clear();
  });
}

/**
 * The conversation with each streaming answer's text as far as it has arrived: through the port at
 * once, or through storage (written a few times a second, and the record), whichever has more.
 * Once an answer has ended, storage alone says what it is. The port opens when an answer streams.
 */
export function useLiveConversation(conversation: Conversation): Conversation {
  const [live, setLive] = useState<ReadonlyMap<string, string>>(() => new Map(texts));
  const streaming = conversation.turns.some((turn) => turn.status === 'streaming');
  useEffect(() => {
    listeners.add(setLive);
    return () => void listeners.delete(setLive);
  }, []);
  useEffect(() => {
    if (streaming) connect();
  }, [streaming, conversation.id]);
  return useMemo(() => {
    let changed = false;
    const turns = conversation.turns.map((turn) => {
      const text = live.get(turn.id);
      if (turn.status !== 'streaming' || text === undefined || text.length <= turn.answer.length) return turn;
      changed = true;
      return { ...turn, answer: text };
    });
    return changed ? { ...conversation, turns } : conversation;
  }, [conversation, live]);
}
