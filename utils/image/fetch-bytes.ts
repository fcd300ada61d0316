/**
 * Background side: the bytes behind a picture's address. The extension's own request goes without
 * the user's cookies (a page must not make the extension fetch what only the user's login can
 * see), within a size and a time limit, and never ends on a private address it did not start
 * from. An address that refuses it (401/403, or a network error) is read by the page itself,
 * where the page's own rules and cookies apply.
 */
import { errorWords } from '../error-words';
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import { dataUrlToBytes } from './bytes';
import { ImageError } from '../shared/image-error';
import { DOWNLOAD_TIMEOUT_MS, MAX_PICTURE_BYTES } from '../shared/picture-limit';
import { megabytes, readCapped } from '../shared/read-capped';
import { isPrivateHost } from '../private-host';

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}
const LIMITS: DownloadLimits = { maxBytes: MAX_PICTURE_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS };

export interface PageFrame {
  tabId: number;
  frameId: number;
  /** The document the picture was found in: a frame that has moved on to another does not read it. */
  documentUrl?: string | undefined;
}

/** Base64 of the largest picture read, with room for the data: prefix and its type. */
const MAX_DATA_URL_LENGTH = Math.ceil(MAX_PICTURE_BYTES / 3) * 4 + 256;

async function readThroughPage(url: string, page: PageFrame, why: string): Promise<Uint8Array> {
  let dataUrl: string;
  try {
    ({ dataUrl } = await sendToContent(page.tabId, page.frameId, 'readBytes', { url, ...(page.documentUrl ? { documentUrl: page.documentUrl } : {}) }));
  } catch (error) {
    throw new ImageError('unreachable', t('imgPageCannotRead', why, errorWords(error)));
  }
  // The page caps what it reads (page-target.ts), but its answer is checked here too: a page
  // with a compromised renderer could answer with anything.
  if (dataUrl.length > MAX_DATA_URL_LENGTH) throw new ImageError('too-large', t('imgDownloadTooLarge', megabytes(MAX_PICTURE_BYTES)));
  try {
    return dataUrlToBytes(dataUrl).bytes;
  } catch (error) {
    throw new ImageError('unreachable', t('imgPageCannotRead', why, errorWords(error)));
  }
}

export async function fetchPictureBytes(url: string, page: PageFrame | undefined, signal?: AbortSignal, limits: DownloadLimits = LIMITS): Promise<Uint8Array> {
  if (url.startsWith('data:')) return dataUrlToBytes(url).bytes;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const timedOut = () => new ImageError('unreachable', t('imgDownloadTimedOut', Math.round(limits.timeoutMs / 1000)));
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', redirect: 'follow', signal: both });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw timedOut();
    const why = errorWords(error);
    if (url.startsWith('file:')) {
      throw new ImageError('unreachable', t('imgFileAccess'));
    }
    if (page) return readThroughPage(url, page, why);
    throw new ImageError('unreachable', t('imgDownloadFailed', why));
  }
  // A public address that redirects into a private network (a router, an intranet) is refused:
  // the page would be using the extension to look where it cannot.
  const final = new URL(response.url || url);
  if (response.redirected && isPrivateHost(final.hostname) && !isPrivateHost(new URL(url).hostname)) {
    await response.body?.cancel();
    throw new ImageError('unreachable', t('imgRedirectedPrivate', final.host));
  }
  if (response.ok) {
    try {
      return await readCapped(response, limits.maxBytes);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (timeout.aborted) throw timedOut();
      if (error instanceof ImageError) throw error;
      // The body broke off once the answer had begun (a cut connection, a Content-Length that lied).
      throw new ImageError('unreachable', t('imgDownloadFailed', errorWords(error)));
    }
  }
  if ((response.status === 401 || response.status === 403) && page) {
    return readThroughPage(url, page, t('imgServerStatus', response.status));
  }
  throw new ImageError('unreachable', t('imgServerAnswered', `${response.status} ${response.statusText}`.trim()));
}
