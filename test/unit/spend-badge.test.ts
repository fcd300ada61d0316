/**
 * Today's spend on the toolbar button (utils/cost/spend-badge.ts), for users who turn it on: four
 * characters at most, and never painted over a badge that says an answer is waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LedgerEntry } from '../../utils/cost/ledger';
import { badgeAmount, refreshSpendBadge } from '../../utils/cost/spend-badge';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { ledgerItem, settingsItem } from '../../utils/storage';

describe('badgeAmount', () => {
  it.each([
    [0, '0¢'],
    [0.004, '0¢'],
    [0.005, '1¢'],
    [0.37, '37¢'],
    [0.994, '99¢'],
    // Just under a dollar is written as the dollar it rounds to, not as "100¢".
    [0.996, '$1.0'],
    [1, '$1.0'],
    [1.25, '$1.3'],
    [9.94, '$9.9'],
    // Just under $10 is written "$10", not "$10.0", which would not fit.
    [9.96, '$10'],
    [10, '$10'],
    [15.4, '$15'],
    [999.4, '$999'],
  ])('$%d is %s', (usd, text) => {
    expect(badgeAmount(usd)).toBe(text);
  });

  it('fits four characters, cent by cent, from nothing up to $999', () => {
    const tooLong: string[] = [];
    for (let cents = 0; cents < 99_950; cents += 1) {
      const text = badgeAmount(cents / 100);
      if (text.length > 4) tooLong.push(`$${cents / 100} as ${text}`);
    }
    expect(tooLong).toEqual([]);
  });
});

describe('refreshSpendBadge', () => {
  const NOW = new Date(2026, 10, 21, 15).getTime();
  const spent = (at: number, cost: number | null): LedgerEntry => ({
    at, conversationId: 'c1', kind: 'question', model: 'gpt-4o', input: 1000, cachedInput: 0, output: 100, reasoning: 0, cost,
  });

  beforeEach(async () => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    await ledgerItem.setValue({
      entries: [spent(NOW - 26 * 3_600_000, 5), spent(NOW - 3_600_000, 0.75), spent(NOW - 60_000, 0.5), spent(NOW, null)],
      months: [],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const showBadge = (spendBadge: boolean) => settingsItem.setValue({ ...DEFAULT_SETTINGS, spendBadge });
  const badge = () => browser.action.getBadgeText({});

  it('shows what was spent today, on a grey badge', async () => {
    await showBadge(true);
    await refreshSpendBadge();
    // Yesterday's $5 is not today's; a request with no price adds nothing it cannot know.
    expect(await badge()).toBe('$1.3');
    expect(await browser.action.getBadgeBackgroundColor({})).toEqual([0x5f, 0x63, 0x68, 255]);
  });

  it('shows nothing, and writes nothing, for users who did not turn it on', async () => {
    // It runs after every request: with the badge off and empty there is nothing to do.
    const write = vi.spyOn(browser.action, 'setBadgeText');
    await refreshSpendBadge();
    expect(await badge()).toBe('');
    expect(write).not.toHaveBeenCalled();
  });

  it('takes the amount off when the user turns it off', async () => {
    await showBadge(true);
    await refreshSpendBadge();
    await showBadge(false);
    const write = vi.spyOn(browser.action, 'setBadgeText');
    await refreshSpendBadge();
    expect(await badge()).toBe('');
    // With the text given as empty: Firefox's browserAction.setBadgeText requires `text`.
    expect(write).toHaveBeenCalledWith({ text: '' });
  });

  it.each(['1', '?'])('leaves the badge "%s" (an answer waiting, a question to answer) in place', async (urgent) => {
    await browser.action.setBadgeText({ text: urgent });
    await showBadge(true);
    await refreshSpendBadge();
    expect(await badge()).toBe(urgent);
    await showBadge(false);
    await refreshSpendBadge();
    expect(await badge()).toBe(urgent);
  });
});
