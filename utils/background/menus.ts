/** The context menu: its items, and what each does when chosen. */
import { browser, type Browser } from 'wxt/browser';
import { askAboutPicture } from '../ask/ask-about-picture';
import { resolveTarget } from '../ask/resolve-target';

export const MENU_ASK_IMAGE = 'ask-image';

type MenuAction = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => Promise<void>;

const ACTIONS: Record<string, MenuAction> = {
  [MENU_ASK_IMAGE]: async (info, tab) => askAboutPicture(await resolveTarget(info, tab)),
};

export async function registerMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_ASK_IMAGE,
    title: browser.i18n.getMessage('menuAskImage'),
    // Menus are shown in every frame by default; the content script runs in all of them too.
    contexts: ['image'],
  });
}

/** The contextMenus.onClicked listener. It returns the answer's promise so tests can await it. */
export function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  const action = ACTIONS[String(info.menuItemId)];
  if (!action) return Promise.resolve();
  return action(info, tab).catch((error: unknown) => {
    console.error(`The "${String(info.menuItemId)}" menu item failed.`, error);
  });
}
