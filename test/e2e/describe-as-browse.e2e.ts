/**
 * "Describe as I browse" end to end in real Chromium, on a page of thirty tall unlabelled pictures
 * (two to a screen): turned on from the popup it labels the first screen's pictures where they are
 * and asks about no others; scrolling to the end labels the last; the badge and one polite notice
 * count them; turned off it sends nothing more, and Undo takes back what it wrote; its own budget
 * stops it with one sentence; a private window is left untouched.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fake-openai/server';
import { installFakeLanguageModel, type FakeModelConfig, type FakeModelLog } from '../fake-language-model/fake';
import { altJson } from './support/alt-answer';
import { axeViolations } from './support/axe';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

const PICTURES = 30;
/** The page's own margin for "near the view" (describe-as-browse-page.ts): 200 px above and below. */
const MARGIN = 200;

type Chrome = {
  chrome: {
    tabs: { query(q: object): Promise<{ id: number; url?: string; incognito: boolean; status: string }[]>; sendMessage(tabId: number, message: unknown, options: object): Promise<unknown> };
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
  };
};

type ChatBody = { messages: { role: string; content: string | { type: string; image_url?: { url: string } }[] }[] };

/** The address of the picture an alt-text request carried. */
function pictureOf(request: RecordedRequest): string {
  const user = (request.body as ChatBody).messages.find((m) => m.role === 'user');
  const part = Array.isArray(user?.content) ? user.content.find((p) => p.type === 'image_url') : undefined;
  return part?.image_url?.url ?? '';
}

async function configure(values: Parameters<OptionsPage['save']>[0] = {}) {
  const options = await OptionsPage.open(suite.extension);
  // Sent as addresses: each picture (blue.png?n=1…30) is then a request of its own, never one cached answer for all.
  await options.save({ apiKey: 'sk-browse', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'auto', api: 'Chat Completions', sendImagesAs: 'url', altTextDetail: 'low', dailyBudget: '', ...values });
  await options.page.close();
}

