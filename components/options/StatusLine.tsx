export type Status = { kind: 'idle' | 'saved' | 'error'; text: string };

/** The outcome of a save, announced politely to screen readers. */
export function StatusLine({ status }: { status: Status }) {
  return (
    <p role="status" class={status.kind === 'error' ? 'error' : 'muted'}>
      {status.text}
    </p>
  );
}
