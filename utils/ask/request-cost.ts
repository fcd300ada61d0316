/**
 * What one request cost, priced and put in the ledger: the same for a conversation's turn, a row of
 * the page audit and a picture described as the person browses (request-runner.ts records it).
 */
import { costOf } from '../cost/prices';
import { recordSpend } from '../cost/record-spend';
import type { SpendKind } from '../cost/ledger';
import { profilePrice } from '../profiles/profile-prices';
import { presetOf } from '../profiles/presets';
import type { Profile } from '../settings';
import { priceOverridesItem } from '../storage';
import type { Usage } from '../vision/types';

/** Whose money and for what: the ledger line's fields besides the figures. */
export interface LedgerLine {
  /** The conversation, or `audit:<id>` for the page audit's rows. */
  conversationId: string;
  kind: SpendKind;
  model: string;
  /** Whose key paid: the profile asked, by its stable id and by the name it had then. */
  profile: Profile;
}

/** What a request cost, as a turn keeps it. */
export interface Spend {
  usage: Usage;
  cost: number | null;
  usageEstimated?: true;
}

/**
 * What a request cost: what the server said it cost where its preset says to trust that
 * (OpenRouter's usage.cost), else the tokens at the profile's prices (null when unknown).
 */
export async function requestCost(profile: Profile, model: string, usage: Usage, reported: number | undefined): Promise<number | null> {
  if (reported !== undefined && presetOf(profile.preset).reportsCost) return reported;
  return costOf(usage, profilePrice(await priceOverridesItem.getValue(), profile, model));
}

/** Records what the request cost; without the API's usage, an estimate marked as one. */
export async function recordRequestCost(line: LedgerLine, usage: Usage, estimated: boolean, reported?: number): Promise<Spend> {
  const { profile, model } = line;
  const cost = await requestCost(profile, model, usage, reported);
  await recordSpend({
    at: Date.now(),
    conversationId: line.conversationId,
    kind: line.kind,
    model,
    profileId: profile.id,
    profileName: profile.name,
    ...usage,
    cost,
    ...(estimated ? { estimated: true } : {}),
  });
  return { usage, cost, ...(estimated ? { usageEstimated: true as const } : {}) };
}
