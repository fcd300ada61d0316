import { useEffect, useState } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';
import { downloadOnDeviceModel, onDeviceState, type OnDeviceState } from '../../utils/profiles/on-device-status';

/**
 * In place of a server's fields, for the Chrome on-device profile: whether the model can run here
 * and, when it cannot, why in words; when it must first be downloaded, the button that starts the
 * download (Chrome wants a click for it) and how far it has come.
 */
export function OnDeviceStatus({ language }: { language: string }) {
  const [state, setState] = useState<OnDeviceState | null>(null);
  // A download started here: its button goes while it runs, and its progress shows.
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void onDeviceState(language).then((found) => current && setState(found));
    return () => {
      current = false;
    };
  }, [language]);

  const download = () => {
    setBusy(true);
    void downloadOnDeviceModel(language, setState).then((found) => {
      setState(found);
      setBusy(false);
    });
  };

  const trouble = state?.kind === 'failed' || state?.kind === 'unavailable' || state?.kind === 'missing';
  return (
    <div class="field on-device">
      <p id="on-device-status" role="status" class={trouble ? 'error' : 'muted'}>
        {state ? state.sentence : t('onDeviceChecking')}
      </p>
      {state?.kind === 'downloading' ? (
        <progress aria-labelledby="on-device-status" max={1} {...(state.loaded === undefined ? {} : { value: state.loaded })} />
      ) : null}
      {!busy && (state?.kind === 'downloadable' || state?.kind === 'downloading') ? (
        <button type="button" onClick={download}>{t('onDeviceDownload')}</button>
      ) : null}
    </div>
  );
}
