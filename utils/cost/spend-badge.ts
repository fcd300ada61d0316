/** Today's spend on the toolbar icon, for those who turn it on in the options. */
import { withDefaults } from '../settings';
import { ledgerItem, settingsItem, unsavedSpendItem } from '../storage';
import { toolbarAction } from '../toolbar-action';
import { periodTotals, withUnsaved } from './ledger';

/** Four characters at most fit on a badge: "0¢", "37¢", "$1.2", "$15". */
export function badgeAmount(usd: number): string {
  // Each form is chosen by the amount as it will be written, rounded: $9.96 written to a tenth is
  // "10.0", and "$10.0" is five characters; $0.996 in cents is "100¢" where "$1.0" is meant.
  const cents = Math.round(usd * 100);
  if (cents < 100) return `${cents}¢`;
  const tenths = Math.round(usd * 10);
  if (tenths < 100) return `$${(tenths / 10).toFixed(1)}`;
  return `$${Math.round(usd)}`;
}

/** Badges that say something more urgent than the spend, and must not be painted over. */
const URGENT_BADGES = new Set(['1', '?']);

export async function refreshSpendBadge(): Promise<void> {
  const action = toolbarAction();
  const [settings, ledger, unsaved, current] = await Promise.all([
    settingsItem.getValue().then(withDefaults),
    ledgerItem.getValue(),
    unsavedSpendItem.getValue(),
    action.getBadgeText({}),
  ]);
  if (URGENT_BADGES.has(current)) return;
  if (!settings.spendBadge) {
    if (current) await action.setBadgeText({ text: '' });
    return;
  }
  await action.setBadgeBackgroundColor({ color: '#5f6368' });
  await action.setBadgeText({ text: badgeAmount(periodTotals(withUnsaved(ledger, unsaved)).today.cost) });
}
