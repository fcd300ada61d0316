/**
 * Writes to the user's own prices: the options page saves a profile's table, the background drops
 * a deleted profile's. One read-modify-write at a time across both (update-item.ts), each keeping
 * the other profiles' prices as it finds them.
 */
import type { Price } from '../cost/prices';
import { priceOverridesItem } from '../storage';
import { updateItem } from '../update-item';
import { withOverrides } from './profile-prices';

type AllOverrides = Record<string, Record<string, Price>>;

async function changePriceOverrides(step: (all: AllOverrides) => AllOverrides | null): Promise<void> {
  // null: nothing to change, so nothing is written.
  await updateItem(priceOverridesItem, (all) => step(all) ?? all);
}

/** One profile's prices replaced (the options' Save); an empty table removes its entry. */
export function savePriceOverrides(profileId: string, table: Record<string, Price>): Promise<void> {
  return changePriceOverrides((all) => withOverrides(all, profileId, table));
}

/** A deleted profile's prices removed; nothing is written when it had none. */
export function forgetPriceOverrides(profileId: string): Promise<void> {
  return changePriceOverrides((all) => (Object.hasOwn(all, profileId) ? Object.fromEntries(Object.entries(all).filter(([id]) => id !== profileId)) : null));
}
