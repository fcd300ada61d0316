import type { Turn } from '../../utils/ask/conversation';
import { t } from '../../utils/shared/i18n';

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
  const notes = turn.imageNotes ?? [];
  // One line: what changed on the way when something did (it matters more than how it travelled),
  // else how it travelled; the rest on demand, so the answer keeps the height.
  const [first, ...more] = [...notes, how];
  if (more.length === 0) return <p class="muted picture-notes">{first}</p>;
  return (
    <details class="muted picture-notes">
      <summary>{first}</summary>
      <ul>
        {more.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </details>
  );
}
