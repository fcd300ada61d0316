import { browser } from 'wxt/browser';
import { errorWords } from '../../utils/error-words';
import { t } from '../../utils/shared/i18n';
import { openSidePanel } from '../../utils/side-panel';
import { leaveFileAsk } from './file-ask';

/**
 * "Open a file…" in Firefox's toolbar popup (fileChooserClosesPopup): there the popup would close
 * under the file chooser and the chosen file would go nowhere. So the click opens the sidebar,
 * which the chooser leaves open, leaves it a note (file-ask.ts) and steps aside; the sidebar shows
 * its own "Open a file…" ready, one more click or Enter away (a page may open the chooser only
 * within the person's own click, so the popup cannot open it there for them).
 */
export function OpenFileInSidePanel({ say }: { say: (message: string, kind: 'status' | 'error') => void }) {
  const open = () => {
    // The first thing the click does: Firefox opens the sidebar only within it.
    openSidePanel(browser.windows.WINDOW_ID_CURRENT).then(
      () =>
        leaveFileAsk().then(
          // Closed once the note is written: a write still on its way may be lost with the popup.
          () => window.close(),
          (error: unknown) => say(errorWords(error), 'error'),
        ),
      (error: unknown) => {
        console.error('The sidebar could not be opened from the popup to open a file there.', error);
        say(t('sidePanelRefused', errorWords(error)), 'error');
      },
    );
  };
  return (
    <button type="button" class="file-button" onClick={open} title={t('bringFileInSidePanel')}>
      {t('bringOpenFile')}
    </button>
  );
}
