/** The clock and time zone the spend tests run under: set before each test (or the suite), put back after. */
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** The suite's tests run in `zone` (process.env.TZ), which is restored after them. */
export function inTimeZone(zone: string): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

/** Each test starts with an empty fake browser and the date at `now`; only the date is faked. */
export function atFixedNow(now: number): void {
  beforeEach(() => {
    fakeBrowser.reset();
    // Only the clock: storage and timers run as they do.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
