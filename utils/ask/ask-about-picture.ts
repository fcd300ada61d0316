/** The whole ask, from a chosen picture to a streamed answer. */
import { revealAnswer, showNotice } from '../badge';
import { t } from '../i18n';
import type { ResolvedPicture } from './resolve-target';
import { addToTray } from './compare';
import { answerWithPopup } from './answer-with-popup';
import { beginConversation, type AskReads } from './start';

/**
 * "Ask about this image" from the menu or the keyboard: a new conversation about the picture, the
 * popup beside its answer. `reads`: the ask's reads, when its caller started them beside finding the
 * picture (readForAsk).
 */
export async function askAboutPicture(resolved: ResolvedPicture | null, where: 'menu' | 'command', reads?: Promise<AskReads>): Promise<void> {
  if (!resolved) {
    await showNotice(where === 'menu' ? t('noPictureMenu') : t('noPictureCommand'));
    return;
  }
  await answerWithPopup(await beginConversation(resolved, undefined, reads));
}

/** "Add to comparison": into the tray, and the popup opens on it so the user sees it arrive. */
export async function collectForComparison(resolved: ResolvedPicture | null): Promise<void> {
  if (!resolved) {
    await showNotice(t('noPictureCompare'));
    return;
  }
  try {
    await addToTray(resolved);
  } catch (error) {
    // A full tray is an expected refusal, with its own sentence.
    await showNotice(error instanceof Error ? error.message : String(error));
    return;
  }
  await revealAnswer();
}
