/**
 * Aborts `controller` when nothing has arrived for `idleMs`: a server that stops sending in the
 * middle of an answer must not leave the popup spinning forever.
 */
export function createIdleTimeout(controller: AbortController, idleMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => controller.abort('stalled'), idleMs);
  };
  arm();
  return {
    /** Something arrived: start counting again. */
    touch: arm,
    cancel(): void {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
