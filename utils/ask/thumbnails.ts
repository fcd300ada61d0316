/**
 * The small pictures the popup, the history and the comparison show. They are made here, in the
 * background, and stored with the conversation: the popup never loads a picture's web address, so
 * opening it again and again tells the picture's site nothing.
 */
import { dataUrlToBytes } from '../image/bytes';
import { fetchPictureBytes } from '../image/fetch-bytes';
import { thumbnailOfBytes } from '../image/prepare';
import { privatePictureOnPublicPage } from '../image/private-picture';
import { pageFrameOf, type Conversation, type PictureRef } from './conversation';
import { updateConversation } from './conversation-store';

/** Thumbnails kept on the conversation's pictures that had none, by picture position. */
export function withThumbnails(conversation: Conversation, thumbnails: readonly (string | undefined)[]): Conversation {
  const add = (picture: PictureRef, i: number): PictureRef =>
    picture.thumbnail || !thumbnails[i] ? picture : { ...picture, thumbnail: thumbnails[i] };
  return {
    ...conversation,
    image: add(conversation.image, 0),
    ...(conversation.comparison ? { comparison: conversation.comparison.map(add) } : {}),
  };
}

/**
 * A thumbnail of a picture the extension has not read: its bytes when the page gave them, else its
 * address downloaded once, without cookies. Undefined when it cannot be made; nothing needs it.
 */
export async function thumbnailFor(picture: PictureRef, sourceDataUrl?: string): Promise<string | undefined> {
  try {
    if (sourceDataUrl) return await thumbnailOfBytes(dataUrlToBytes(sourceDataUrl).bytes);
    // A private picture on a public page is not read for a thumbnail either, until the user says so.
    if (picture.url && (picture.privateAllowed || !privatePictureOnPublicPage(picture.url, picture.pageUrl, picture.pageOrigin))) {
      return await thumbnailOfBytes(await fetchPictureBytes(picture.url, pageFrameOf(picture)));
    }
  } catch (error) {
    // The popup shows a placeholder instead.
    console.info('No thumbnail for this picture.', error);
  }
  return undefined;
}

/**
 * For pictures sent as their address (so never downloaded by the extension), makes each one's
 * thumbnail. Runs beside the request, never holding it up.
 */
export async function addAddressThumbnails(conversationId: string, pictures: readonly PictureRef[], made: readonly (string | undefined)[]): Promise<void> {
  const thumbnails = await Promise.all(
    pictures.map((picture, i) => (picture.thumbnail || made[i] || !picture.url ? undefined : thumbnailFor(picture))),
  );
  if (thumbnails.some(Boolean)) await updateConversation(conversationId, (c) => withThumbnails(c, thumbnails));
}
