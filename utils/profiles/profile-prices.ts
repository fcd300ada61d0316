/** The user's own prices are kept per profile (storage.ts): the table one profile's requests are priced by. */
import { priceFor, priceTable, type Price } from '../cost/prices';
import type { Profile } from '../settings';
import { presetOf } from './presets';

type Overrides = Readonly<Record<string, Readonly<Record<string, Price>>>>;

/** One profile's own prices (empty when it has none). */
export function overridesFor(all: Overrides | undefined, profileId: string): Record<string, Price> {
  return all && Object.hasOwn(all, profileId) ? { ...all[profileId] } : {};
}

/** What Chrome's own model costs: nothing, whether an answer was whole, stopped or estimated. */
const FREE: Price = { input: 0, cachedInput: 0, output: 0 };

/**
 * The price of a model at a profile: the built-in table with that profile's own prices over it.
 * Chrome's own model is free whatever the tables say, so its estimates and its spend are $0, not
 * "price unknown".
 */
export function profilePrice(all: Overrides | undefined, profile: Pick<Profile, 'id' | 'preset'>, model: string): Price | undefined {
  if (presetOf(profile.preset).onDevice) return FREE;
  return priceFor(model, priceTable(overridesFor(all, profile.id)));
}

/** All profiles' prices with one profile's replaced. */
export function withOverrides(all: Overrides, profileId: string, table: Record<string, Price>): Record<string, Record<string, Price>> {
  const others = Object.entries(all).filter(([id]) => id !== profileId);
  return Object.fromEntries(Object.keys(table).length > 0 ? [...others, [profileId, table]] : others);
}
