/** The context menu: its items, and what each does when chosen. */
import { browser, type Browser } from 'wxt/browser';
import { askAboutPicture } from '../ask/ask-about-picture';
import { resolveTarget } from '../ask/resolve-target';

export const MENU_ASK_IMAGE = 'ask-image';

type MenuAction = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => Promise<void>;

const ACTIONS: Record<string, MenuAction> = {
  [MENU_ASK_IMAGE]: async (info, tab) => askAboutPicture(await resolveTarget(info, tab), 'menu'),
};

export async function registerMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_ASK_IMAGE,
    title: browser.i18n.getMessage('menuAskImage'),
    // Not only <img>: CSS backgrounds, canvases, video frames and inline SVG are found by the content
    // script from wherever the user right-clicked. Menus show in every frame, like the content script.
    contexts: ['image', 'video', 'page', 'frame', 'link'],
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
