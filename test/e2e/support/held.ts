import { onTestFinished } from 'vitest';

/**
 * What a test holds the fake server's answer with, until it has seen what it waits for. Released
 * when the test ends too, so a failed assertion does not leave the server holding a stream (and the
 * next test's clean-up waiting on it, hiding the real failure).
 */
export function held(): { until: Promise<void>; release: () => void } {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  onTestFinished(release);
  return { until, release };
}
