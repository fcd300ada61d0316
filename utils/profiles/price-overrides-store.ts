/**
 * Writes to the user's own prices: the options page saves a profile's table, the background drops
 * a deleted profile's. One read-modify-write at a time across both (storage-lock.ts), each keeping
 * the other profiles' prices as it finds them.
 */
import type { Price } from '../cost/prices';
import { priceOverridesItem } from '../storage';
import { writeInTurn } from '../storage-lock';
import { withOverrides } from './profile-prices';

type AllOverrides = Record<string, Record<string, Price>>;

function changePriceOverrides(step: (all: AllOverrides) => AllOverrides | null): Promise<void> {
  return writeInTurn('price-overrides', async () => {
    const next = step(await priceOverridesItem.getValue());
    if (next) await priceOverridesItem.setValue(next);
  });
}

/** One profile's prices replaced (the options' Save); an empty table removes its entry. */
export function savePriceOverrides(profileId: string, table: Record<string, Price>): Promise<void> {
  return changePriceOverrides((all) => withOverrides(all, profileId, table));
}

/** A deleted profile's prices removed; nothing is written when it had none. */
export function forgetPriceOverrides(profileId: string): Promise<void> {
  return changePriceOverrides((all) => (Object.hasOwn(all, profileId) ? Object.fromEntries(Object.entries(all).filter(([id]) => id !== profileId)) : null));
}
