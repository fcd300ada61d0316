/**
 * Where a turn's streamed text goes (request-runner.ts's StreamSink for a turn): into storage as it
 * arrives (throttled; storage is the record that survives a closed popup), at once to open popups
 * (live-text.ts), with the idle guard that abandons a server gone silent, and how far Chrome's
 * model has downloaded on its first use.
 */
import type { StreamSink } from './request-runner';
import { updateTurn } from './conversation-store';
import { createIdleTimeout } from './idle-timeout';
import { liveText } from './live-text';
import { createThrottle } from './throttle';

export interface StreamOptions {
  /** How often streamed text is written to storage. */
  flushMs?: number;
  /** How long the server may stay silent in the middle of an answer. */
  idleMs?: number;
}

/** The sink for one request of a turn; `controller` is the turn's (Stop aborts it, and so does the idle guard). */
export function turnSink(conversationId: string, turnId: string, controller: AbortController, options: StreamOptions): StreamSink {
  const { flushMs = 100, idleMs = 180_000 } = options;
  const idle = createIdleTimeout(controller, idleMs);
  let answer = '';
  const writer = createThrottle(
    () => updateTurn(conversationId, turnId, (t) => ({ ...t, answer })),
    flushMs,
    // The text stays in memory and the next write carries all of it; the final write is not throttled.
    (error) => console.warn('Could not store the answer so far; the next write will carry it.', error),
  );
  // Open popups get each piece at once; storage, written above, stays the record.
  const live = liveText(conversationId, turnId);
  // Chrome's model downloads on its first use: the popup shows how far, and a download is not silence.
  let downloading: number | undefined;
  const progress = createThrottle(
    () => updateTurn(conversationId, turnId, (t) => (downloading === undefined ? t : { ...t, downloading })),
    flushMs,
    (error) => console.warn('Could not store how far the model download has come; the next write will say.', error),
  );
  return {
    delta(text) {
      answer += text;
      live.add(text);
      idle.touch();
      writer.schedule();
    },
    progress(loaded) {
      idle.touch();
      // Whole percents only: a download reports thousands of steps, the popup shows a number.
      if (downloading !== undefined && Math.floor(loaded * 100) === Math.floor(downloading * 100)) return;
      downloading = loaded;
      progress.schedule();
    },
    async end() {
      idle.cancel();
      live.end();
      await progress.settle();
      await writer.settle();
    },
  };
}
