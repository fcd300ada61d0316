/**
 * "Describe as I browse", background side. The page reports the pictures that need alt text as
 * they come into view (describe-as-browse-page.ts); each is asked about through the page audit's
 * own request path (audit-row.ts, on the one request runner: the answer cache, the spend ledger, the global budgets) and
 * written into the page by the audit's Apply (the page's applyAlt, marked data-alt-generated).
 * On for the sites the user chose only, never in a private window unless allowed there, within a
 * daily budget of its own; Chrome's on-device model is preferred when it is ready.
 */
import { browser, type Browser } from 'wxt/browser';
import { apiKeys } from '../api-key-store';
import { connectionProblem } from '../ask/preflight';
import { keepAlive } from '../ask/keep-alive';
import { formatUsd } from '../cost/format';
import { forgetSource } from '../image/source-store';
import { plural, t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import { currentSettings } from '../profiles/current-settings';
import { presetOf } from '../profiles/presets';
import { profileFromPreset, type Settings } from '../settings';
import { browsePagesItem, browseSettingsItem, browseSpendItem, settingsItem } from '../storage';
import { toolbarAction } from '../toolbar-action';
import { updateItem } from '../update-item';
import { languageModel, onDeviceOptions } from '../vision/language-model';
import { AUDIT_CONCURRENCY, textToApply } from './audit';
import type { Audit, AuditRow } from './audit-record';
import { describeRow, sourceKeyOf } from './audit-row';
import { changeBrowseSettings } from './describe-as-browse-store';
import { createBrowseQueue, type JobEnd, type QueueJob } from './describe-as-browse-queue';
import { browseOffReason, documentOf, MAX_PICTURES_PER_REPORT, overBudget, siteOf, spendToday, withSite, type BrowseState, type BrowsePage, type BrowseSettings } from '../shared/describe-as-browse-settings';
import type { ScannedPicture } from '../shared/alt-text-types';


interface BrowseJob extends QueueJob {
  picture: ScannedPicture;
  pageUrl: string;
  pageTitle: string;
  lang: string;
  /** A private window's tab (allowed there in the options): its answers stay out of the answer cache, as a private audit's do. */
  incognito: boolean;
}

const emptyPage = (document: string): BrowsePage => ({ document, written: [], asked: [], announced: false });

/** The most pictures a page's record remembers as asked about: an endless page keeps scrolling. */
const ASKED_KEPT = 1000;

/** The records of tabs still open: a closed tab's record (a private one's included) goes when another page gets one. */
async function ofOpenTabs(pages: Record<string, BrowsePage>): Promise<Record<string, BrowsePage>> {
  const open = new Set((await browser.tabs.query({})).map((tab) => String(tab.id)));
  return Object.fromEntries(Object.entries(pages).filter(([id]) => open.has(id)));
}

async function changePage(tabId: number, change: (page: BrowsePage | undefined) => BrowsePage | undefined): Promise<BrowsePage | undefined> {
  let result: BrowsePage | undefined;
  await updateItem(browsePagesItem, async (pages) => {
    const changed = change(pages[tabId]);
    result = changed;
    // Unchanged (most pages, where it is off): nothing is written.
    if (changed === pages[tabId]) return pages;
    const next = changed && changed.asked.length > ASKED_KEPT ? { ...changed, asked: changed.asked.slice(-ASKED_KEPT) } : changed;
    result = next;
    // Closed tabs are looked for when a page gets its record (once per page it describes), not at
    // every report while the person scrolls.
    const { [tabId]: _old, ...rest } = pages[tabId] === undefined ? await ofOpenTabs(pages) : pages;
    return next ? { ...rest, [tabId]: next } : rest;
  });
  return result;
}

/** When the last private window has closed: what it wrote into their pages is forgotten with them. */
export function forgetClosedTabPages(): Promise<void> {
  return updateItem(browsePagesItem, ofOpenTabs).then(() => undefined);
}

/** Says `text` politely in the page, where the screen reader is; a page that is gone hears nothing. */
async function announce(tabId: number, text: string): Promise<void> {
  await sendToContent(tabId, 0, 'browseAnnounce', { text }).catch((error: unknown) => console.info('The page could not be told:', text, error));
}

async function showCount(tabId: number, count: number): Promise<void> {
  const action = toolbarAction();
  // The tab's own badge: the browser clears it when the tab goes to another page.
  await action.setBadgeBackgroundColor({ tabId, color: '#1e6b34' });
  await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  await action.setTitle({ tabId, title: count > 0 ? plural('browseBadgeTitle', count) : t('actionTitle') });
}

/**
 * The settings pictures are described with: Chrome's own model when it is ready (free, and nothing
 * leaves the computer), else the active profile.
 */
async function describingSettings(): Promise<Settings> {
  const settings = await currentSettings();
  const api = languageModel();
  if (!api) return settings;
  const ready = await api.availability(onDeviceOptions(settings.altTextLanguage || 'en')).catch((error: unknown) => {
    console.info('Could not tell whether the on-device model is ready; the active profile describes.', error);
    return 'unavailable' as const;
  });
  if (ready !== 'available') return settings;
  const stored = await settingsItem.getValue();
  const own = stored.profiles.find((profile) => profile.preset === 'chrome');
  return { ...settings, profile: own ?? profileFromPreset('chrome', 'describe-as-browse-on-device') };
}

async function stillOn(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return tab !== undefined && browseOffReason(await browseSettingsItem.getValue(), tab) === null;
}

/** Its own budget's sentence when today's is spent; Chrome's own model costs nothing, so it is never stopped. */
async function budgetSpent(settings: Settings): Promise<string | null> {
  if (presetOf(settings.profile.preset).onDevice) return null;
  const [browse, spend] = await Promise.all([browseSettingsItem.getValue(), browseSpendItem.getValue()]);
  return overBudget(spendToday(spend, Date.now()), browse) ? t('browseBudgetSpent', formatUsd(browse.dailyBudget)) : null;
}

async function runJob(job: BrowseJob, signal: AbortSignal): Promise<JobEnd> {
  // Waiting its turn, the picture's page may have been left or turned off: then nothing is sent.
  if (!(await stillOn(job.tabId))) return { kind: 'skipped' };
  const settings = await describingSettings();
  const spent = await budgetSpent(settings);
  if (spent) return { kind: 'stop', budget: true, message: spent };
  const preflight = connectionProblem(settings, await apiKeys.get(settings.profile.id));
  if ('refusal' in preflight) return { kind: 'stop', budget: false, message: preflight.refusal.message };
  // The audit's request path, for a one-picture "audit" of the page the picture is in.
  const audit: Audit = {
    id: `browse-${job.tabId}`, createdAt: Date.now(), tabId: job.tabId, frameId: 0, pageUrl: job.pageUrl, pageTitle: job.pageTitle, lang: job.lang,
    model: settings.profile.model, detail: settings.altTextDetail, rows: [], decorative: [], examined: 0, scanMs: 0, run: { state: 'running' },
    ...(job.incognito ? { incognito: true as const } : {}),
  };
  const row: AuditRow = { id: job.elementId, picture: job.picture, status: 'running' };
  // Pixels the page had to read are kept for this one request only: no follow-up ever asks for them.
  const outcome = await describeRow({ audit, settings, connection: preflight.connection, signal, thumbnails: false }, row).finally(() =>
    forgetSource(sourceKeyOf(row)).catch((error: unknown) => console.error('Describe as I browse could not let go of a picture\'s pixels.', error)),
  );
  if (outcome.kind === 'stopped') return outcome.why === 'budget' ? { kind: 'stop', budget: true, message: outcome.message ?? t('browseStopped') } : { kind: 'skipped' };
  if (outcome.kind === 'error') {
    console.info(`Describe as I browse: a picture of ${job.pageUrl} was not described.`, outcome.message);
    return { kind: 'skipped' };
  }
  if (outcome.cost) {
    const cost = outcome.cost;
    await updateItem(browseSpendItem, (spend) => {
      const today = spendToday(spend, Date.now());
      return { ...today, cost: today.cost + cost };
    });
  }
  const text = textToApply(outcome.result);
  // Decorative: hiding a picture from screen readers is the user's call (the audit asks first).
  // Turned off meanwhile: nothing more is written.
  if (!text || signal.aborted || !(await stillOn(job.tabId))) return { kind: 'skipped' };
  await sendToContent(job.tabId, 0, 'applyAlt', { elementId: job.elementId, text });
  const page = await changePage(job.tabId, (p) => (p && p.document === documentOf(job.elementId) ? { ...p, written: [...p.written, job.elementId] } : p));
  if (page) await showCount(job.tabId, page.written.length);
  return { kind: 'done' };
}

/** The budget's stop is said once a day, in the page where it happened, however many pages ask after. */
async function sayBudgetStop(tabId: number, message: string): Promise<void> {
  let first = false;
  await updateItem(browseSpendItem, (spend) => {
    const today = spendToday(spend, Date.now());
    if (today.stopAnnounced) return spend;
    first = true;
    return { ...today, stopAnnounced: true };
  });
  if (first) await announce(tabId, message);
}

/** Why it cannot describe (no key): said once per page, not at every scroll. */
async function sayRefusal(tabId: number, message: string): Promise<void> {
  let first = false;
  await changePage(tabId, (p) => {
    if (!p || p.refusalSaid) return p;
    first = true;
    return { ...p, refusalSaid: true };
  });
  if (first) await announce(tabId, message);
}

const queue = createBrowseQueue<BrowseJob>({
  concurrency: AUDIT_CONCURRENCY,
  run: async (job, signal) => {
    const release = keepAlive.hold();
    try {
      return await runJob(job, signal);
    } finally {
      release();
    }
  },
  stopped: async ({ budget, message }, job) => (budget ? sayBudgetStop(job.tabId, message) : sayRefusal(job.tabId, message)),
  idle: async (tabId) => {
    let count = 0;
    const page = await changePage(tabId, (p) => {
      if (!p || p.announced || p.written.length === 0) return p;
      count = p.written.length;
      return { ...p, announced: true };
    });
    if (page && count > 0) await announce(tabId, plural('browseDescribed', count));
  },
  failed: (error) => console.error('Describe as I browse failed unexpectedly.', error),
});

/** A page's content script has started (a new document in the tab): whether to watch its pictures. */
export async function browseHello(sender: Browser.runtime.MessageSender): Promise<{ on: boolean }> {
  const tab = sender.tab;
  if (tab?.id === undefined || sender.frameId !== 0) return { on: false };
  const on = browseOffReason(await browseSettingsItem.getValue(), tab) === null;
  // A new document: what was written into the last one is gone with it.
  const tabId = tab.id;
  queue.stopTab(tabId);
  await changePage(tabId, () => undefined);
  return { on };
}

/**
 * Pictures that came into view. The page's content script sends it, and a page can make it say
 * anything: it is acted on only for a site the user turned on, in a window it may run in, each
 * picture once per page, within the feature's own budget.
 */
export async function picturesInView(sender: Browser.runtime.MessageSender, pictures: ScannedPicture[], page: { pageTitle: string; lang: string }): Promise<void> {
  const tab = sender.tab;
  if (tab?.id === undefined || sender.frameId !== 0) return;
  const tabId = tab.id;
  const browse = await browseSettingsItem.getValue();
  if (browseOffReason(browse, tab) !== null) return;
  const pageUrl = sender.url ?? tab.url ?? '';
  const spent = await budgetSpent(await describingSettings());
  if (spent) {
    // Pictures keep coming into view after the stop: the stop was said, nothing is sent.
    await sayBudgetStop(tabId, spent);
    return;
  }
  let fresh: ScannedPicture[] = [];
  await changePage(tabId, (p) => {
    const document = documentOf(pictures[0]?.elementId ?? '');
    const current = p && p.document === document ? p : emptyPage(document);
    // Pictures of another document than the first one's are not this page's: left out.
    // An alt that only repeats the words beside it gets alt="" as its suggestion, which is never
    // written here: asking about it would spend for nothing.
    fresh = pictures
      .slice(0, MAX_PICTURES_PER_REPORT)
      .filter((picture) => picture.need.needs && picture.need.reason !== 'redundant')
      .filter((picture) => documentOf(picture.elementId) === document && !current.asked.includes(picture.elementId));
    return { ...current, asked: [...current.asked, ...fresh.map((picture) => picture.elementId)] };
  });
  const incognito = tab.incognito;
  queue.add(fresh.map((picture) => ({ tabId, elementId: picture.elementId, picture, pageUrl, incognito, ...page })));
}

/** What the popup shows for a tab. */
export async function browseStateOf(tab: Browser.tabs.Tab): Promise<BrowseState> {
  const browse = await browseSettingsItem.getValue();
  const off = browseOffReason(browse, tab);
  const page = tab.id === undefined ? undefined : (await browsePagesItem.getValue())[tab.id];
  return { site: siteOf(tab.url), on: off === null, off: off === 'site-off' ? null : off, written: page?.written.length ?? 0 };
}

/** Turns it on or off for the tab's site (the popup's switch, the keyboard command); the worker follows (followBrowseSettings). */
export async function setBrowse(tab: Browser.tabs.Tab, on: boolean): Promise<BrowseState> {
  const site = siteOf(tab.url);
  if (!site) throw new Error(t('browseNotASite'));
  if (on && tab.incognito && !(await browseSettingsItem.getValue()).allowInPrivate) throw new Error(t('browsePrivateOff'));
  await changeBrowseSettings((settings) => withSite(settings, site, on));
  if (!on && tab.id !== undefined) queue.stopTab(tab.id);
  return browseStateOf(tab);
}

/** The keyboard command: on or off for the active tab's site, said in the page where the user is. */
export async function toggleBrowse(tab: Browser.tabs.Tab | undefined): Promise<void> {
  if (tab?.id === undefined) throw new Error(t('browseNotASite'));
  const now = await setBrowse(tab, !(await browseStateOf(tab)).on);
  await announce(tab.id, t(now.on ? 'browseNowOn' : 'browseNowOff', now.site ?? ''));
}

/** Undo from the popup: every alt text it wrote into the tab's page is taken back. */
export async function undoBrowse(tab: Browser.tabs.Tab): Promise<{ undone: number }> {
  const tabId = tab.id;
  if (tabId === undefined) return { undone: 0 };
  const page = (await browsePagesItem.getValue())[tabId];
  let undone = 0;
  for (const elementId of page?.written ?? []) {
    await sendToContent(tabId, 0, 'undoAlt', { elementId }).then(
      () => (undone += 1),
      (error: unknown) => console.info('A picture Describe as I browse wrote to could not be put back.', error),
    );
  }
  await changePage(tabId, (p) => (p ? { ...p, written: [] } : p));
  await showCount(tabId, 0);
  return { undone };
}

/** Sites turned on or off (the popup, the command, the options' list): the tabs showing them start or stop watching. */
export function followBrowseSettings(): void {
  browseSettingsItem.watch((next: BrowseSettings, previous: BrowseSettings | null) => {
    void (async () => {
      const before = previous ?? next;
      const changed = new Set([...next.sites, ...before.sites].filter((site) => next.sites.includes(site) !== before.sites.includes(site)));
      const privateChanged = next.allowInPrivate !== before.allowInPrivate;
      for (const tab of await browser.tabs.query({})) {
        const site = siteOf(tab.url);
        if (tab.id === undefined || !site || !(changed.has(site) || (privateChanged && tab.incognito))) continue;
        const on = browseOffReason(next, tab) === null;
        if (!on) queue.stopTab(tab.id);
        await sendToContent(tab.id, 0, 'browseSet', { on }).catch((error: unknown) => console.info('A tab could not be told that Describe as I browse changed.', error));
      }
    })().catch((error: unknown) => console.error('Could not follow a change to Describe as I browse.', error));
  });
}
