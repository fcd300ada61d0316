import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimeout } from '../../utils/ask/idle-timeout';
import { createThrottle } from '../../utils/ask/throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createThrottle', () => {
  it('writes at most once per interval however many deltas arrive, and once more at the end', async () => {
    const flush = vi.fn(async () => undefined);
    const throttle = createThrottle(flush, 100);
    for (let i = 0; i < 50; i += 1) {
      throttle.schedule();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(flush).toHaveBeenCalledTimes(2);
    await throttle.finish();
    expect(flush).toHaveBeenCalledTimes(3);
  });
});

describe('createIdleTimeout', () => {
  it('aborts with "stalled" only after a silence as long as the limit', async () => {
    const controller = new AbortController();
    const idle = createIdleTimeout(controller, 1000);
    await vi.advanceTimersByTimeAsync(900);
    idle.touch();
    await vi.advanceTimersByTimeAsync(900);
    expect(controller.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe('stalled');
  });
});
