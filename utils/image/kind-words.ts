/** A kind of picture in the UI's language, for the sentences that name it. */
import { t, type MessageKey } from '../shared/i18n';
import type { PictureKind } from '../shared/picture-source';

const WORDS: Record<PictureKind, MessageKey> = {
  image: 'kindImage',
  'background image': 'kindBackgroundImage',
  'canvas drawing': 'kindCanvasDrawing',
  'video frame': 'kindVideoFrame',
  'SVG drawing': 'kindSvgDrawing',
  'page region': 'kindPageRegion',
};

export function kindWord(kind: PictureKind): string {
  return t(WORDS[kind]);
}
