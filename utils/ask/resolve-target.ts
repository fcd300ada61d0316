/** Which picture the user meant, and its pixels where the page had to read them itself. */
import type { Browser } from 'wxt/browser';
import { captureBox } from '../image/capture';
import { NOT_A_PICTURE, sendToAllFrames, sendToContent, type TargetDescription } from '../shared/messages';
import type { PictureRef } from './conversation';

export interface ResolvedPicture {
  picture: PictureRef;
  /** Pixels read from the page (or a screenshot of them), when the picture has no web address. */
  sourceDataUrl?: string;
  /** Found in a private (incognito) window: nothing about it may outlive that window. */
  incognito?: boolean;
}

async function askPage(
  tabId: number,
  frameId: number,
  reason: 'menu' | 'command',
  targetElementId?: number,
): Promise<TargetDescription | typeof NOT_A_PICTURE | null> {
  try {
    // A child frame asks its parents where it is (for a screenshot's crop); they answer only this secret.
    const frameSecret = frameId === 0 ? undefined : crypto.randomUUID();
    if (frameSecret) await sendToAllFrames(tabId, 'expectFrameQuestion', { secret: frameSecret });
    return await sendToContent(tabId, frameId, 'describeTarget', {
      reason,
      ...(targetElementId !== undefined ? { targetElementId } : {}),
      ...(frameSecret ? { frameSecret } : {}),
    });
  } catch (error) {
    // No content script in that frame: a page opened before the extension was installed, or one
    // the browser does not let extensions into. The menu's own URL may still be good.
    console.info("The page could not describe the picture; using the menu's address.", error);
    return null;
  }
}

async function fromDescription(described: TargetDescription, tab: Browser.tabs.Tab, frameId: number): Promise<ResolvedPicture> {
  const { source, kind, alt, width, height, pageUrl, pageOrigin, pageTitle, elementId, context } = described;
  const picture: PictureRef = {
    kind,
    pageUrl,
    ...(pageOrigin ? { pageOrigin } : {}),
    pageTitle,
    ...(alt ? { alt } : {}),
    ...(width && height ? { width, height } : {}),
    ...(tab.id !== undefined ? { page: { tabId: tab.id, frameId, elementId } } : {}),
    context,
  };
  const incognito = tab.incognito ? { incognito: true } : {};
  if (source.kind === 'url' && !source.url.startsWith('data:')) return { picture: { ...picture, url: source.url }, ...incognito };
  if (source.kind === 'url') return { picture, sourceDataUrl: source.url, ...incognito };
  if (source.kind === 'data') return { picture, sourceDataUrl: source.dataUrl, ...incognito };
  return { picture, sourceDataUrl: await captureBox(tab, source.rect, source.devicePixelRatio), ...incognito };
}

export async function resolveTarget(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<ResolvedPicture | null> {
  const frameId = info.frameId ?? 0;
  const targetElementId = (info as { targetElementId?: number }).targetElementId;
  const described = tab?.id === undefined ? null : await askPage(tab.id, frameId, 'menu', targetElementId);
  if (described === NOT_A_PICTURE) return null;
  if (described && tab) return fromDescription(described, tab, frameId);
  if (info.mediaType === 'image' && info.srcUrl) {
    const pageUrl = info.frameUrl ?? info.pageUrl ?? tab?.url ?? '';
    // A frame the page wrote (about:srcdoc, data:) answers to the page holding it: the tab's page.
    const pageOrigin = [info.frameUrl, info.pageUrl, tab?.url].find((address) => address && /^https?:\/\//i.test(address));
    const picture: PictureRef = { kind: 'image', url: info.srcUrl, pageUrl, ...(pageOrigin && pageOrigin !== pageUrl ? { pageOrigin } : {}), pageTitle: tab?.title ?? '' };
    return { picture, ...(tab?.incognito ? { incognito: true } : {}) };
  }
  return null;
}

/** For the keyboard command: the focused or last pointed-at picture in the top frame. */
export async function resolveFocusedTarget(tab: Browser.tabs.Tab | undefined): Promise<ResolvedPicture | null> {
  if (tab?.id === undefined) return null;
  const described = await askPage(tab.id, 0, 'command');
  return described && described !== NOT_A_PICTURE ? fromDescription(described, tab, 0) : null;
}
