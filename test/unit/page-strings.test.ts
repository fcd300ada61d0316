/**
 * A page cannot fill storage through its own strings. A page with a 6 MB <title>, alt text,
 * caption and address is asked about from the menu (a question, alt text, the comparison tray,
 * the page audit, and the menu's own fallback when the page cannot answer): each record is stored
 * with every page string bounded, and a picture address no real picture has is refused in words.
 * The page's answers are stood in for; everything else is the real pipeline against the fake server.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startAudit } from '../../utils/alt-text/audit';
import type { PageContext, PageScan, ScannedPicture } from '../../utils/shared/alt-text-types';
import type { Conversation } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { onMenuClicked } from '../../utils/background/menus';
import { t } from '../../utils/shared/i18n';
import type { TargetDescription } from '../../utils/shared/messages';
import { ADDRESS_LIMIT, ALT_LIMIT, TITLE_LIMIT } from '../../utils/page-strings';
import { auditItem, compareTrayItem, latestConversationIdItem, noticeItem } from '../../utils/storage';
import { altJson } from '../e2e/support/alt-answer';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();

const SIX_MB = 6 * 1024 * 1024;
const huge = (word: string) => `${word} `.repeat(Math.ceil(SIX_MB / (word.length + 1)));
const hugeTitle = huge('Title');
const hugeAddress = `https://example.com/page?q=${'a'.repeat(SIX_MB)}`;
const picture = 'https://example.com/cat.jpg';

const hugeContext: PageContext = {
  lang: huge('en'),
  pageTitle: hugeTitle,
  caption: huge('Caption'),
  control: { kind: 'link', text: huge('Link'), href: hugeAddress },
  heading: huge('Heading'),
  paragraph: huge('Paragraph'),
  currentAlt: huge('IMG_1234.jpg'),
};

const tab = { id: 7, windowId: 1, index: 0, url: 'https://example.com/page', title: 'A page', incognito: false } as Browser.tabs.Tab;
const click = (menuItemId: string) => ({ menuItemId, frameId: 0, editable: false, pageUrl: tab.url, srcUrl: picture, mediaType: 'image' }) as Browser.contextMenus.OnClickData;

function description(fields: Partial<TargetDescription> = {}): TargetDescription {
  return {
    source: { kind: 'url', url: picture },
    kind: 'image',
    alt: huge('Alt'),
    pageUrl: hugeAddress,
    pageTitle: hugeTitle,
    elementId: 'e1',
    context: hugeContext,
    need: { needs: true, reason: 'suspicious' },
    ...fields,
  };
}

/** The page answers `describeTarget` and `scanPage` with these; anything else it refuses. */
function pageAnswers(answers: { describeTarget?: TargetDescription; scanPage?: PageScan }) {
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: keyof typeof answers }) => {
    const value = answers[message.type];
    return value ? Promise.resolve({ ok: true, value }) : Promise.reject(new Error(`No page answers ${message.type} here.`));
  }) as never);
}

/** Everything in extension storage, as the characters it takes. */
async function stored(): Promise<number> {
  const [local, session] = await Promise.all([fakeBrowser.storage.local.get(null), fakeBrowser.storage.session.get(null)]);
  return JSON.stringify(local).length + JSON.stringify(session).length;
}

async function latest(): Promise<Conversation> {
  const id = await latestConversationIdItem.getValue();
  const found = id && (await loadConversation(id));
  if (!found) throw new Error('no conversation was stored');
  return found;
}

/** Every page string of a context within its bound. */
function expectBoundedContext(context: PageContext | undefined) {
  expect(context).toBeDefined();
  for (const [field, value] of Object.entries(context!)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    expect(text.length, `context.${field}`).toBeLessThanOrEqual(2 * TITLE_LIMIT);
  }
}

beforeEach(async () => {
  await useProvider(server, { profile: { sendImagesAs: 'url' } });
});

