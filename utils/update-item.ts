/**
 * The one way a stored item is read, changed and written back: in the item's own turn
 * (storage-lock.ts), so two changes at once, from one context or two, each start from what the
 * other wrote and both are kept.
 */
import { inTurnWith } from './storage-lock';

/** The part of a WXT storage item (storage.defineItem) a change needs. */
export interface ChangeableItem<T> {
  readonly key: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * Applies `change` to the item's stored value and stores the result; resolves to the new value.
 * A change that returns the value it was given (the very same object) writes nothing. A change that
 * throws, or a write that fails, leaves the item as it was and rejects with that error.
 */
export function updateItem<T>(item: ChangeableItem<T>, change: (current: T) => T | Promise<T>): Promise<T> {
  return inTurnWith(item, async () => {
    const current = await item.getValue();
    const next = await change(current);
    if (next !== current) await item.setValue(next);
    return next;
  });
}
