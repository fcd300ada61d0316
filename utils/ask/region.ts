/**
 * "Select a region to ask about": the page lets the user draw a rectangle (region-select.ts), and a
 * screenshot of the tab cropped to it, at the screen's pixel density, becomes the picture. It works
 * over anything on screen, a chart drawn in HTML, a table, a map, a frame from another site.
 */
import type { Browser } from 'wxt/browser';
import type { PanelOpening } from '../background/panel-opening';
import { showNotice } from '../badge';
import { captureBox } from '../image/capture';
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import { answerWithPopup } from './answer-with-popup';
import { beginConversation } from './start';

/** A rectangle smaller than this on either side is a click, not a region. */
export const MIN_REGION = 4;

/**
 * `noPicture`: asked for where the user right-clicked no picture (plain text, an empty area), so
 * the overlay says that first: what is on screen there can still be asked about. `panel`: the side
 * panel's opening for the ask, which then shows the answer instead of the popup (answer-surface.ts).
 */
export async function askAboutRegion(tab: Browser.tabs.Tab | undefined, options: { noPicture?: boolean; panel?: PanelOpening } = {}): Promise<void> {
  const { panel } = options;
  if (tab?.id === undefined) {
    await showNotice(t('regionNoPage'), panel);
    return;
  }
  let chosen;
  try {
    chosen = await sendToContent(tab.id, 0, 'selectRegion', options.noPicture ? { noPicture: true } : undefined);
  } catch (error) {
    console.info('The page could not show the region overlay.', error);
    await showNotice(t('regionCannotSelect'), panel);
    return;
  }
  if (!chosen) return; // Escape: the user changed their mind, and nothing is said or sent.
  const { rect, devicePixelRatio } = chosen;
  if (rect.width < MIN_REGION || rect.height < MIN_REGION) {
    await showNotice(t('regionEmpty'), panel);
    return;
  }
  const sourceDataUrl = await captureBox(tab, rect, devicePixelRatio);
  const width = Math.round(rect.width * devicePixelRatio);
  const height = Math.round(rect.height * devicePixelRatio);
  const begun = await beginConversation({
    picture: { kind: 'page region', pageUrl: tab.url ?? '', pageTitle: tab.title ?? '', width, height },
    sourceDataUrl,
    ...(tab.incognito ? { incognito: true } : {}),
  });
  await answerWithPopup(begun, panel);
}
