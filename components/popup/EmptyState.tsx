import { t } from '../../utils/i18n';

export function EmptyState() {
  return (
    <section class="empty">
      <h2>{t('emptyTitle')}</h2>
      <p>{t('emptyHowTo')}</p>
      <p>
        <a href="options.html" target="_blank" rel="noopener noreferrer">
          {t('emptyOptionsLink')}
        </a>
      </p>
    </section>
  );
}
