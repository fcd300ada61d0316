/** Keyboard commands (manifest "commands"): the same asks as the menu, for people who do not use a mouse. */
import type { Browser } from 'wxt/browser';
import { auditPage } from '../alt-text/audit';
import { generateAltText } from '../alt-text/one-picture';
import { askAboutPicture } from '../ask/ask-about-picture';
import { askAboutRegion } from '../ask/region';
import { resolveFocusedTarget } from '../ask/resolve-target';
import { readForAsk } from '../ask/start';
import { reportFailure } from './report-failure';

export const COMMAND_ASK_IMAGE = 'ask-image';
export const COMMAND_ALT_TEXT = 'alt-text';
export const COMMAND_AUDIT_PAGE = 'audit-page';
export const COMMAND_ASK_REGION = 'ask-region';

const COMMANDS: Record<string, (tab?: Browser.tabs.Tab) => Promise<void>> = {
  // As from the menu, the ask's reads go out beside the question to the page (menus.ts).
  [COMMAND_ASK_IMAGE]: async (tab) => {
    const reads = readForAsk();
    return askAboutPicture(await resolveFocusedTarget(tab), 'command', reads);
  },
  [COMMAND_ALT_TEXT]: async (tab) => {
    const reads = readForAsk();
    return generateAltText(await resolveFocusedTarget(tab), 'command', reads);
  },
  [COMMAND_AUDIT_PAGE]: async (tab) => auditPage(tab, true),
  [COMMAND_ASK_REGION]: (tab) => askAboutRegion(tab),
};

/** The commands.onCommand listener; returns the answer's promise so tests can await it. */
export function onCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const run = COMMANDS[command];
  if (!run) return Promise.resolve();
  return run(tab).catch((error: unknown) => reportFailure(`The "${command}" command`, error));
}
