/**
 * "Describe as I browse": what the user chose (the sites it is on for, private windows, its own
 * daily budget) and the pure decisions made from it, so they are tested without a browser.
 */

export interface BrowseSettings {
  /** Origins (scheme, host and port) it is on for; off everywhere else. */
  sites: string[];
  /** Off in private windows unless the user allows it there. */
  allowInPrivate: boolean;
  /** USD per day for this feature alone, apart from the spending limits of the options. */
  dailyBudget: number;
}

export const DEFAULT_BROWSE_SETTINGS: BrowseSettings = { sites: [], allowInPrivate: false, dailyBudget: 0.1 };

/** Today's spend on it; `stopAnnounced` says its stop at the budget was already said today. */
export interface BrowseSpend {
  day: string;
  cost: number;
  stopAnnounced: boolean;
}

/** What it wrote into one tab's page. */
export interface BrowsePage {
  /**
   * The document, by the prefix of its element handles (element-registry.ts): the same document
   * keeps it while a page changes its address as it scrolls (history.pushState), a reload does not.
   */
  document: string;
  /** The page's handles (element-registry.ts) of the pictures it wrote alt text into, for Undo. */
  written: string[];
  /** Pictures asked about, written or not: each picture is asked about once per page. */
  asked: string[];
  /** The polite "5 pictures described" was said on this page. */
  announced: boolean;
  /** Why it could not describe (no key, settings that cannot be used) was said on this page. */
  refusalSaid?: boolean;
}

/**
 * The most pictures one report from a page may carry (the page sends more in several): a page
 * cannot queue thousands with one message.
 */
export const MAX_PICTURES_PER_REPORT = 50;

/** The document a page's element handle belongs to: its handles are "<document>-<n>". */
export function documentOf(elementId: string): string {
  return elementId.slice(0, elementId.lastIndexOf('-'));
}

/** The site a page belongs to, for the list; null for pages it never runs on (the browser's own, files). */
export function siteOf(pageUrl: string | undefined): string | null {
  if (!pageUrl || !URL.canParse(pageUrl)) return null;
  const url = new URL(pageUrl);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

/** Why it is not running on a tab, or null when it is. */
export type BrowseOff = 'not-a-site' | 'site-off' | 'private';

/** What the popup shows for the page the user is looking at. */
export interface BrowseState {
  site: string | null;
  on: boolean;
  /** Why it is off there when turning it on would not help (a private window, not a web page). */
  off: BrowseOff | null;
  /** Pictures it wrote alt text into on this page, which Undo takes back. */
  written: number;
}

export function browseOffReason(settings: BrowseSettings, tab: { url?: string | undefined; incognito?: boolean | undefined }): BrowseOff | null {
  const site = siteOf(tab.url);
  if (!site) return 'not-a-site';
  if (tab.incognito && !settings.allowInPrivate) return 'private';
  return settings.sites.includes(site) ? null : 'site-off';
}

/** The settings with the site turned on or off. */
export function withSite(settings: BrowseSettings, site: string, on: boolean): BrowseSettings {
  const others = settings.sites.filter((s) => s !== site);
  return { ...settings, sites: on ? [...others, site] : others };
}

/** The local calendar day, as the spend ledger counts "today". */
export function dayOf(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Today's spend, starting afresh on a new day. */
export function spendToday(spend: BrowseSpend | null, now: number): BrowseSpend {
  const day = dayOf(now);
  return spend?.day === day ? spend : { day, cost: 0, stopAnnounced: false };
}

/** Whether today's spend has reached the budget (a budget of zero or less stops it at once). */
export function overBudget(spend: BrowseSpend, settings: BrowseSettings): boolean {
  return spend.cost >= settings.dailyBudget;
}
