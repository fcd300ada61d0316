/**
 * The one way "Describe as I browse"'s settings are changed: by the options page (the list, private
 * windows, the budget) and by the worker (the popup's switch, the keyboard command), each from what
 * is stored now, one at a time across both (storage-lock.ts), so neither puts back what the other
 * just replaced.
 */
import { writeInTurn } from '../storage-lock';
import { browseSettingsItem } from '../storage';
import type { BrowseSettings } from '../shared/describe-as-browse-settings';

export function changeBrowseSettings(step: (settings: BrowseSettings) => BrowseSettings): Promise<void> {
  return writeInTurn('browse-settings', async () => browseSettingsItem.setValue(step(await browseSettingsItem.getValue())));
}