/** Opens the page of thirty pictures and starts recording what is said in its live region. */
async function openBrowsePage(address: string): Promise<Page> {
  const page = await suite.extension.context.newPage();
  await page.goto(address);
  await page.evaluate(() => {
    const said: string[] = [];
    Object.assign(window, { said });
    new MutationObserver(() => {
      const text = document.querySelector('[data-ask-about-image-announcer]')?.textContent ?? '';
      if (text && said.at(-1) !== text) said.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return page;
}

/** Which pictures (1-based) are within the margin of the view now. */
async function nearView(page: Page): Promise<number[]> {
  return page.evaluate(
    (margin) =>
      [...document.querySelectorAll('img')].flatMap((img, i) => {
        const box = img.getBoundingClientRect();
        return box.bottom > -margin && box.top < innerHeight + margin ? [i + 1] : [];
      }),
    MARGIN,
  );
}

/** Each picture's alt and mark, as a screen reader finds them where the picture is. */
async function labels(page: Page): Promise<{ alt: string | null; generated: string | null }[]> {
  return page.$$eval('img', (imgs) => imgs.map((img) => ({ alt: img.getAttribute('alt'), generated: img.getAttribute('data-alt-generated') })));
}

async function labelled(page: Page): Promise<number[]> {
  return (await labels(page)).flatMap((label, i) => (label.alt && label.generated ? [i + 1] : []));
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { said: string[] }).said);

async function badgeOf(page: Page): Promise<string> {
  return (await suite.extension.worker()).evaluate(async (url) => {
    const { chrome } = globalThis as unknown as Chrome;
    const [tab] = await chrome.tabs.query({ url });
    return chrome.action.getBadgeText({ tabId: tab!.id });
  }, page.url());
}

/** The popup opened as a tab, for the page looked at last (the extension's pageTab). */
async function popupFor(page: Page): Promise<PopupPage> {
  await page.bringToFront();
  return PopupPage.open(suite.extension);
}

function switchFor(popup: PopupPage, origin: string) {
  return popup.page.getByRole('checkbox', { name: `Describe as I browse on ${new URL(origin).host}` });
}

/** Requests that carried one of this page's pictures. */
const asksFrom = (origin: string) => server.asks.filter((request) => pictureOf(request).startsWith(`${origin}/images/blue.png?n=`));

describe('Describe as I browse', () => {
  beforeAll(() => configure());

  it('turned on, labels the first screen where the pictures are, asks about no others, then the last at the end; the badge and one polite notice count them', async () => {
    server.defaultReply = { text: altJson({ alt: 'A tall blue panel' }) };
    const page = await openBrowsePage(site.url('/browse.html'));
    const firstScreen = await nearView(page);
    expect(firstScreen.length, 'a few pictures near the first screen, not all thirty').toBeLessThan(5);

    const popup = await popupFor(page);
    await switchFor(popup, site.origin).check();

    await expect.poll(() => labelled(page), { message: 'the first screen’s pictures labelled where they are' }).toEqual(firstScreen);
    await expect.poll(() => said(page), { message: 'one polite notice' }).toEqual([`${firstScreen.length} pictures described`]);
    expect(asksFrom(site.origin).length, 'requests: only the pictures near the view').toBeLessThanOrEqual(firstScreen.length);
    expect((await labels(page))[0]).toEqual({ alt: 'A tall blue panel', generated: 'ask-about-image' });
    expect(await badgeOf(page)).toBe(String(firstScreen.length));
    await expect(page.locator('[data-ask-about-image-announcer]').getAttribute('aria-live')).resolves.toBe('polite');

    // As an endless page does while it scrolls: a new address, the same document.
    await page.evaluate(() => {
      history.pushState(null, '', '/browse.html?page=2');
      scrollTo(0, document.body.scrollHeight);
    });
    const lastScreen = await nearView(page);
    expect(lastScreen).toContain(PICTURES);
    await expect.poll(() => labelled(page), { message: 'the last pictures labelled' }).toEqual([...firstScreen, ...lastScreen]);
    expect(asksFrom(site.origin).length, 'requests: the first screen and the last, none between').toBeLessThanOrEqual(firstScreen.length + lastScreen.length);
    await expect.poll(() => badgeOf(page), { message: 'the badge counts every picture described' }).toBe(String(firstScreen.length + lastScreen.length));
    expect(await said(page), 'the notice is said once per page').toHaveLength(1);
    await popup.page.close();
    await page.close();
  });

  it('turned off it sends nothing more, the keyboard command turns it on for another site, and Undo takes back what it wrote', async () => {
    server.defaultReply = { text: altJson({ alt: 'A tall blue panel' }) };
    const page = await openBrowsePage(site.url('/browse.html'));
    const firstScreen = await nearView(page);
    let popup = await popupFor(page);
    await switchFor(popup, site.origin).check();
    await expect.poll(() => labelled(page), { message: 'on for the site' }).toEqual(firstScreen);
    await switchFor(popup, site.origin).uncheck();
    await popup.page.getByText('Describe as I browse on').waitFor();
    await expect.poll(() => suite.extension.inWorker(async () => JSON.stringify(await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<unknown> } } } }).chrome.storage.local.get('describeAsBrowse'))), { message: 'the site off' }).not.toContain('127.0.0.1');
    expect(await switchFor(popup, site.origin).isChecked()).toBe(false);
    await popup.page.close();
    const asked = asksFrom(site.origin).length;
    await page.evaluate(() => document.querySelectorAll('img')[14]!.scrollIntoView());

    // Another site, turned on by the keyboard command: once its pictures are labelled, a request
    // from the first page's scroll, sent before it, would have come too.
    const other = await openBrowsePage(site.publicUrl('/browse.html'));
    await suite.extension.runCommand(other, 'auto-describe');
    await expect.poll(() => said(other), { message: 'the command says what it did in the page' }).toContainEqual(`Describe as I browse is on for ${site.publicOrigin()}.`);
    await expect.poll(async () => (await labelled(other)).length, { message: 'the other site’s first screen labelled' }).toBeGreaterThan(0);
    expect(asksFrom(site.publicOrigin()).length).toBeGreaterThan(0);
    expect(asksFrom(site.origin).length, 'nothing more sent for the site turned off').toBe(asked);
    expect(await labelled(page), 'the scrolled-to pictures stay unlabelled').toEqual(firstScreen);

    popup = await popupFor(page);
    await popup.page.getByText(`${firstScreen.length} pictures described on this page.`).waitFor();
    await popup.page.getByRole('button', { name: 'Undo what it wrote' }).click();
    await popup.page.getByText(`Alt text taken back from ${firstScreen.length} pictures.`).waitFor();
    expect(await labels(page), 'every picture as the page had it').toEqual(Array.from({ length: PICTURES }, () => ({ alt: null, generated: null })));
    await expect.poll(() => badgeOf(page), { message: 'the badge cleared' }).toBe('');
    await popup.page.close();
    await Promise.all([page.close(), other.close()]);
  });

  it('the options list the sites it is on for, and Remove turns it off there', async () => {
    const page = await openBrowsePage(site.publicUrl('/browse.html'));
    const first = await popupFor(page);
    await switchFor(first, site.publicOrigin()).check();
    await expect.poll(() => switchFor(first, site.publicOrigin()).isChecked(), { message: 'on for the site' }).toBe(true);
    await first.page.close();
    const options = await OptionsPage.open(suite.extension);
    const section = options.page.getByRole('region', { name: 'Describe as I browse' });
    await section.getByRole('listitem').filter({ hasText: site.publicOrigin() }).waitFor();
    expect(await axeViolations(options.page)).toEqual([]);
    await section.getByRole('button', { name: `Remove ${site.publicOrigin()}` }).click();
    await section.getByText('“Describe as I browse” saved.').waitFor();
    expect(await section.getByRole('listitem').filter({ hasText: site.publicOrigin() }).count()).toBe(0);
    const popup = await popupFor(page);
    await expect.poll(() => switchFor(popup, site.publicOrigin()).isChecked(), { message: 'off for the site in the popup' }).toBe(false);
    expect(await axeViolations(popup.page)).toEqual([]);
  });

  it('with Chrome’s own model ready, it describes on this computer: nothing reaches the server', async () => {
    const alt = 'A tall blue panel, seen on this computer';
    await (await suite.extension.worker()).evaluate(installFakeLanguageModel, { availability: 'available', reply: [altJson({ alt })], contextWindow: 6144 } satisfies FakeModelConfig);
    const page = await openBrowsePage(site.url('/browse.html?on-device'));
    const firstScreen = await nearView(page);
    const popup = await popupFor(page);
    await switchFor(popup, site.origin).check();
    await expect.poll(() => labelled(page), { message: 'the first screen labelled by the model on this computer' }).toEqual(firstScreen);
    expect((await labels(page))[0]).toEqual({ alt, generated: 'ask-about-image' });
    expect(server.asks, 'nothing sent to the server').toEqual([]);
    const log = await (await suite.extension.worker()).evaluate(() => (globalThis as unknown as { __fakeLanguageModel: FakeModelLog }).__fakeLanguageModel);
    expect(log.prompts.length, 'the model asked about the pictures near the view only').toBeLessThanOrEqual(firstScreen.length);
    await switchFor(popup, site.origin).uncheck();
    // The model goes with this test: the worker's global would otherwise answer the next ones.
    await (await suite.extension.worker()).evaluate(() => delete (globalThis as { LanguageModel?: unknown }).LanguageModel);
  });

  it('its own daily budget stops it with one sentence', async () => {
    server.defaultReply = { text: altJson({ alt: 'A tall blue panel' }) };
    // As on a new day: nothing spent on it yet (the tests before spent a few requests' worth).
    await suite.extension.inWorker(() => (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('describeAsBrowseSpend'));
    const options = await OptionsPage.open(suite.extension);
    const section = options.page.getByRole('region', { name: 'Describe as I browse' });
    await section.getByLabel('Its budget per day (USD)').fill('0.0001');
    await section.getByLabel('Its budget per day (USD)').press('Enter');
    await section.getByText('“Describe as I browse” saved.').waitFor();
    await options.page.close();

    const page = await openBrowsePage(site.url('/browse.html'));
    const firstScreen = await nearView(page);
    const popup = await popupFor(page);
    await switchFor(popup, site.origin).check();
    await expect.poll(() => switchFor(popup, site.origin).isChecked(), { message: 'the switch on' }).toBe(true);
    // One request costs more than the budget: the pictures already asked about finish, no more go.
    await expect.poll(() => labelled(page), { message: 'the first screen, asked before the budget was spent' }).toEqual(firstScreen);
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => said(page), { message: 'the stop, said in the page' }).toContainEqual(expect.stringContaining('stopped: today’s budget for it'));
    // The sentence comes once the end's pictures were refused: none of them was sent.
    expect(asksFrom(site.origin).length, 'nothing sent past the budget').toBeLessThanOrEqual(firstScreen.length);
    expect(await labelled(page)).toEqual(firstScreen);
    expect((await said(page)).filter((text) => text.includes('budget')), 'said once').toHaveLength(1);
    await page.close();
  });
  // Last: allowing the extension in private windows restarts it.
  it('a private window is untouched while the site is on, unless allowed there', { timeout: 90_000 }, async () => {
    server.defaultReply = { text: altJson({ alt: 'A tall blue panel' }) };
    // What the "Allow in Incognito" switch does (incognito.e2e.ts): the extension runs there, and restarts.
    const settingsPage = await suite.extension.context.newPage();
    await settingsPage.goto('chrome://extensions');
    await settingsPage.evaluate(async (id) => {
      const { developerPrivate } = (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(u: object): Promise<void>; updateExtensionConfiguration(u: object): Promise<void> } } }).chrome;
      await developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
      await developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
    }, suite.extension.id);
    await settingsPage.close();
    const opener = await suite.extension.context.newPage();
    await expect
      .poll(async () => opener.goto(suite.extension.url('options.html')).then(() => true, () => false), { message: 'the extension back after its restart' })
      .toBe(true);
    // Its budget, spent by the test before, raised: only the private window may stop it now.
    const section = opener.getByRole('region', { name: 'Describe as I browse' });
    await section.getByLabel('Its budget per day (USD)').fill('5');
    await section.getByLabel('Its budget per day (USD)').press('Enter');
    await section.getByText('“Describe as I browse” saved.').waitFor();

    // On for the site, from the popup over an ordinary tab of it.
    const first = await suite.extension.context.newPage();
    await first.goto(site.url('/pictures.html'));
    const popup = await popupFor(first);
    await switchFor(popup, site.origin).check();
    await expect.poll(() => switchFor(popup, site.origin).isChecked(), { message: 'the switch on' }).toBe(true);
    await Promise.all([popup.page.close(), first.close()]);

    const privateAddress = site.url('/browse.html?private');
    await opener.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: { windows: { create(data: object): Promise<unknown> } } };
      await chrome.windows.create({ incognito: true, url });
    }, privateAddress);
    const privateTab = async () =>
      (await suite.extension.worker()).evaluate(async (url) => {
        const { chrome } = globalThis as unknown as Chrome;
        return (await chrome.tabs.query({ url })).find((t) => t.incognito && t.status === 'complete') ?? null;
      }, privateAddress);
    await expect.poll(privateTab, { message: 'the private tab loaded', timeout: 20_000 }).not.toBeNull();

    // The same site in an ordinary tab, opened after it: once its pictures are labelled, the
    // private page's, reported first, would have been too.
    const page = await openBrowsePage(site.url('/browse.html?ordinary'));
    const firstScreen = await nearView(page);
    await expect.poll(() => labelled(page), { message: 'the ordinary tab labelled: the site is on' }).toEqual(firstScreen);

    const tab = (await privateTab())!;
    const privatePage = async () =>
      (await suite.extension.worker()).evaluate(async (tabId) => {
        const { chrome } = globalThis as unknown as Chrome;
        // The audit's scan of the private page: how many pictures still need alt text.
        const reply = (await chrome.tabs.sendMessage(tabId, { type: 'scanPage' }, { frameId: 0 })) as { value: { needing: unknown[] } };
        return { needing: reply.value.needing.length, badge: await chrome.action.getBadgeText({ tabId }) };
      }, tab.id);
    expect(await privatePage()).toEqual({ needing: PICTURES, badge: '' });
    expect(asksFrom(site.origin).length, 'requests for the ordinary tab only').toBeLessThanOrEqual(firstScreen.length);

    // Allowed in private windows: the private page's first screen is described too.
    await section.getByRole('checkbox', { name: 'Also in private windows' }).check();
    await expect.poll(async () => (await privatePage()).needing, { message: 'the private page described once allowed' }).toBe(PICTURES - firstScreen.length);
    await opener.close();
  });
});
