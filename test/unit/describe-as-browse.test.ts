/**
 * "Describe as I browse" in the worker, with the page and the model stood in for: a report from a
 * site that is off asks nothing; without a key nothing is asked and why is said; past its budget
 * nothing is asked and the stop is said once, however many reports follow; on, each picture is asked about through the audit's
 * request (three at a time), written with the audit's Apply, and counted once politely.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RowOutcome } from '../../utils/alt-text/audit-row';
import type { ScannedPicture } from '../../utils/shared/alt-text-types';

vi.mock('../../utils/alt-text/audit-row', async (original) => ({ ...(await original<typeof import('../../utils/alt-text/audit-row')>()), describeRow: vi.fn() }));
vi.mock('../../utils/shared/messages', async (original) => ({ ...(await original<typeof import('../../utils/shared/messages')>()), sendToContent: vi.fn() }));

const { describeRow } = await import('../../utils/alt-text/audit-row');
const { sendToContent } = await import('../../utils/shared/messages');
const { browseHello, browseStateOf, forgetClosedTabPages, picturesInView } = await import('../../utils/alt-text/describe-as-browse');
const { checkedReport } = await import('../../utils/alt-text/describe-as-browse-payload');
const { NEED_REASONS } = await import('../../utils/shared/alt-text-types');
const { dayOf } = await import('../../utils/shared/describe-as-browse-settings');
const { apiKeys } = await import('../../utils/api-key-store');
const { browsePagesItem, browseSettingsItem, browseSpendItem, pictureSourcesItem } = await import('../../utils/storage');
const { FIRST_PROFILE_ID } = await import('../../utils/settings');

const SITE = 'https://news.example';
const tab = { id: 5, url: `${SITE}/a`, incognito: false } as Browser.tabs.Tab;
const sender = { tab, frameId: 0, url: tab.url } as Browser.runtime.MessageSender;
const page = { pageTitle: 'News', lang: 'en' };

const picture = (n: number): ScannedPicture => ({
  elementId: `doc1-${n}`, kind: 'image', url: `${SITE}/p${n}.jpg`, currentAlt: null, need: { needs: true, reason: 'missing' }, width: 400, height: 800, context: { lang: 'en', pageTitle: 'News' },
});

const done = (alt: string): RowOutcome => ({
  kind: 'done', cached: false, detail: 'low', cost: 0.001,
  result: { alt, kind: 'informative', decorative: false, reason: '', longDescription: '', shorter: '', language: 'en', lint: { text: alt, warnings: [], changes: [] } } as unknown as Extract<RowOutcome, { kind: 'done' }>['result'],
});

const said = () => vi.mocked(sendToContent).mock.calls.filter(([, , type]) => type === 'browseAnnounce').map(([, , , payload]) => (payload as { text: string }).text);
const applied = () => vi.mocked(sendToContent).mock.calls.filter(([, , type]) => type === 'applyAlt').map(([, , , payload]) => payload);

beforeEach(async () => {
  fakeBrowser.reset();
  vi.mocked(describeRow).mockReset();
  vi.mocked(sendToContent).mockReset().mockResolvedValue({ how: 'alt' } as never);
  vi.spyOn(browser.tabs, 'get').mockImplementation(async () => tab);
  for (const method of ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const) vi.spyOn(browser.action, method).mockResolvedValue(undefined);
  await browseSettingsItem.setValue({ sites: [SITE], allowInPrivate: false, dailyBudget: 0.1 });
  await apiKeys.set(FIRST_PROFILE_ID, { key: 'sk-unit', origin: 'https://api.openai.com' });
});

describe('Describe as I browse in the worker', () => {
  it('asks nothing for a site it is off for, nor in a private window', async () => {
    await browseSettingsItem.setValue({ sites: ['https://other.example'], allowInPrivate: false, dailyBudget: 0.1 });
    await picturesInView(sender, [picture(1)], page);
    await browseSettingsItem.setValue({ sites: [SITE], allowInPrivate: false, dailyBudget: 0.1 });
    await picturesInView({ ...sender, tab: { ...tab, incognito: true } }, [picture(2)], page);
    // A picture reported where it is on is asked about and written: by then the two above would have been too.
    vi.mocked(describeRow).mockResolvedValue(done('A quay at dawn'));
    await picturesInView(sender, [picture(3)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(1));
    expect(vi.mocked(describeRow).mock.calls.map(([, row]) => row.id)).toEqual(['doc1-3']);
  });

  it('past its budget, asks nothing and says so once, however many reports follow', async () => {
    await browseSpendItem.setValue({ day: dayOf(Date.now()), cost: 0.1, stopAnnounced: false });
    await picturesInView(sender, [picture(1)], page);
    await picturesInView(sender, [picture(2)], page);
    expect(describeRow).not.toHaveBeenCalled();
    expect(said()).toEqual(['Describe as I browse stopped: today’s budget for it, $0.10, is spent. Nothing more is sent today.']);
  });

  it('without a key, asks nothing and says why on the page', async () => {
    await apiKeys.set(FIRST_PROFILE_ID, null);
    await picturesInView(sender, [picture(1), picture(2)], page);
    await vi.waitFor(() => expect(said()).toHaveLength(1));
    expect(said()[0]).toMatch(/key/i);
    expect(describeRow).not.toHaveBeenCalled();
  });

  it('on: three at a time through the audit’s request, each written with Apply, counted once politely, its cost kept for its budget', async () => {
    let running = 0;
    let most = 0;
    // Each request is held until the test lets it finish, so how many run at once is what the queue allows.
    const held: (() => void)[] = [];
    vi.mocked(describeRow).mockImplementation(async (_ctx, row) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => held.push(resolve));
      running -= 1;
      return done(`Picture ${row.id}`);
    });
    await picturesInView(sender, [1, 2, 3, 4, 5].map(picture), page);
    await vi.waitFor(() => expect(running, 'three asked at once').toBe(3));
    for (let finished = 0; finished < 5; ) {
      await vi.waitFor(() => expect(held.length, 'a request waiting to finish').toBeGreaterThan(0));
      finished += held.length;
      held.splice(0).forEach((finish) => finish());
    }
    await vi.waitFor(() => expect(said()).toEqual(['5 pictures described']));
    expect(most).toBe(3);
    expect(applied()).toHaveLength(5);
    expect(applied()[0]).toEqual({ elementId: 'doc1-1', text: 'Picture doc1-1' });
    expect((await browseSpendItem.getValue())?.cost).toBeCloseTo(0.005);
    expect(browser.action.setBadgeText).toHaveBeenLastCalledWith({ tabId: 5, text: '5' });
    // A picture reported again is not asked about twice; a new one beside it is.
    vi.mocked(describeRow).mockImplementation(async (_ctx, row) => done(`Picture ${row.id}`));
    await picturesInView(sender, [picture(1), picture(6)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(6));
    expect(vi.mocked(describeRow).mock.calls.map(([, row]) => row.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `doc1-${n}`));
  });

  it('lets go of the pixels a picture\'s page read for its one request, and of no conversation\'s', async () => {
    vi.mocked(describeRow).mockImplementation(async () => {
      // As the audit's request keeps a drawing's pixels while it is asked about (audit-row.ts).
      await pictureSourcesItem.setValue({ ...(await pictureSourcesItem.getValue()), 'audit:doc1-1': { dataUrl: 'data:image/png;base64,AAAA', at: 2 } });
      return done('A chart of rainfall');
    });
    await pictureSourcesItem.setValue({ 'conv-1': { dataUrl: 'data:image/png;base64,BBBB', at: 1 } });
    await picturesInView(sender, [picture(1)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(1));
    await vi.waitFor(async () => expect(Object.keys(await pictureSourcesItem.getValue())).toEqual(['conv-1']));
  });

  it('forgets the records of closed tabs (a private one\'s names the site it was on), and keeps an endless page\'s list of asked pictures bounded', async () => {
    vi.spyOn(browser.tabs, 'query').mockImplementation(async () => [tab]);
    const closed = { document: 'doc9', written: ['doc9-1'], asked: ['doc9-1'], announced: false };
    await browsePagesItem.setValue({ 7: closed });
    vi.mocked(describeRow).mockResolvedValue(done('A quay at dawn'));
    await picturesInView(sender, [picture(1)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(1));
    expect(Object.keys(await browsePagesItem.getValue())).toEqual(['5']);
    // The last private window closed: its tabs' records go without waiting for a change.
    await browsePagesItem.setValue({ ...(await browsePagesItem.getValue()), 8: closed });
    await forgetClosedTabPages();
    expect(Object.keys(await browsePagesItem.getValue())).toEqual(['5']);
    // Held until stopped, as a request is.
    vi.mocked(describeRow).mockImplementation((context) => new Promise((resolve) => context.signal.addEventListener('abort', () => resolve({ kind: 'stopped', why: 'cancel' }))));
    const many = Array.from({ length: 1050 }, (_, n) => picture(n + 10));
    for (let from = 0; from < many.length; from += 50) await picturesInView(sender, many.slice(from, from + 50), page);
    expect((await browsePagesItem.getValue())[5]!.asked.length).toBeLessThanOrEqual(1000);
    // A new document in the tab: the pictures still waiting are dropped, and no other test meets them.
    await browseHello(sender);
  });

  it('asks nothing about a picture whose alt only repeats the words beside it: its suggestion, alt="", is never written', async () => {
    vi.mocked(describeRow).mockResolvedValue(done('A quay at dawn'));
    await picturesInView(sender, [{ ...picture(1), currentAlt: 'Read more', need: { needs: true, reason: 'redundant' } }, picture(2)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(1));
    expect(vi.mocked(describeRow).mock.calls.map(([, row]) => row.id)).toEqual(['doc1-2']);
  });

  it('in a private window it is allowed in, asks as a private audit (nothing cached) and downloads no thumbnail', async () => {
    await browseSettingsItem.setValue({ sites: [SITE], allowInPrivate: true, dailyBudget: 0.1 });
    const privateTab = { ...tab, incognito: true };
    vi.mocked(browser.tabs.get).mockImplementation(async () => privateTab);
    vi.mocked(describeRow).mockResolvedValue(done('A quay at dawn'));
    await picturesInView({ ...sender, tab: privateTab }, [picture(1)], page);
    await vi.waitFor(() => expect(applied()).toHaveLength(1));
    const [context] = vi.mocked(describeRow).mock.calls[0]!;
    expect(context.audit.incognito).toBe(true);
    expect(context.thumbnails).toBe(false);
  });

  it('sends nothing for a picture still waiting when its tab has gone to a site where it is off, and shows that page no Undo', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.mocked(describeRow).mockImplementation(async (_ctx, row) => {
      await held;
      return done(`Picture ${row.id}`);
    });
    await picturesInView(sender, [1, 2, 3, 4, 5].map(picture), page);
    await vi.waitFor(() => expect(describeRow).toHaveBeenCalledTimes(3));
    const elsewhere = { ...tab, url: 'https://shop.example/' };
    vi.mocked(browser.tabs.get).mockImplementation(async () => elsewhere);
    const looksBefore = vi.mocked(browser.tabs.get).mock.calls.length;
    release();
    // Each of the five looks at the tab once more after this: the three in flight before writing,
    // the two waiting before they are asked about (or, were they sent, before writing).
    await vi.waitFor(() => expect(vi.mocked(browser.tabs.get).mock.calls.length - looksBefore, 'every picture has looked at its tab').toBeGreaterThanOrEqual(5));
    expect(describeRow).toHaveBeenCalledTimes(3);
    expect(applied()).toEqual([]);
    expect((await browseStateOf(elsewhere)).written).toBe(0);
  });
});

describe('a report from the page', () => {
  it('is taken with a picture of any reason the scan gives, image-map areas and objects included', () => {
    for (const reason of NEED_REASONS) {
      const report = { pictures: [{ ...picture(1), need: { needs: true, reason } }], pageTitle: 'News', lang: 'en' };
      expect(checkedReport(report).pictures, reason).toHaveLength(1);
    }
  });
});
