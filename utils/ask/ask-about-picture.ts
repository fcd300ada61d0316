/** The whole ask, from a chosen picture to a streamed answer. */
import type { PanelOpening } from '../background/panel-opening';
import { revealAnswer, showNotice } from '../badge';
import { t } from '../shared/i18n';
import type { ResolvedPicture } from './resolve-target';
import { addToTray } from './compare';
import { answerWithPopup } from './answer-with-popup';
import { beginConversation, type AskReads } from './start';

/**
 * "Ask about this image" from the menu or the keyboard: a new conversation about the picture, the
 * popup beside its answer. `reads`: the ask's reads, when its caller started them beside finding the
 * picture (readForAsk). `panel`: the side panel's opening for the ask, which then shows the answer
 * instead of the popup (answer-surface.ts).
 */
export async function askAboutPicture(resolved: ResolvedPicture | null, where: 'menu' | 'command', reads?: Promise<AskReads>, panel?: PanelOpening): Promise<void> {
  if (!resolved) {
    await showNotice(where === 'menu' ? t('noPictureMenu') : t('noPictureCommand'), panel);
    return;
  }
  await answerWithPopup(await beginConversation(resolved, undefined, reads), panel);
}

/** "Add to comparison": into the tray, and the popup (or the side panel, `panel`) opens on it so the user sees it arrive. */
export async function collectForComparison(resolved: ResolvedPicture | null, panel?: PanelOpening): Promise<void> {
  if (!resolved) {
    await showNotice(t('noPictureCompare'), panel);
    return;
  }
  try {
    await addToTray(resolved);
  } catch (error) {
    // A full tray is an expected refusal, with its own sentence.
    await showNotice(error instanceof Error ? error.message : String(error), panel);
    return;
  }
  await revealAnswer(panel);
}
