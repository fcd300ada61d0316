import type { PictureRef } from '../../utils/ask/conversation';

export function PictureHeader({ picture }: { picture: PictureRef }) {
  return (
    <header class="picture">
      <img src={picture.url} alt={picture.alt ?? 'The picture you asked about'} />
      <div>
        <p class="page-title">{picture.pageTitle || picture.pageUrl || 'A picture'}</p>
        {picture.alt ? <p class="muted">Its alt text: “{picture.alt}”</p> : null}
      </div>
    </header>
  );
}
