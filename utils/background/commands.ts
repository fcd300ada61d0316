/** Keyboard commands (manifest "commands"): the same asks as the menu, for people who do not use a mouse. */
import type { Browser } from 'wxt/browser';
import { auditPage } from '../alt-text/audit';
import { toggleBrowse } from '../alt-text/describe-as-browse';
import { generateAltText } from '../alt-text/one-picture';
import { askAboutPicture } from '../ask/ask-about-picture';
import { askAboutRegion } from '../ask/region';
import { resolveFocusedTarget } from '../ask/resolve-target';
import { readForAsk } from '../ask/start';
import { openAnswerSurface } from './answer-surface';
import { NO_PANEL, type PanelOpening } from './panel-opening';
import { reportFailure } from './report-failure';

export const COMMAND_ASK_IMAGE = 'ask-image';
export const COMMAND_ALT_TEXT = 'alt-text';
export const COMMAND_AUDIT_PAGE = 'audit-page';
export const COMMAND_ASK_REGION = 'ask-region';
export const COMMAND_AUTO_DESCRIBE = 'auto-describe';

/** Commands that open nothing: they say what they did in the page itself. */
const SHOWS_NOTHING = new Set([COMMAND_AUTO_DESCRIBE]);

/** `panel`: the side panel's opening for this key press; where it opened, it shows what the command does instead of the popup. */
const COMMANDS: Record<string, (tab: Browser.tabs.Tab | undefined, panel: PanelOpening) => Promise<void>> = {
  // As from the menu, the ask's reads go out beside the question to the page (menus.ts).
  [COMMAND_ASK_IMAGE]: async (tab, panel) => {
    const reads = readForAsk();
    return askAboutPicture(await resolveFocusedTarget(tab), 'command', reads, panel);
  },
  [COMMAND_ALT_TEXT]: async (tab, panel) => {
    const reads = readForAsk();
    return generateAltText(await resolveFocusedTarget(tab), 'command', reads, panel);
  },
  [COMMAND_AUDIT_PAGE]: async (tab, panel) => auditPage(tab, panel),
  [COMMAND_ASK_REGION]: (tab, panel) => askAboutRegion(tab, { panel }),
  [COMMAND_AUTO_DESCRIBE]: (tab) => toggleBrowse(tab),
};

/**
 * The commands.onCommand listener; returns the answer's promise so tests can await it. Every
 * command here shows what it did, so the side panel, when it is the choice, is opened first, within
 * the key press (menus.ts says why). A command that shows nothing must not open it.
 */
export function onCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const run = COMMANDS[command];
  if (!run) return Promise.resolve();
  const panel = SHOWS_NOTHING.has(command) ? NO_PANEL : openAnswerSurface(tab);
  return run(tab, panel).catch((error: unknown) => reportFailure(`The "${command}" command`, error, panel));
}
