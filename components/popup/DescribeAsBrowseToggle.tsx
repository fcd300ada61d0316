import { useEffect, useState } from 'preact/hooks';
import type { BrowseState } from '../../utils/shared/describe-as-browse-settings';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { browsePagesItem, browseSettingsItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';

/**
 * "Describe as I browse" for the page the user is looking at: one switch for its site, and Undo
 * for what it wrote there. Shown only for a web page; one line, so the answer keeps its room.
 */
export function DescribeAsBrowseToggle() {
  const [state, setState] = useState<BrowseState | null>(null);
  const [said, setSaid] = useState<{ kind: 'status' | 'error'; text: string } | null>(null);
  // Asked again whenever the sites or what was written change (the keyboard, the options, the worker).
  const sites = useStorageValue(browseSettingsItem);
  const pages = useStorageValue(browsePagesItem);
  useEffect(() => {
    let live = true;
    sendToBackground('browseState', undefined).then(
      (next) => live && setState(next),
      // No web page open: there is nothing to switch, and nothing is shown.
      (error: unknown) => console.info('Describe as I browse: no page to show it for.', error),
    );
    return () => {
      live = false;
    };
  }, [sites, pages]);
  if (!state?.site) return null;
  const host = new URL(state.site).host;
  const toggle = (on: boolean) => {
    // Shown switched at once: a switch that springs back until the worker answers is misread.
    setState({ ...state, on });
    return sendToBackground('browseToggle', { on }).then(
      (next) => {
        setState(next);
        setSaid(null);
      },
      (error: unknown) => {
        setState({ ...state, on: !on });
        setSaid({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      },
    );
  };
  const undo = () =>
    sendToBackground('browseUndo', undefined).then(
      ({ undone }) => setSaid({ kind: 'status', text: plural('browseUndone', undone) }),
      (error: unknown) => setSaid({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
    );
  return (
    <section class="browse" aria-label={t('browseHeading')}>
      <label title={t('browseSwitchHint')}>
        <input type="checkbox" checked={state.on} disabled={state.off !== null} onChange={(event) => void toggle(event.currentTarget.checked)} />{' '}
        {t('browseSwitch', host)}
      </label>
      {state.off === 'private' ? <p class="muted">{t('browsePrivateOff')}</p> : null}
      {state.written > 0 ? (
        <p class="browse-written">
          {plural('browseWritten', state.written)}{' '}
          <button type="button" onClick={() => void undo()}>
            {t('browseUndo')}
          </button>
        </p>
      ) : null}
      <p role="status" class="muted">{said?.kind === 'status' ? said.text : ''}</p>
      <p role="alert" class="error">{said?.kind === 'error' ? said.text : ''}</p>
    </section>
  );
}
