/**
 * Reads a picture's body no further than a byte limit, whoever downloads it: the background
 * (fetch-bytes.ts) or the page itself with its cookies (page-target.ts). A server may announce a
 * small picture and send a large one, so the limit holds on what arrives, not on what is promised.
 */
import { t } from './i18n';
import { ImageError } from './image-error';

export const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The body, read no further than `maxBytes`: a server may announce a small picture and send a large one. */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length'));
  if (announced > maxBytes) {
    // Refused before reading: the download is ended too, not left to run on unread.
    await response.body?.cancel();
    throw new ImageError('too-large', t('imgDownloadTooLarge', megabytes(maxBytes)));
  }
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

