/**
 * The one way "Describe as I browse"'s settings are changed: by the options page (the list, private
 * windows, the budget) and by the worker (the popup's switch, the keyboard command), each from what
 * is stored now, one at a time across both (update-item.ts), so neither puts back what the other
 * just replaced.
 */
import { browseSettingsItem } from '../storage';
import { updateItem } from '../update-item';
import type { BrowseSettings } from '../shared/describe-as-browse-settings';

export async function changeBrowseSettings(step: (settings: BrowseSettings) => BrowseSettings): Promise<void> {
  await updateItem(browseSettingsItem, step);
}
