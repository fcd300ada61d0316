/**
 * OpenRouter puts what a request cost (in USD, its credits) in the usage object as `cost`, beside
 * the token counts; the SDK's types do not name it, so it is read here, and only a real amount counts.
 */
export function reportedCost(usage: object | null | undefined): number | undefined {
  const cost = usage && 'cost' in usage ? usage.cost : undefined;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}
