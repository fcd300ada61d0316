/**
 * Values read before a page's first render, so its parts start from them (useStorageValue.ts)
 * rather than each reading its own item after a first, empty paint. They serve the first render
 * only: after it, each part watches and reads its item itself.
 */
const values = new Map<string, unknown>();

type Readable = { key: string; getValue(): Promise<unknown> };

/** Reads the items all at once (one round of storage reads) and keeps their values for the first render. */
export async function readFirstValues(items: readonly Readable[]): Promise<void> {
  const read = await Promise.all(items.map((item) => item.getValue()));
  items.forEach((item, i) => values.set(item.key, read[i]));
}

export function hasFirstValue(item: { key: string }): boolean {
  return values.has(item.key);
}

export function firstValue<T>(item: { key: string; getValue(): Promise<T> }): T | undefined {
  return values.get(item.key) as T | undefined;
}

/** After the first render: from now on the parts' own reads and watches are the truth. */
export function forgetFirstValues(): void {
  values.clear();
}
