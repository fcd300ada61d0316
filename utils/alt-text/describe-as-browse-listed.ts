/**
 * Page side: whether "Describe as I browse" is on for this page's site, read from the extension's
 * own storage (which the page cannot see) before anything is sent. Without this the content script
 * greeted the worker on every page load, waking a stopped worker on every page for people who never
 * turned the feature on. The worker still decides (describe-as-browse.ts checks the site, the
 * window and the budget on every report); this only keeps quiet where the answer would be no.
 */
import { browser } from 'wxt/browser';
import { siteOf } from './describe-as-browse-settings';

/** storage.local's key for browseSettingsItem ('local:describeAsBrowse' in utils/storage.ts). */
export const BROWSE_SETTINGS_KEY = 'describeAsBrowse';

/** Whether the stored list of sites names this page's site. */
export function listsSite(stored: unknown, pageUrl: string): boolean {
  const site = siteOf(pageUrl);
  if (!site || typeof stored !== 'object' || stored === null) return false;
  const sites = (stored as { sites?: unknown }).sites;
  return Array.isArray(sites) && sites.includes(site);
}

export async function onForThisSite(pageUrl: string): Promise<boolean> {
  const stored = await browser.storage.local.get(BROWSE_SETTINGS_KEY);
  return listsSite(stored[BROWSE_SETTINGS_KEY], pageUrl);
}
