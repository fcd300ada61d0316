/**
 * Deleting a provider profile takes everything stored for it: its key (so it can never be sent
 * again, to that server or any other) and its prices. Run by the background, the keys' only reader.
 */
import { apiKeys } from '../api-key-store';
import { forgetPriceOverrides } from './price-overrides-store';
import { changeSettings, withoutProfile } from './profile-store';

export async function deleteProfile(id: string): Promise<void> {
  // The profile goes first: a refusal (the last profile) leaves the key and prices where they were.
  await changeSettings((stored) => withoutProfile(stored, id));
  await apiKeys.set(id, null);
  await forgetPriceOverrides(id);
}
