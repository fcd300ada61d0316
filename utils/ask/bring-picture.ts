/**
 * Pictures the user brings to the popup rather than right-clicks on a page: a file opened, pasted
 * or dropped, or an address typed or pasted. Each starts a conversation exactly as a right-click
 * would (the same preparation, estimate, spend, history and cache); several at once go to the
 * comparison tray. What is not a picture is refused with a sentence before anything is sent.
 */
import { dataUrlToBytes } from '../image/bytes';
import { fetchPictureBytes } from '../image/fetch-bytes';
import { readHeader } from '../image/header';
import { t } from '../shared/i18n';
import { MAX_PICTURE_BYTES } from '../shared/picture-limit';
import { addToTray, TRAY_LIMIT } from './compare';
import type { PictureRef } from './conversation';
import type { ResolvedPicture } from './resolve-target';
import { createConversation } from './start';


export interface BroughtFile {
  dataUrl: string;
  /** The file's name, or a word for a pasted picture; shown where a page title would be. */
  name: string;
}

/** Checks a file the popup read, and what the conversation will say of it. */
function fromFile(file: BroughtFile): ResolvedPicture {
  if (typeof file.dataUrl !== 'string' || !file.dataUrl.startsWith('data:')) throw new Error(t('bringNotAFile'));
  // Base64 is four characters for three bytes.
  if (file.dataUrl.length > (MAX_PICTURE_BYTES / 3) * 4 + 100) throw new Error(t('bringTooLarge', Math.round(MAX_PICTURE_BYTES / 1024 / 1024)));
  const header = readHeader(dataUrlToBytes(file.dataUrl).bytes);
  const picture: PictureRef = { kind: 'image', pageTitle: String(file.name ?? '').slice(0, 200), width: header.width, height: header.height };
  return { picture, sourceDataUrl: file.dataUrl };
}

/** Starts the conversation (one picture) or fills the comparison tray (several); returns what it did. */
export async function bringFiles(files: BroughtFile[]): Promise<{ done: Promise<void>; to: 'conversation' | 'compare' }> {
  if (!Array.isArray(files) || files.length === 0) throw new Error(t('bringNothing'));
  // Every file is checked before any is used: one bad file in a drop sends nothing.
  const pictures = files.map(fromFile);
  if (pictures.length === 1) {
    const { answer } = await createConversation(pictures[0]!);
    return { done: answer(), to: 'conversation' };
  }
  if (pictures.length > TRAY_LIMIT) throw new Error(t('trayFull', TRAY_LIMIT));
  for (const picture of pictures) await addToTray(picture);
  return { done: Promise.resolve(), to: 'compare' };
}

/**
 * An address typed or pasted. It is read first: a page that is not a picture (a sign-in page, a
 * gallery's HTML) is refused here, and the picture's size gives the estimate.
 */
export async function bringAddress(address: string): Promise<{ done: Promise<void> }> {
  const text = typeof address === 'string' ? address.trim() : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(t('bringNotAnAddress', text.slice(0, 100)));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'data:') throw new Error(t('bringNotAnAddress', text.slice(0, 100)));
  const header = readHeader(await fetchPictureBytes(url.href, undefined));
  const size = { width: header.width, height: header.height };
  // A data: address is the picture itself: kept like pixels read from a page, never in the conversation.
  const resolved: ResolvedPicture =
    url.protocol === 'data:'
      ? { picture: { kind: 'image', pageTitle: t('pastedPicture'), ...size }, sourceDataUrl: url.href }
      : { picture: { kind: 'image', url: url.href, pageUrl: url.href, pageTitle: url.hostname, ...size } };
  const { answer } = await createConversation(resolved);
  return { done: answer() };
}
