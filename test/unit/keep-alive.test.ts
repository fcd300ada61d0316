import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepAlive } from '../../utils/ask/keep-alive';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createKeepAlive', () => {
  it('calls the browser every 20 s while any request is open, and stops when the last closes', async () => {
    const beat = vi.fn(async () => undefined);
    const keepAlive = createKeepAlive(beat, 20_000);
    const first = keepAlive.hold();
    const second = keepAlive.hold();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beat).toHaveBeenCalledTimes(3);
    first();
    first(); // closing twice counts once
    await vi.advanceTimersByTimeAsync(20_000);
    expect(beat).toHaveBeenCalledTimes(4);
    second();
    expect(keepAlive.holding).toBe(0);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(beat).toHaveBeenCalledTimes(4);
  });
});
