import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Conversation } from '../../utils/ask/conversation';

export type Say = (message: string, kind: 'status' | 'error') => void;

/**
 * What happened to a picture brought by paste, drop, file or address, said until it is over. A
 * status is over once a newer conversation than the one shown when it began has its answer:
 * "Asking about the picture…" stayed on screen after the answer had arrived. `before` is that
 * conversation ("Asking…" after "Reading…" keeps it).
 */
export function useBroughtStatus(conversation: Conversation | null | undefined): { brought: { message: string; kind: 'status' | 'error' } | null; say: Say } {
  const [brought, setBrought] = useState<{ message: string; kind: 'status' | 'error'; before: string | null } | null>(null);
  const shownId = conversation?.id ?? null;
  const say = useCallback<Say>(
    (message, kind) => setBrought((previous) => ({ message, kind, before: previous?.kind === 'status' ? previous.before : shownId })),
    [shownId],
  );
  const over = brought?.kind === 'status' && !!conversation && conversation.id !== brought.before && conversation.turns.every((turn) => turn.status !== 'streaming');
  useEffect(() => {
    if (over) setBrought(null);
  }, [over]);
  return { brought, say };
}
