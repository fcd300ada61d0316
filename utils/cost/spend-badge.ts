/** Today's spend on the toolbar icon, for those who turn it on in the options. */
import { withDefaults } from '../settings';
import { ledgerItem, settingsItem } from '../storage';
import { toolbarAction } from '../toolbar-action';
import { periodTotals } from './ledger';

/** Four characters at most fit on a badge: "0¢", "37¢", "$1.2", "$15". */
export function badgeAmount(usd: number): string {
  if (usd < 1) return `${Math.round(usd * 100)}¢`;
  if (usd < 10) return `$${usd.toFixed(1)}`;
  return `$${Math.round(usd)}`;
}

/** Badges that say something more urgent than the spend, and must not be painted over. */
const URGENT_BADGES = new Set(['1', '?']);

export async function refreshSpendBadge(): Promise<void> {
  const action = toolbarAction();
  const [settings, ledger, current] = await Promise.all([
    settingsItem.getValue().then(withDefaults),
    ledgerItem.getValue(),
    action.getBadgeText({}),
  ]);
  if (URGENT_BADGES.has(current)) return;
  if (!settings.spendBadge) {
    if (current) await action.setBadgeText({ text: '' });
    return;
  }
  await action.setBadgeBackgroundColor({ color: '#5f6368' });
  await action.setBadgeText({ text: badgeAmount(periodTotals(ledger).today.cost) });
}
