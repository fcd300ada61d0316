/** The whole ask, from a chosen picture to a streamed answer. */
import { revealAnswer, showNoPicture } from '../badge';
import type { PictureRef } from './conversation';
import { createConversation } from './start';

export async function askAboutPicture(picture: PictureRef | null): Promise<void> {
  if (!picture) {
    await showNoPicture();
    return;
  }
  const { answer } = await createConversation(picture);
  await revealAnswer();
  await answer();
}
