import { useState } from 'preact/hooks';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import type { TrayEntry } from '../../utils/storage';

/** The comparison tray: numbered pictures from any tab, reordered or removed, then one question. */
export function CompareView({ tray, onAsked }: { tray: readonly TrayEntry[]; onAsked(): void }) {
  const [question, setQuestion] = useState('');
  const [problem, setProblem] = useState('');
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  const compare = (event: Event) => {
    event.preventDefault();
    setProblem('');
    sendToBackground('compareAsk', { question }).then(() => {
      setQuestion('');
      onAsked();
    }, report);
  };

  if (tray.length === 0) {
    return (
      <section class="compare">
        <h2>{t('compareTitle')}</h2>
        <p>{t('compareEmpty')}</p>
      </section>
    );
  }
  return (
    <section class="compare">
      <h2>{t('compareTitle')}</h2>
      <ol class="tray">
        {tray.map((entry, i) => {
          const name = entry.picture.alt || entry.picture.pageTitle || t('pictureNumber', i + 1);
          // Only a thumbnail made by the extension: the web address would tell the site at each look.
          const src = entry.picture.thumbnail;
          return (
            <li key={entry.id} class="chip">
              <span class="number">{i + 1}</span>
              {src ? <img src={src} alt="" /> : <span class="placeholder" />}
              <span class="chip-name">{name}</span>
              <button type="button" aria-label={t('moveEarlier', i + 1)} disabled={i === 0} onClick={() => sendToBackground('compareMove', { id: entry.id, by: -1 }).catch(report)}>↑</button>
              <button type="button" aria-label={t('moveLater', i + 1)} disabled={i === tray.length - 1} onClick={() => sendToBackground('compareMove', { id: entry.id, by: 1 }).catch(report)}>↓</button>
              <button type="button" aria-label={t('removePicture', i + 1)} onClick={() => sendToBackground('compareRemove', { id: entry.id }).catch(report)}>✕</button>
            </li>
          );
        })}
      </ol>
      <form onSubmit={compare}>
        <label for="compare-question">{plural('compareQuestionLabel', tray.length)}</label>
        <div class="row">
          <input id="compare-question" type="text" value={question} placeholder={t('comparePlaceholder')} onInput={(e) => setQuestion(e.currentTarget.value)} />
          <button type="submit" class="primary">{t('compare')}</button>
        </div>
        <p class="row">
          <button type="button" onClick={() => sendToBackground('compareClear', undefined).catch(report)}>{t('emptyTray')}</button>
        </p>
        <p role="status" class="error">{problem}</p>
      </form>
    </section>
  );
}
