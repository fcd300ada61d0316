/**
 * The picture as one turn sends it: its address where a server can fetch it, or bytes prepared
 * for the turn's model and detail (fetched again, or taken from the session's copy of what the
 * page read).
 */
import { fetchPictureBytes } from '../image/fetch-bytes';
import { dataUrlToBytes } from '../image/bytes';
import { ImageError } from '../image/image-error';
import { prepareImage, type PreparedImage } from '../image/prepare';
import { rasterizeSvg } from '../image/rasterize-svg';
import { loadSource } from '../image/source-store';
import { chooseTransport } from '../image/transport';
import type { Settings } from '../settings';
import type { Conversation, Turn } from './conversation';

export type PictureInput =
  | { sentAs: 'url'; imageUrl: string; notes: string[] }
  | { sentAs: 'bytes'; imageUrl: string; notes: string[]; prepared: PreparedImage; preparedMs: number };

const GONE =
  'The picture is no longer available (it was read from the page, and the browser has been restarted since). Right-click it again to ask about it. Nothing was sent.';

export async function pictureInput(
  conversation: Conversation,
  turn: Turn,
  settings: Settings,
  options: { forceBytes?: string; signal?: AbortSignal } = {},
): Promise<PictureInput> {
  const started = performance.now();
  const { url, page } = conversation.image;
  const notes: string[] = [];
  let bytes: Uint8Array;
  if (url) {
    const transport = options.forceBytes ? { as: 'bytes' as const, why: options.forceBytes } : chooseTransport(url, settings.sendImagesAs);
    if (transport.as === 'url') return { sentAs: 'url', imageUrl: url, notes };
    if (settings.sendImagesAs === 'auto' || options.forceBytes) notes.push(`The picture itself was sent, because ${transport.why}.`);
    bytes = await fetchPictureBytes(url, page, options.signal);
  } else {
    const source = await loadSource(conversation.id);
    if (!source) throw new ImageError('unavailable', GONE);
    bytes = dataUrlToBytes(source).bytes;
  }
  const prepared = await prepareImage(bytes, { model: turn.model, detail: turn.detail }, rasterizeSvg);
  const preparedMs = Math.round(performance.now() - started);
  return { sentAs: 'bytes', imageUrl: prepared.dataUrl, notes: [...notes, ...prepared.notes], prepared, preparedMs };
}
