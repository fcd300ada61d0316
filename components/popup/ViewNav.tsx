import { t } from '../../utils/shared/i18n';
import type { View } from './useFollowedView';

/** The popup's views as buttons, the one shown marked as the current page; the tray's shows how many pictures wait in it. */
export function ViewNav({ view, trayCount, onView }: { view: View; trayCount: number; onView(view: View): void }) {
  const tabs: [View, string][] = [
    ['conversation', t('viewConversation')],
    ['compare', trayCount > 0 ? t('viewCompareCount', trayCount) : t('viewCompare')],
    ['history', t('viewHistory')],
    ['audit', t('viewAudit')],
  ];
  return (
    <nav aria-label={t('views')} class="views">
      {tabs.map(([name, label]) => (
        <button key={name} type="button" aria-current={view === name ? 'page' : undefined} onClick={() => onView(name)}>
          {label}
        </button>
      ))}
    </nav>
  );
}
