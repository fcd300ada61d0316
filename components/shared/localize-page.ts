/**
 * The page's language and title follow the UI's language: screen readers pick their voice from
 * `lang`, and the title names the tab and the window. The HTML says English until this runs.
 */
import { t, type MessageKey } from '../../utils/shared/i18n';

export function localizePage(title: MessageKey): void {
  document.documentElement.lang = t('pageLang');
  document.title = t(title);
}
