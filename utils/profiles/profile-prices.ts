/** The user's own prices are kept per profile (storage.ts): the table one profile's requests are priced by. */
import { priceFor, priceTable, type Price } from '../cost/prices';

type Overrides = Readonly<Record<string, Readonly<Record<string, Price>>>>;

/** One profile's own prices (empty when it has none). */
export function overridesFor(all: Overrides | undefined, profileId: string): Record<string, Price> {
  return all && Object.hasOwn(all, profileId) ? { ...all[profileId] } : {};
}

/** The price of a model at a profile: the built-in table with that profile's own prices over it. */
export function profilePrice(all: Overrides | undefined, profileId: string, model: string): Price | undefined {
  return priceFor(model, priceTable(overridesFor(all, profileId)));
}

/** All profiles' prices with one profile's replaced. */
export function withOverrides(all: Overrides, profileId: string, table: Record<string, Price>): Record<string, Record<string, Price>> {
  const others = Object.entries(all).filter(([id]) => id !== profileId);
  return Object.fromEntries(Object.keys(table).length > 0 ? [...others, [profileId, table]] : others);
}
