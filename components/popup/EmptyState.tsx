import { useState } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';
import { AuditButton } from './AuditButton';

export function EmptyState() {
  const [problem, setProblem] = useState('');
  return (
    <section class="empty">
      <h2>{t('emptyTitle')}</h2>
      <p>{t('emptyHowTo')}</p>
      <p>{t('emptyAltText')}</p>
      <p>
        <AuditButton onProblem={setProblem} />
      </p>
      <p role="status" class="error">{problem}</p>
      <p>
        <a href="options.html" target="_blank" rel="noopener noreferrer">
          {t('emptyOptionsLink')}
        </a>
      </p>
    </section>
  );
}
