import type { PictureRef } from '../../utils/ask/conversation';

/** The picture asked about: its thumbnail (or, for an address, the picture itself, small), and where it came from. */
export function PictureHeader({ picture }: { picture: PictureRef }) {
  const src = picture.thumbnail ?? picture.url;
  const described = picture.kind === 'image' ? 'The picture you asked about' : `The ${picture.kind} you asked about`;
  return (
    <header class="picture">
      {src ? <img src={src} alt={picture.alt ?? described} /> : <div class="placeholder" aria-hidden="true" />}
      <div>
        <p class="page-title">{picture.pageTitle || picture.pageUrl || 'A picture'}</p>
        {picture.kind !== 'image' ? <p class="muted">A {picture.kind}</p> : null}
        {picture.alt ? <p class="muted">Its alt text: “{picture.alt}”</p> : null}
      </div>
    </header>
  );
}
