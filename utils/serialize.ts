/**
 * Runs read-modify-write steps on the same key one after another. The background is the only
 * writer of conversations and the ledger, so ordering its own steps is enough to never lose or
 * double an update when several requests finish at once.
 */
const tails = new Map<string, Promise<unknown>>();

export function serialize<T>(key: string, step: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  // Run after the previous step whether it succeeded or not; its failure belongs to its caller.
  const run = previous.then(step, step);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
