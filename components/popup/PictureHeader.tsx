import type { PictureRef } from '../../utils/ask/conversation';
import { plural, t } from '../../utils/i18n';
import { kindWord } from '../../utils/image/kind-words';

/**
 * The thumbnail the background made, never the picture's web address: loading that on every
 * opening of the popup would tell the site each time (thumbnails.ts).
 */
function Thumbnail({ picture, label }: { picture: PictureRef; label: string }) {
  const src = picture.thumbnail;
  return src ? <img src={src} alt={picture.alt ?? label} /> : <div class="placeholder" role="img" aria-label={picture.alt ?? label} />;
}

/** The picture asked about (or a comparison's numbered pictures), and where it came from. */
export function PictureHeader({ pictures }: { pictures: PictureRef[] }) {
  const [first] = pictures;
  if (!first) return null;
  if (pictures.length > 1) {
    return (
      <header class="picture">
        <ol class="compared" aria-label={plural('comparedPictures', pictures.length)}>
          {pictures.map((picture, i) => (
            <li key={i}>
              <span class="number" aria-hidden="true">{i + 1}</span>
              <Thumbnail picture={picture} label={t('pictureNumber', i + 1)} />
            </li>
          ))}
        </ol>
      </header>
    );
  }
  const label = first.kind === 'image' ? t('thePictureYouAskedAbout') : t('theKindYouAskedAbout', kindWord(first.kind));
  return (
    <header class="picture">
      <Thumbnail picture={first} label={label} />
      <div>
        <p class="page-title">{first.pageTitle || first.pageUrl || t('aPicture')}</p>
        {first.kind !== 'image' ? <p class="muted">{t('pictureKind', kindWord(first.kind))}</p> : null}
        {first.alt ? <p class="muted">{t('itsAltText', first.alt)}</p> : null}
      </div>
    </header>
  );
}
