/** The whole ask, from a chosen picture to a streamed answer. */
import { revealAnswer, showNoPicture } from '../badge';
import type { ResolvedPicture } from './resolve-target';
import { createConversation } from './start';

export async function askAboutPicture(resolved: ResolvedPicture | null, where: 'menu' | 'command'): Promise<void> {
  if (!resolved) {
    await showNoPicture(
      where === 'menu'
        ? 'There is no picture where you right-clicked, so nothing was sent. Right-click on the picture itself.'
        : 'No picture has the focus or is under the pointer, so nothing was sent. Point at a picture, or move the focus to it, and try again.',
    );
    return;
  }
  const { answer } = await createConversation(resolved);
  await revealAnswer();
  await answer();
}
