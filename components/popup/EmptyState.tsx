import { t } from '../../utils/i18n';

export function EmptyState() {
  return (
    <section class="empty">
      <h1>{t('emptyTitle')}</h1>
      <p>{t('emptyHowTo')}</p>
      <p>
        <a href="options.html" target="_blank" rel="noopener noreferrer">
          {t('emptyOptionsLink')}
        </a>
      </p>
    </section>
  );
}
