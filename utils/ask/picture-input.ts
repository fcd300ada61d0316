/**
 * The picture as one turn sends it: its address where a server can fetch it, or bytes prepared
 * for the turn's model and detail (fetched again, or taken from the session's copy of what the
 * page read).
 */
import type { ApiFormat } from '../image/encodings';
import { fetchPictureBytes } from '../image/fetch-bytes';
import { dataUrlToBytes } from '../image/bytes';
import { ImageError } from '../shared/image-error';
import { prepareImage, type PreparedImage } from '../image/prepare';
import { rasterizeSvg } from '../image/rasterize-svg';
import { privatePictureOnPublicPage } from '../image/private-picture';
import { loadSource } from '../image/source-store';
import { chooseTransport, type Transport } from '../image/transport';
import { t } from '../shared/i18n';
import { presetOf } from '../profiles/presets';
import type { Profile, SendImagesAs, Uplink } from '../settings';
import { pageFrameOf, picturesOf, sourceKey, type Conversation, type PictureRef, type Turn } from './conversation';

export type PictureInput =
  | { sentAs: 'url'; imageUrl: string; notes: string[] }
  | { sentAs: 'bytes'; imageUrl: string; notes: string[]; prepared: PreparedImage; preparedMs: number };

/** How a profile's pictures travel, in which formats bytes may go (its preset's), and how fast they go up. */
export interface PictureRule {
  sendImagesAs: SendImagesAs;
  formats: readonly ApiFormat[];
  uplink?: Uplink;
}

/**
 * A profile's rule: its own choice of address or bytes, except to Chrome's model, which takes only
 * bytes and has no uplink at all (the picture stays in this computer: the quickest encoding).
 */
export function pictureRule(profile: Pick<Profile, 'preset' | 'sendImagesAs' | 'uplink'>): PictureRule {
  const preset = presetOf(profile.preset);
  if (preset.onDevice) return { sendImagesAs: 'bytes', formats: preset.pictureFormats, uplink: 'fast' };
  return { sendImagesAs: profile.sendImagesAs, formats: preset.pictureFormats, ...(profile.uplink ? { uplink: profile.uplink } : {}) };
}

/** The note that says why bytes were sent where the address might have done. */
function bytesNote(transport: Transport): string | undefined {
  if (transport.as !== 'bytes') return undefined;
  if (transport.why === 'private') return t('sentBecausePrivate', transport.detail ?? '');
  if (transport.why === 'scheme') return t('sentBecauseScheme', transport.detail ?? '');
  if (transport.why === 'not-web') return t('sentBecauseNotWeb');
  if (transport.why === 'low-detail') return t('sentBecauseLowDetail');
  return undefined; // the user chose bytes: nothing to explain
}

export async function pictureInput(
  conversationId: string,
  picture: PictureRef,
  index: number,
  turn: Pick<Turn, 'model' | 'detail'>,
  /** The rule of the profile asked (an address, the bytes, or whichever fits; the formats it takes). */
  rule: PictureRule,
  /** forceBytes: send bytes even where the address would do, saying this sentence about it. */
  options: { forceBytes?: string; signal?: AbortSignal } = {},
): Promise<PictureInput> {
  const started = performance.now();
  const { url } = picture;
  const notes: string[] = [];
  let bytes: Uint8Array;
  if (url) {
    const hidden = picture.privateAllowed ? undefined : privatePictureOnPublicPage(url, picture.pageUrl, picture.pageOrigin);
    if (hidden) throw new ImageError('private-on-public', t('imgPrivateOnPublic', hidden.picture, hidden.page));
    const transport = options.forceBytes ? undefined : chooseTransport(url, rule.sendImagesAs, turn);
    if (transport?.as === 'url') return { sentAs: 'url', imageUrl: url, notes };
    const note = options.forceBytes ?? (transport && bytesNote(transport));
    if (note) notes.push(note);
    bytes = await fetchPictureBytes(url, pageFrameOf(picture), options.signal);
  } else {
    const source = await loadSource(sourceKey(conversationId, index));
    if (!source) throw new ImageError('unavailable', t('errPictureGone'));
    bytes = dataUrlToBytes(source).bytes;
  }
  const prepared = await prepareImage(bytes, { model: turn.model, detail: turn.detail, formats: rule.formats, ...(rule.uplink ? { uplink: rule.uplink } : {}) }, rasterizeSvg);
  const preparedMs = Math.round(performance.now() - started);
  // What was done to the picture (converted, its first frame only) before why it went as bytes: the
  // popup shows the first note on its one line, the rest on demand.
  return { sentAs: 'bytes', imageUrl: prepared.dataUrl, notes: [...prepared.notes, ...notes], prepared, preparedMs };
}

/** Every picture of a conversation, prepared for a turn, and what the turn records about them. */
export interface PicturesInput {
  imageUrls: string[];
  /** Whether any picture went as an address (so a download failure is worth a retry with bytes). */
  anyUrl: boolean;
  fields: Pick<Turn, 'sentAs' | 'imageNotes' | 'sentImage'>;
  /** Thumbnails made while preparing, by picture position. */
  thumbnails: (string | undefined)[];
}

export async function picturesInput(
  conversation: Conversation,
  turn: Turn,
  rule: PictureRule,
  options: { forceBytes?: string; signal?: AbortSignal } = {},
): Promise<PicturesInput> {
  const pictures = picturesOf(conversation);
  const inputs = await Promise.all(pictures.map((picture, i) => pictureInput(conversation.id, picture, i, turn, rule, options)));
  const numbered = inputs.length > 1;
  const notes = inputs.flatMap((input, i) => input.notes.map((note) => (numbered ? t('pictureNote', t('pictureNumber', i + 1), note) : note)));
  const only = inputs.length === 1 ? inputs[0] : undefined;
  return {
    imageUrls: inputs.map((input) => input.imageUrl),
    anyUrl: inputs.some((input) => input.sentAs === 'url'),
    fields: {
      sentAs: inputs.every((input) => input.sentAs === 'url') ? 'url' : 'bytes',
      imageNotes: notes,
      ...(only?.sentAs === 'bytes'
        ? {
            sentImage: {
              width: only.prepared.width,
              height: only.prepared.height,
              bytes: only.prepared.bytes,
              originalBytes: only.prepared.original.bytes,
              preparedMs: only.preparedMs,
            },
          }
        : {}),
    },
    thumbnails: inputs.map((input) => (input.sentAs === 'bytes' ? input.prepared.thumbnail : undefined)),
  };
}
