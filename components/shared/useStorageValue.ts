import { useEffect, useRef, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { firstValue, hasFirstValue } from './first-values';

/**
 * The current value of a storage item, kept up to date as the background writes it.
 * Undefined until the first read has come back; pass null for "no item". A page that read its
 * items before its first render (first-values.ts) starts from those values, and reads afresh after.
 */
export function useStorageValue<T>(item: WxtStorageItem<T, Record<string, unknown>> | null): T | undefined {
  const [value, setValue] = useState<T | undefined>(() => (item ? firstValue(item) : undefined));
  // The item whose value the state already holds from the first read, if any.
  const held = useRef(item && hasFirstValue(item) ? item.key : null);
  useEffect(() => {
    // Another item than the one shown: nothing of the old one may show meanwhile.
    if (held.current !== item?.key) setValue(undefined);
    held.current = null;
    if (!item) return undefined;
    let live = true;
    const unwatch = item.watch((next) => setValue(next));
    item.getValue().then(
      (first) => {
        if (live) setValue(first);
      },
      (error: unknown) => console.error('Could not read stored data.', error),
    );
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
