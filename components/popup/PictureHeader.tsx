import type { PictureRef } from '../../utils/ask/conversation';
import { plural, t } from '../../utils/shared/i18n';
import { kindWord } from '../../utils/image/kind-words';

/**
 * The thumbnail the background made, never the picture's web address: loading that on every
 * opening of the popup would tell the site each time (thumbnails.ts).
 */
function Thumbnail({ picture, label }: { picture: PictureRef; label: string }) {
  const src = picture.thumbnail;
  return src ? <img src={src} alt={picture.alt ?? label} /> : <div class="placeholder" role="img" aria-label={picture.alt ?? label} />;
}

/** The picture asked about (or a comparison's numbered pictures), and where it came from: a compact header. */
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
  const title = first.pageTitle || first.pageUrl || t('aPicture');
  const meta = [first.kind !== 'image' ? t('pictureKind', kindWord(first.kind)) : '', first.alt ? t('itsAltText', first.alt) : ''].filter(Boolean).join(' · ');
  return (
    <header class="picture">
      <Thumbnail picture={first} label={label} />
      {/* Two short lines at most, each cut with an ellipsis (the whole of it in the tooltip): the answer needs the height. */}
      <div class="picture-text">
        <p class="page-title" title={title}>{title}</p>
        {meta ? <p class="muted" title={meta}>{meta}</p> : null}
      </div>
    </header>
  );
}
