/** Keyboard commands (manifest "commands"): the same asks as the menu, for people who do not use a mouse. */
import type { Browser } from 'wxt/browser';
import { askAboutPicture } from '../ask/ask-about-picture';
import { resolveFocusedTarget } from '../ask/resolve-target';
import { reportFailure } from './report-failure';

export const COMMAND_ASK_IMAGE = 'ask-image';

const COMMANDS: Record<string, (tab?: Browser.tabs.Tab) => Promise<void>> = {
  [COMMAND_ASK_IMAGE]: async (tab) => askAboutPicture(await resolveFocusedTarget(tab), 'command'),
};

/** The commands.onCommand listener; returns the answer's promise so tests can await it. */
export function onCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const run = COMMANDS[command];
  if (!run) return Promise.resolve();
  return run(tab).catch((error: unknown) => reportFailure(`The "${command}" command`, error));
}
