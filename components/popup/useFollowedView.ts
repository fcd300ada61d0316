import { useCallback, useEffect, useState } from 'preact/hooks';

export type View = 'conversation' | 'compare' | 'history' | 'audit';
const VIEWS: readonly View[] = ['conversation', 'compare', 'history', 'audit'];

/** `popup.html?view=audit` opens a view directly (the contract's address for the latest audit). */
function requestedView(): View | null {
  const asked = new URLSearchParams(location.search).get('view');
  return VIEWS.find((view) => view === asked) ?? null;
}

/** When the person last did each thing the views show; 0 for never. */
export interface LastDone {
  conversationAt: number;
  /** The newest picture added to the comparison tray. */
  trayAt: number;
  auditAt: number;
}

/**
 * The view shown: the one the person chose, until they do something newer (ask about a picture,
 * add one to the tray, audit a page), which is shown instead; so a side panel left open follows
 * their right-clicks. Null while the data is loading. Before any choice, what was done last (a tie
 * goes to the audit, then to the tray), kept as if chosen: emptying the tray sends no one elsewhere.
 */
export function useFollowedView(done: LastDone | null): { view: View | null; setView(view: View): void } {
  const [choice, setChoice] = useState<{ view: View; at: number } | null>(() => {
    const asked = requestedView();
    return asked ? { view: asked, at: Date.now() } : null;
  });
  const setView = useCallback((view: View) => setChoice({ view, at: Date.now() }), []);
  const latest = done ? Math.max(done.conversationAt, done.trayAt, done.auditAt) : 0;
  const lastDone: View = !done ? 'conversation' : done.auditAt > 0 && done.auditAt === latest ? 'audit' : done.trayAt > 0 && done.trayAt === latest ? 'compare' : 'conversation';
  const view: View | null = done === null ? null : choice && choice.at >= latest ? choice.view : lastDone;
  useEffect(() => {
    if (choice === null && view !== null) setChoice({ view, at: latest });
  }, [choice, view, latest]);
  return { view, setView };
}
