/**
 * Calls `flush` at most once per `intervalMs` while `schedule` keeps being called, and once more
 * on `finish`. Streaming deltas arrive many times a second; writing storage for each would make
 * the popup re-render per token and wear the storage for nothing.
 */
export function createThrottle(flush: () => Promise<unknown>, intervalMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const run = () => {
    timer = undefined;
    running = running.then(flush);
    return running;
  };

  return {
    schedule(): void {
      timer ??= setTimeout(run, intervalMs);
    },
    /** Flushes now and waits for every flush so far to be written. */
    async finish(): Promise<void> {
      if (timer !== undefined) clearTimeout(timer);
      await run();
    },
  };
}
