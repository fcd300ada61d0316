/** A picture as the page audit's scan reports it, for unit tests: an unlabelled 1024 x 768 image. */
import type { ScannedPicture } from '../../utils/shared/alt-text-types';

export function scannedPicture(id: string, fields: Partial<ScannedPicture> = {}): ScannedPicture {
  return {
    elementId: id,
    kind: 'image',
    url: `https://example.com/${id}.jpg`,
    currentAlt: null,
    need: { needs: true, reason: 'missing' },
    width: 1024,
    height: 768,
    context: { lang: 'en', pageTitle: 'A page' },
    ...fields,
  };
}
