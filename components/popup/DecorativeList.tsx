import type { ScannedPicture } from '../../utils/shared/alt-text-types';
import { t } from '../../utils/shared/i18n';
import { kindWord } from '../../utils/image/kind-words';

/** The pictures the page marks as decorative, listed apart for review (by address, never loaded). */
export function DecorativeList({ pictures }: { pictures: readonly ScannedPicture[] }) {
  return (
    <details class="decorative-list">
      <summary>{t('auditDecorativeTitle', pictures.length)}</summary>
      <p class="muted">{t('auditDecorativeHint')}</p>
      <ul>
        {pictures.map((picture) => (
          <li key={picture.elementId}>{picture.url && picture.url.length < 300 ? picture.url : t('auditNoAddress', kindWord(picture.kind))}</li>
        ))}
      </ul>
    </details>
  );
}
