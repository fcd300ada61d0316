/** The context menu: its items, and what each does when chosen. */
import { browser, type Browser } from 'wxt/browser';
import { askAboutPicture, collectForComparison } from '../ask/ask-about-picture';
import { generateAltText } from '../alt-text/one-picture';
import { askAboutRegion } from '../ask/region';
import { resolveTarget } from '../ask/resolve-target';
import { readForAsk } from '../ask/start';
import { t } from '../shared/i18n';
import { openAnswerSurface } from './answer-surface';
import type { PanelOpening } from './panel-opening';
import { reportFailure } from './report-failure';

export const MENU_ASK_IMAGE = 'ask-image';
export const MENU_ALT_TEXT = 'alt-text';
export const MENU_COMPARE_ADD = 'compare-add';
export const MENU_ASK_REGION = 'ask-region';

/** `panel`: the side panel's opening for this click; where it opened, it shows what the item does instead of the popup. */
type MenuAction = (info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined, panel: PanelOpening) => Promise<void>;

const ACTIONS: Record<string, MenuAction> = {
  [MENU_ASK_IMAGE]: async (info, tab, panel) => {
    // The ask's reads go out beside the question to the page about which picture it was.
    const reads = readForAsk();
    const resolved = await resolveTarget(info, tab);
    // The item shows on text too (Chrome builds the menu before anything can tell what is under the
    // pointer): with no picture there, what is on screen can still be asked about, as a region.
    if (!resolved && tab?.id !== undefined) return askAboutRegion(tab, { noPicture: true, panel });
    return askAboutPicture(resolved, 'menu', reads, panel);
  },
  [MENU_ALT_TEXT]: async (info, tab, panel) => {
    const reads = readForAsk();
    return generateAltText(await resolveTarget(info, tab), 'menu', reads, panel);
  },
  [MENU_COMPARE_ADD]: async (info, tab, panel) => collectForComparison(await resolveTarget(info, tab), panel),
  [MENU_ASK_REGION]: (_info, tab, panel) => askAboutRegion(tab, { panel }),
};

/** Same contexts for every item: anything that may hold a picture, resolved by the content script. */
const CONTEXTS = ['image', 'video', 'page', 'frame', 'link'] as const;

export async function registerMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  // Not only <img>: CSS backgrounds, canvases, video frames and inline SVG are found by the content
  // script from wherever the user right-clicked. Menus show in every frame, like the content script.
  browser.contextMenus.create({ id: MENU_ASK_IMAGE, title: t('menuAskImage'), contexts: [...CONTEXTS] });
  browser.contextMenus.create({ id: MENU_ALT_TEXT, title: t('menuAltText'), contexts: [...CONTEXTS] });
  browser.contextMenus.create({ id: MENU_COMPARE_ADD, title: t('menuCompareAdd'), contexts: [...CONTEXTS] });
  // Anywhere on a page, text included: a region is for what is not a picture (a chart in HTML, a table).
  browser.contextMenus.create({ id: MENU_ASK_REGION, title: t('menuAskRegion'), contexts: [...CONTEXTS, 'selection'] });
}

/**
 * The contextMenus.onClicked listener. It returns the answer's promise so tests can await it.
 * Every item shows what it did, so the side panel, when it is the choice, is opened first: the
 * browser takes that request only within the click, before anything here has awaited.
 */
export function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  const action = ACTIONS[String(info.menuItemId)];
  if (!action) return Promise.resolve();
  const panel = openAnswerSurface(tab);
  return action(info, tab, panel).catch((error: unknown) => reportFailure(`The "${String(info.menuItemId)}" menu item`, error, panel));
}
