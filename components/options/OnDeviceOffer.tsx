import { useEffect, useState } from 'preact/hooks';
import { errorWords } from '../../utils/error-words';
import { t } from '../../utils/shared/i18n';
import { chooseOnDeviceProfile } from '../../utils/profiles/profile-store';
import { onDeviceState } from '../../utils/profiles/on-device-status';

/**
 * Offered first to someone with no key yet, where Chrome's own model can answer (now, or once
 * downloaded): one click makes it the active profile, and its form then says what it needs.
 */
export function OnDeviceOffer({ language, onChosen }: { language: string; onChosen(id: string): void }) {
  const [offered, setOffered] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let current = true;
    void onDeviceState(language).then((state) => {
      if (current) setOffered(state.kind === 'available' || state.kind === 'downloadable' || state.kind === 'downloading');
    });
    return () => {
      current = false;
    };
  }, [language]);

  if (!offered) return null;
  const choose = () =>
    chooseOnDeviceProfile().then(
      (stored) => onChosen(stored.activeProfileId),
      (error: unknown) => setProblem(t('optCouldNotSave', errorWords(error))),
    );
  return (
    <section class="on-device-offer" aria-labelledby="on-device-offer">
      <p id="on-device-offer">{t('onDeviceOffer')}</p>
      <button type="button" class="primary" onClick={() => void choose()}>{t('onDeviceUse')}</button>
      {problem ? <p role="alert" class="error">{problem}</p> : null}
    </section>
  );
}
