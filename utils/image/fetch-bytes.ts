/**
 * Background side: the bytes behind a picture's address. The extension's own request is tried
 * first; an address that refuses it (401/403, or a network error) is read by the page itself,
 * with the page's cookies.
 */
import { sendToContent } from '../messages';
import { dataUrlToBytes } from './bytes';
import { errorWords } from '../error-words';
import { t } from '../i18n';
import { ImageError } from './image-error';

export interface PageFrame {
  tabId: number;
  frameId: number;
}

async function readThroughPage(url: string, page: PageFrame, why: string): Promise<Uint8Array> {
  try {
    const { dataUrl } = await sendToContent(page.tabId, page.frameId, 'readBytes', { url });
    return dataUrlToBytes(dataUrl).bytes;
  } catch (error) {
    throw new ImageError('unreachable', t('imgPageCannotRead', why, errorWords(error)));
  }
}

export async function fetchPictureBytes(url: string, page: PageFrame | undefined, signal?: AbortSignal): Promise<Uint8Array> {
  if (url.startsWith('data:')) return dataUrlToBytes(url).bytes;
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    const why = errorWords(error);
    if (url.startsWith('file:')) {
      throw new ImageError('unreachable', t('imgFileAccess'));
    }
    if (page) return readThroughPage(url, page, why);
    throw new ImageError('unreachable', t('imgDownloadFailed', why));
  }
  if (response.ok) return new Uint8Array(await response.arrayBuffer());
  if ((response.status === 401 || response.status === 403) && page) {
    return readThroughPage(url, page, t('imgServerStatus', response.status));
  }
  throw new ImageError('unreachable', t('imgServerAnswered', `${response.status} ${response.statusText}`.trim()));
}
