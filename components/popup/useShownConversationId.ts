import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isIncognito } from '../../utils/ask/conversation';
import type { Surface } from '../shared/surface';

/**
 * Which conversation the views show: the latest one. Except in a side panel, which stays open on
 * screen and follows new asks by itself: a panel in an ordinary window never takes up a private
 * window's conversation (someone beside the person would see it), nor a panel in a private window an
 * ordinary one; it keeps what it showed. A popup shows the latest, as it always has: it is opened
 * on purpose, in the window the person is in. Undefined while loading.
 */
export function useShownConversationId(surface: Surface, latestId: string | null | undefined): string | null | undefined {
  const [privateWindow, setPrivateWindow] = useState<boolean | undefined>(surface === 'sidepanel' ? undefined : false);
  const [shown, setShown] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (surface !== 'sidepanel') return;
    browser.windows.getCurrent().then(
      (window) => setPrivateWindow(window.incognito),
      (error: unknown) => {
        // Not knowing, the panel treats its window as ordinary: it never shows a private conversation.
        console.error('Could not tell whether the side panel is in a private window.', error);
        setPrivateWindow(false);
      },
    );
  }, [surface]);
  const fits = latestId === null || (latestId !== undefined && privateWindow !== undefined && (surface === 'popup' || isIncognito(latestId) === privateWindow));
  useEffect(() => {
    if (fits) setShown(latestId);
    // A panel whose window rules the latest out, before it has shown anything: nothing yet.
    else if (latestId !== undefined && privateWindow !== undefined) setShown((previous) => (previous === undefined ? null : previous));
  }, [fits, latestId, privateWindow]);
  return surface === 'popup' ? latestId : shown;
}
