/**
 * What a menu item or a keyboard command does when its work fails before a conversation exists to
 * show it (the page refused a screenshot, storage was full): the user is told, not only the console.
 */
import { showNotice } from '../badge';
import type { PanelOpening } from './panel-opening';
import { t } from '../shared/i18n';
import { ImageError } from '../shared/image-error';

/** `panel`: the side panel's opening for the ask that failed, which then says it instead of the popup. */
export async function reportFailure(what: string, error: unknown, panel?: PanelOpening): Promise<void> {
  console.error(`${what} failed.`, error);
  const message = error instanceof ImageError ? error.message : t('errUnknown', error instanceof Error ? error.message : String(error));
  await showNotice(message, panel);
}
