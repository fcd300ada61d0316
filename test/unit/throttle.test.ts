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
  it('writes at most once per interval however many deltas arrive', async () => {
    const flush = vi.fn(async () => undefined);
    const throttle = createThrottle(flush, 100, () => undefined);
    for (let i = 0; i < 50; i += 1) {
      throttle.schedule();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('drops a write not yet started when settled, so the final write is the last word', async () => {
    const flush = vi.fn(async () => undefined);
    const throttle = createThrottle(flush, 100, () => undefined);
    throttle.schedule();
    await throttle.settle();
    await vi.advanceTimersByTimeAsync(200);
    expect(flush).not.toHaveBeenCalled();
  });

  it('waits for a write under way when settled', async () => {
    let finishWrite = () => {};
    const throttle = createThrottle(() => new Promise<void>((resolve) => (finishWrite = resolve)), 10, () => undefined);
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(10); // the write has started and is not done
    let settled = false;
    const settling = throttle.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(false);
    finishWrite();
    await settling;
    expect(settled).toBe(true);
  });

  it('goes on writing after a write fails, and reports the failure', async () => {
    const failure = new Error('QUOTA_BYTES quota exceeded');
    const flush = vi.fn<() => Promise<unknown>>().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = vi.fn();
    const throttle = createThrottle(flush, 100, onError);
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(100);
    throttle.schedule();
    await vi.advanceTimersByTimeAsync(100);
    await expect(throttle.settle()).resolves.toBeUndefined();
    expect(flush).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith(failure);
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
