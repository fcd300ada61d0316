/**
 * The first run: a new install has no API key, so nothing can be asked yet. The options page
 * opens by itself, where the key and the server are entered, instead of leaving the user to find
 * it behind the toolbar icon. Updates and browser restarts open nothing.
 */
import { browser, type Browser } from 'wxt/browser';
import { apiKeys } from '../api-key-store';

export async function welcome(details: Browser.runtime.InstalledDetails): Promise<void> {
  if (details.reason !== 'install') return;
  // A key already there, for any profile (kept by a sync or an earlier install), needs no welcome.
  if (Object.values(await apiKeys.all()).some((saved) => saved.key)) return;
  await browser.runtime.openOptionsPage();
}
