import type { Turn } from '../../utils/ask/conversation';
import { t } from '../../utils/i18n';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} kB`;

/** How the picture travelled with this question, and anything that was changed on the way. */
export function PictureNotes({ turn }: { turn: Turn }) {
  if (!turn.sentAs) return null;
  const how =
    turn.sentAs === 'url'
      ? t('sentAsAddress')
      : turn.sentImage
        ? t('sentAsPixels', turn.sentImage.width, turn.sentImage.height, kilobytes(turn.sentImage.bytes))
        : t('sentAsBytes');
  return (
    <ul class="muted picture-notes">
      <li>{how}</li>
      {(turn.imageNotes ?? []).map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
