/**
 * Chrome stops an extension's service worker after about 30 seconds without extension events or
 * API calls. While an answer streams, its storage writes keep the worker awake, but a slow server
 * (a local model on a CPU) can think for longer than that before its first word. While any request
 * is open, a cheap API call every 20 seconds keeps the worker, and so the request, alive.
 */
import { browser } from 'wxt/browser';

export const HEARTBEAT_MS = 20_000;

export function createKeepAlive(beat: () => Promise<unknown> = () => browser.runtime.getPlatformInfo(), intervalMs = HEARTBEAT_MS) {
  let open = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    beat().catch((error: unknown) => console.warn('The keep-alive call failed; the worker may be stopped while waiting.', error));
  };
  return {
    /** A request opened; returns the function that says it closed. */
    hold(): () => void {
      open += 1;
      timer ??= setInterval(tick, intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
        if (open === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get holding(): number {
      return open;
    },
  };
}

/** The worker's one keep-alive, shared by every open request. */
export const keepAlive = createKeepAlive();
