import type { Turn } from '../../utils/ask/conversation';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} kB`;

/** How the picture travelled with this question, and anything that was changed on the way. */
export function PictureNotes({ turn }: { turn: Turn }) {
  if (!turn.sentAs) return null;
  const how =
    turn.sentAs === 'url'
      ? 'Picture sent as its address.'
      : turn.sentImage
        ? `Picture sent as ${turn.sentImage.width} × ${turn.sentImage.height} pixels, ${kilobytes(turn.sentImage.bytes)}.`
        : 'Picture sent as bytes.';
  return (
    <ul class="muted picture-notes">
      <li>{how}</li>
      {(turn.imageNotes ?? []).map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
