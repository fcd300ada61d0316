/**
 * Background side: the bytes behind a picture's address. The extension's own request goes without
 * the user's cookies (a page must not make the extension fetch what only the user's login can
 * see), within a size and a time limit, and never ends on a private address it did not start
 * from. An address that refuses it (401/403, or a network error) is read by the page itself,
 * where the page's own rules and cookies apply.
 */
import { errorWords } from '../error-words';
import { t } from '../i18n';
import { sendToContent } from '../messages';
import { dataUrlToBytes } from './bytes';
import { ImageError } from './image-error';
import { MAX_PICTURE_BYTES } from './picture-limit';
import { isPrivateHost } from '../private-host';

/** A picture's server that has not sent it in this long is not waited for. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}
const LIMITS: DownloadLimits = { maxBytes: MAX_PICTURE_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS };
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

export interface PageFrame {
  tabId: number;
  frameId: number;
  /** The document the picture was found in: a frame that has moved on to another does not read it. */
  documentUrl?: string | undefined;
}

async function readThroughPage(url: string, page: PageFrame, why: string): Promise<Uint8Array> {
  try {
    const { dataUrl } = await sendToContent(page.tabId, page.frameId, 'readBytes', { url, ...(page.documentUrl ? { documentUrl: page.documentUrl } : {}) });
    return dataUrlToBytes(dataUrl).bytes;
  } catch (error) {
    throw new ImageError('unreachable', t('imgPageCannotRead', why, errorWords(error)));
  }
}

/** The body, read no further than `maxBytes`: a server may announce a small picture and send a large one. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length'));
  if (announced > maxBytes) throw new ImageError('too-large', t('imgDownloadTooLarge', megabytes(maxBytes)));
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ImageError('too-large', t('imgDownloadTooLarge', megabytes(maxBytes)));
    }
    parts.push(value);
  }
  return new Uint8Array(await new Blob(parts as Uint8Array<ArrayBuffer>[]).arrayBuffer());
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
      throw error;
    }
  }
  if ((response.status === 401 || response.status === 403) && page) {
    return readThroughPage(url, page, t('imgServerStatus', response.status));
  }
  throw new ImageError('unreachable', t('imgServerAnswered', `${response.status} ${response.statusText}`.trim()));
}
