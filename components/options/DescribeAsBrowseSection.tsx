import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_BROWSE_SETTINGS, withSite } from '../../utils/shared/describe-as-browse-settings';
import { changeBrowseSettings as change } from '../../utils/alt-text/describe-as-browse-store';
import { t } from '../../utils/shared/i18n';
import { browseSettingsItem } from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { Field } from './Field';
import { StatusLine, type Status } from './StatusLine';

/**
 * "Describe as I browse" in the options: the sites it is on for, each with Remove (sites are added
 * from the popup or the keyboard, on the site itself), private windows, and its own daily budget.
 */
export function DescribeAsBrowseSection() {
  const settings = useStorageValue(browseSettingsItem) ?? DEFAULT_BROWSE_SETTINGS;
  const [budget, setBudget] = useState(String(settings.dailyBudget));
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  useEffect(() => setBudget(String(settings.dailyBudget)), [settings.dailyBudget]);
  // Shown as clicked at once, not as stored until the write comes back (it would spring back meanwhile).
  const [allowInPrivate, setAllowInPrivate] = useState(settings.allowInPrivate);
  useEffect(() => setAllowInPrivate(settings.allowInPrivate), [settings.allowInPrivate]);
  const done = (run: Promise<void>) =>
    run.then(
      () => setStatus({ kind: 'saved', text: t('optBrowseSaved') }),
      (error: unknown) => setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
    );
  const saveBudget = () => {
    const value = Number(budget.trim());
    if (budget.trim() === '' || !Number.isFinite(value) || value < 0) return setStatus({ kind: 'error', text: t('optBrowseBadBudget') });
    void done(change((s) => ({ ...s, dailyBudget: value })));
  };
  return (
    <section aria-labelledby="browse-heading">
      <h2 id="browse-heading">{t('browseHeading')}</h2>
      <p class="muted">{t('optBrowseIntro')}</p>
      <h3>{t('optBrowseSites')}</h3>
      {settings.sites.length === 0 ? (
        <p>{t('optBrowseNone')}</p>
      ) : (
        <ul class="browse-sites">
          {settings.sites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button type="button" aria-label={t('optBrowseRemove', site)} onClick={() => void done(change((s) => withSite(s, site, false)))}>
                {t('optBrowseRemoveButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <label>
          <input
            type="checkbox"
            checked={allowInPrivate}
            onChange={(event) => {
              const allowed = event.currentTarget.checked;
              setAllowInPrivate(allowed);
              void done(change((s) => ({ ...s, allowInPrivate: allowed })));
            }}
          />{' '}
          {t('optBrowsePrivate')}
        </label>
      </p>
      <Field id="browse-budget" label={t('optBrowseBudget')}>
        <input id="browse-budget" type="number" min="0" step="0.01" value={budget} onInput={(event) => setBudget(event.currentTarget.value)} onChange={saveBudget} />
      </Field>
      <StatusLine status={status} />
    </section>
  );
}
