/** How token counts and dollars are written for people. */
const tokens = new Intl.NumberFormat('en-US');

export function formatTokens(count: number): string {
  return tokens.format(count);
}

/**
 * Dollars with enough digits to be meaningful: a question often costs a fraction of a cent, and
 * "$0.00" would hide it. Three significant digits below a cent, cents above.
 */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  // Stryker disable next-line EqualityOperator: at exactly a cent both ways write "$0.01" (amounts are never negative).
  if (Math.abs(amount) < 0.01) {
    return `$${amount.toLocaleString('en-US', { maximumSignificantDigits: 3 })}`;
  }
  return amount.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
}

/** How far a download has come (0 to 1), as a whole percent: "42%". */
export function formatPercent(fraction: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}
