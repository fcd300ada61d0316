/** Which picture the user meant: the menu's srcUrl, refined by what the page's content script saw. */
import type { Browser } from 'wxt/browser';
import { sendToContent, type TargetDescription } from '../messages';
import type { PictureRef } from './conversation';

async function askPage(
  tabId: number,
  frameId: number,
  reason: 'menu' | 'command',
): Promise<TargetDescription | null> {
  try {
    return await sendToContent(tabId, frameId, 'describeTarget', { reason });
  } catch (error) {
    // No content script in that frame: a page opened before the extension was installed, or one
    // the browser does not let extensions into. The menu's own URL is still good.
    console.info('The page could not describe the picture; using the menu\'s address.', error);
    return null;
  }
}

export async function resolveTarget(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<PictureRef | null> {
  const described = tab?.id === undefined ? null : await askPage(tab.id, info.frameId ?? 0, 'menu');
  const url = described?.srcUrl ?? info.srcUrl;
  if (!url) return null;
  return {
    url,
    ...(described?.alt ? { alt: described.alt } : {}),
    ...(described?.width && described.height ? { width: described.width, height: described.height } : {}),
    pageUrl: described?.pageUrl ?? info.frameUrl ?? info.pageUrl ?? tab?.url ?? '',
    pageTitle: described?.pageTitle ?? tab?.title ?? '',
  };
}

/** For the keyboard command: the focused or last pointed-at picture in the top frame. */
export async function resolveFocusedTarget(tab: Browser.tabs.Tab | undefined): Promise<PictureRef | null> {
  if (tab?.id === undefined) return null;
  const described = await askPage(tab.id, 0, 'command');
  if (!described) return null;
  const { srcUrl, ...rest } = described;
  return { url: srcUrl, ...rest };
}
