import type { Turn } from '../../utils/ask/conversation';
import { t } from '../../utils/i18n';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} kB`;

const notesOf = (turn: Turn) => JSON.stringify([turn.sentAs, turn.sentImage?.width, turn.sentImage?.height, turn.imageNotes ?? []]);

/**
 * How the picture travelled with this question, and anything that was changed on the way: said
 * once, not again on every follow-up that sent it the same way, and not above a failure, where
 * the failure is what matters.
 */
export function PictureNotes({ turn, previous }: { turn: Turn; previous: Turn | undefined }) {
  if (!turn.sentAs || turn.status === 'error') return null;
  if (previous && previous.status !== 'error' && notesOf(previous) === notesOf(turn)) return null;
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
