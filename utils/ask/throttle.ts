/**
 * Calls `flush` at most once per `intervalMs` while `schedule` keeps being called. Streaming deltas
 * arrive many times a second; writing storage for each would make the popup re-render per token
 * and wear the storage for nothing.
 *
 * A failed flush is reported and does not stop the ones after it: each flush writes the whole
 * text so far, so the next one mends what the failed one missed.
 */
export function createThrottle(flush: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const run = () => {
    timer = undefined;
    running = running.then(flush).catch(onError);
  };

  return {
    schedule(): void {
      timer ??= setTimeout(run, intervalMs);
    },
    /**
     * Drops a write that has not started and waits for the one under way, so the caller's final
     * write of the whole text is the last word. Never rejects.
     */
    async settle(): Promise<void> {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
