import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * The current value of a storage item, kept up to date as the background writes it.
 * Undefined until the first read has come back; pass null for "no item".
 */
export function useStorageValue<T>(item: WxtStorageItem<T, Record<string, unknown>> | null): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
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