describe('a page with a 6 MB title, alt text, caption and address', () => {
  it('asked about from the menu: the conversation keeps them bounded, and is answered', async () => {
    pageAnswers({ describeTarget: description() });
    await onMenuClicked(click('ask-image'), tab);
    await expect.poll(async () => (await latest()).turns[0]?.status, { message: 'the answer' }).toBe('done');
    const { image } = await latest();
    expect(image.url).toBe(picture);
    expect(image.pageTitle!.length).toBeLessThanOrEqual(TITLE_LIMIT);
    expect(image.pageTitle).toMatch(/^Title Title .*…$/);
    expect(image.alt!.length).toBeLessThanOrEqual(ALT_LIMIT);
    expect(image.pageUrl!.length).toBeLessThanOrEqual(ADDRESS_LIMIT);
    expectBoundedContext(image.context);
    expect(await stored(), 'characters in storage').toBeLessThan(100_000);
  });

  it('asked for alt text: the turn\'s context and the request keep them bounded', async () => {
    pageAnswers({ describeTarget: description() });
    server.reply({ text: altJson({ alt: 'A cat asleep on a sofa' }) });
    await onMenuClicked(click('alt-text'), tab);
    await expect.poll(async () => (await latest()).turns[0]?.status, { message: 'the alt text' }).toBe('done');
    expectBoundedContext((await latest()).turns[0]!.altText?.context);
    expect(JSON.stringify(server.asks[0]!.body).length, 'characters sent to the model').toBeLessThan(20_000);
    expect(await stored(), 'characters in storage').toBeLessThan(100_000);
  });

  it('added to the comparison tray: the tray keeps them bounded', async () => {
    pageAnswers({ describeTarget: description({ source: { kind: 'data', dataUrl: 'data:image/png;base64,AAAA' } }) });
    await onMenuClicked(click('compare-add'), tab);
    const [entry] = await compareTrayItem.getValue();
    expect(entry, 'the picture in the tray').toBeDefined();
    expect(entry!.picture.pageTitle!.length).toBeLessThanOrEqual(TITLE_LIMIT);
    expect(entry!.picture.alt!.length).toBeLessThanOrEqual(ALT_LIMIT);
    expectBoundedContext(entry!.picture.context);
    expect(await stored(), 'characters in storage').toBeLessThan(100_000);
  });

  it('where the page cannot answer, the menu\'s own title and address are bounded too', async () => {
    pageAnswers({});
    await onMenuClicked({ ...click('ask-image'), pageUrl: hugeAddress }, { ...tab, title: hugeTitle });
    await expect.poll(async () => (await latest()).turns[0]?.status, { message: 'the answer' }).toBe('done');
    const { image } = await latest();
    expect(image.pageTitle!.length).toBeLessThanOrEqual(TITLE_LIMIT);
    expect(image.pageUrl!.length).toBeLessThanOrEqual(ADDRESS_LIMIT);
    expect(await stored(), 'characters in storage').toBeLessThan(100_000);
  });

  it('audited: the audit keeps its title, addresses, alt text and context bounded', async () => {
    const scanned = (id: string, url: string): ScannedPicture => ({
      elementId: id, kind: 'image', url, currentAlt: huge('IMG_1234.jpg'), need: { needs: true, reason: 'suspicious' }, width: 10, height: 10, context: hugeContext,
    });
    pageAnswers({
      scanPage: {
        pageUrl: hugeAddress, pageTitle: hugeTitle, lang: huge('en'), examined: 3, scanMs: 1,
        needing: [scanned('p1', picture), scanned('p2', `https://example.com/x.jpg?${'b'.repeat(SIX_MB)}`)],
        decorative: [scanned('p3', picture)],
      },
    });
    await startAudit(tab);
    const audit = (await auditItem.getValue())!;
    expect(audit.pageTitle.length).toBeLessThanOrEqual(TITLE_LIMIT);
    expect(audit.pageUrl.length).toBeLessThanOrEqual(ADDRESS_LIMIT);
    expect(audit.lang.length).toBeLessThan(100);
    for (const picture of [...audit.rows.map((row) => row.picture), ...audit.decorative]) {
      expect(picture.currentAlt!.length).toBeLessThanOrEqual(ALT_LIMIT);
      expectBoundedContext(picture.context);
    }
    // An address no picture has is left out: the page is asked for the pixels when it is described.
    expect(audit.rows.map((row) => row.picture.url)).toEqual([picture, undefined]);
    expect(await stored(), 'characters in storage').toBeLessThan(100_000);
  });
});

describe('a picture whose own address is over the limit', () => {
  it('is refused in words: nothing is stored, nothing is sent', async () => {
    const long = `https://example.com/cat.jpg?${'c'.repeat(ADDRESS_LIMIT)}`;
    pageAnswers({ describeTarget: description({ source: { kind: 'url', url: long } }) });
    await onMenuClicked(click('ask-image'), tab);
    expect((await noticeItem.getValue())?.message).toBe(t('imgAddressTooLong', ADDRESS_LIMIT / 1024));
    expect(await latestConversationIdItem.getValue()).toBeNull();
    expect(server.requests).toHaveLength(0);

    await onMenuClicked(click('compare-add'), tab);
    expect(await compareTrayItem.getValue()).toEqual([]);
  });

  it('one just at the limit is kept whole', async () => {
    const atLimit = `https://example.com/cat.jpg?q=`.padEnd(ADDRESS_LIMIT, 'd');
    pageAnswers({ describeTarget: description({ source: { kind: 'url', url: atLimit } }) });
    await onMenuClicked(click('ask-image'), tab);
    await expect.poll(async () => (await latest()).image.url, { message: 'the conversation stored' }).toBe(atLimit);
  });
});
