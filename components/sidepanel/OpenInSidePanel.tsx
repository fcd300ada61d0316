import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorWords } from '../../utils/error-words';
import { t } from '../../utils/shared/i18n';
import { openSidePanel } from '../../utils/side-panel';

/**
 * "Open in side panel": the same views, beside the page, where they stay open while the person
 * works in it. `closeAfter`: true in the toolbar popup, which steps aside once the panel is open;
 * false where popup.html is open as a tab (closing it would close the person's tab). A refusal is
 * said here, and the popup stays open.
 */
export function OpenInSidePanel({ closeAfter }: { closeAfter: boolean }) {
  const [refusal, setRefusal] = useState('');
  const open = () => {
    // The first thing the click does: the browser opens the panel only within the click.
    openSidePanel(browser.windows.WINDOW_ID_CURRENT).then(
      () => {
        if (closeAfter) window.close();
      },
      (error: unknown) => {
        console.error('The side panel could not be opened from the popup.', error);
        setRefusal(t('sidePanelRefused', errorWords(error)));
      },
    );
    setRefusal('');
  };
  return (
    <div class="open-in-side-panel">
      {/* An icon beside the views, named for screen readers and in its tooltip: a word would take a
          line from the answer in a 420 px popup. */}
      <button type="button" class="icon-button" onClick={open} aria-label={t('openInSidePanel')} title={t('openInSidePanel')}>
        <svg viewBox="0 0 20 16" width="20" height="16" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="18" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="1.5" />
          <rect x="12" y="1" width="7" height="14" rx="1" fill="currentColor" />
        </svg>
      </button>
      {refusal ? <p role="alert" class="error">{refusal}</p> : null}
    </div>
  );
}
