/**
 * "Show answers in: side panel": a menu item or a keyboard command opens the side panel within the
 * user's gesture, and the answer (or the notice) is shown there, with no popup over it. The popup
 * stays the default, the way when the choice is not known yet, and the way when the browser refuses
 * the panel.
 *
 * The fake side panel below keeps the browsers' rule: it opens only while the listener runs
 * synchronously, as Chrome and Firefox open it only during the click or key press, which the first
 * await ends. An open call moved after any await is refused by it, and the answer then goes to the
 * popup: every test here that expects the panel fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadConversation } from '../../utils/ask/conversation-store';
import { answerSurfaceRead, followAnswerSurface, openAnswerSurface } from '../../utils/background/answer-surface';
import { onCommand } from '../../utils/background/commands';
import { contentScriptRequestHandlers } from '../../utils/background/content-script-requests';
import { onMenuClicked } from '../../utils/background/menus';
import { NO_PANEL } from '../../utils/background/panel-opening';
import { createMessageListener, isOwnContentScript, type ContentScriptRequests, type TargetDescription } from '../../utils/shared/messages';
import { DEFAULT_GLOBAL_SETTINGS, globalProblem, withDefaults, type AnswerSurface } from '../../utils/settings';
import { latestConversationIdItem, noticeItem, settingsItem } from '../../utils/storage';
import { wakeWorkerOnContextMenu } from '../../utils/page/wake-worker';
import { DEFAULT_REPLY } from '../fake-openai/server';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const server = useFakeServer();
const picture = { url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };
const tab = { id: 7, windowId: 3, index: 0, url: picture.pageUrl, title: picture.pageTitle, incognito: false } as Browser.tabs.Tab;
const click = (menuItemId: string) => ({ menuItemId, frameId: 0, editable: false, pageUrl: picture.pageUrl }) as Browser.contextMenus.OnClickData;
const described: TargetDescription = {
  source: { kind: 'url', url: picture.url },
  kind: 'image',
  pageUrl: picture.pageUrl,
  pageTitle: picture.pageTitle,
  elementId: 'e1',
  context: { lang: 'en', pageTitle: picture.pageTitle },
  need: { needs: false, reason: 'labelled' },
};

/** Whether a user's gesture is under way: only while a listener runs synchronously (gesture()). */
let inGesture = false;

/** Runs `listener` as the browser runs it for a click or a key press: the gesture ends when it returns. */
function gesture<T>(listener: () => T): T {
  inGesture = true;
  try {
    return listener();
  } finally {
    inGesture = false;
  }
}

/** Chrome's words when sidePanel.open is called outside a gesture. */
const NO_GESTURE = '`sidePanel.open()` may only be called in response to a user gesture.';
const openedInGesture = () => (inGesture ? Promise.resolve() : Promise.reject(new Error(NO_GESTURE)));

/** Chrome's side panel, which WXT's fake browser lacks: it opens only within a gesture. */
function chromeSidePanel(open: () => Promise<void> = openedInGesture) {
  const panel = { open: vi.fn((_options: { windowId?: number; tabId?: number }) => open()) };
  Object.assign(fakeBrowser, { sidePanel: panel });
  return panel.open;
}

/** Stops the worker's copy of the choice after each test. */
let stopFollowing: () => void = () => undefined;

/** Stores the choice and has the worker read it, as it does when it starts. */
async function choose(showAnswersIn: AnswerSurface): Promise<void> {
  await useProvider(server, { settings: { showAnswersIn } });
  stopFollowing = followAnswerSurface();
  await answerSurfaceRead();
}

/** The page answers which picture was chosen; anything else it is asked fails (no overlay, no scan). */
function pageDescribes(answer: TargetDescription | null) {
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: string }) =>
    message.type === 'describeTarget' ? Promise.resolve({ ok: true, value: answer }) : Promise.reject(new Error('No page to draw on here.'))) as never); // the reply envelope of utils/shared/messages.ts, which the browser's types call void
}

/** Holds the next read of the settings, with what it found then, until `release` is called. */
function holdFirstSettingsRead() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  let held = false;
  vi.spyOn(local, 'get').mockImplementation((async (keys?: string | string[] | null) => {
    const found = await get(keys as never);
    const isSettings = keys === 'settings' || (Array.isArray(keys) && keys.includes('settings'));
    if (isSettings && !held) {
      held = true;
      await gate;
    }
    return found;
  }) as never); // the fake's overloads, one of which takes a callback
  return { release, held: () => held };
}

const badgeSaysWaiting = () => vi.mocked(browser.action.setBadgeText).mock.calls.some(([details]) => details.text === '1' || details.text === '?');

beforeEach(() => {
  vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined as never); // the promise form, which the types overload with the callback one
  vi.spyOn(browser.action, 'setBadgeText').mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
  vi.spyOn(browser.action, 'setTitle').mockResolvedValue(undefined);
  vi.spyOn(browser.tabs, 'query').mockResolvedValue([tab] as never); // the promise form, which the types overload with the callback one
});

afterEach(() => {
  stopFollowing();
  delete (fakeBrowser as { sidePanel?: unknown }).sidePanel;
  vi.restoreAllMocks();
});

describe('the option "Show answers in"', () => {
  it('is the popup unless the person chooses the side panel, settings stored before it existed included', () => {
    expect(DEFAULT_GLOBAL_SETTINGS.showAnswersIn).toBe('popup');
    expect(withDefaults({ dailyBudget: 3 }).showAnswersIn).toBe('popup');
  });

  it('accepts the popup and the side panel, and nothing else', () => {
    expect(globalProblem({ ...DEFAULT_GLOBAL_SETTINGS, showAnswersIn: 'sidepanel' })).toBeNull();
    expect(globalProblem({ ...DEFAULT_GLOBAL_SETTINGS, showAnswersIn: 'drawer' as AnswerSurface })).toBe('Choose where answers are shown: the popup or the side panel.');
  });
});

describe('with the side panel chosen', () => {
  it.each([
    { via: 'the menu item', choose: () => onMenuClicked(click('ask-image'), tab) },
    { via: 'the keyboard command', choose: () => onCommand('ask-image', tab) },
  ])('an ask from $via opens the side panel within the gesture, and the answer is shown there with no popup', async ({ choose: ask }) => {
    const open = chromeSidePanel();
    await choose('sidepanel');
    pageDescribes(described);
    const asking = gesture(ask);
    // Counted as the listener returns, before anything it awaits: within the gesture.
    const openedWithin = open.mock.calls.length;
    await asking;
    expect(openedWithin, 'the side panel was not asked for before the listener returned').toBe(1);
    expect(open).toHaveBeenCalledWith({ windowId: tab.windowId });
    const conversation = await loadConversation((await latestConversationIdItem.getValue()) ?? '');
    expect(conversation?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
    expect(browser.action.openPopup, 'the popup opened over the side panel').not.toHaveBeenCalled();
    expect(badgeSaysWaiting(), 'the badge said an answer waits, while the side panel shows it').toBe(false);
  });

  // Every item and command shows something: here each ends in a notice (no picture, no page to
  // draw on or scan), said in the side panel.
  it.each([
    ...['ask-image', 'alt-text', 'compare-add', 'ask-region'].map((id) => ({ what: `menu item ${id}`, run: () => onMenuClicked(click(id), tab) })),
    ...['ask-image', 'alt-text', 'audit-page', 'ask-region'].map((id) => ({ what: `command ${id}`, run: () => onCommand(id, tab) })),
  ])('the $what opens the side panel within the gesture and says what happened there, with no popup', async ({ run }) => {
    const open = chromeSidePanel();
    await choose('sidepanel');
    pageDescribes(null);
    const running = gesture(run);
    const openedWithin = open.mock.calls.length;
    await running;
    expect(openedWithin, 'the side panel was not asked for before the listener returned').toBe(1);
    expect((await noticeItem.getValue())?.message).toEqual(expect.any(String));
    expect(browser.action.openPopup, 'the popup opened over the side panel').not.toHaveBeenCalled();
    expect(badgeSaysWaiting()).toBe(false);
  });

  it('the auto-describe command, which says what it did in the page itself, opens no side panel and no popup', async () => {
    const open = chromeSidePanel();
    await choose('sidepanel');
    pageDescribes(null);
    await gesture(() => onCommand('auto-describe', tab));
    expect(open).not.toHaveBeenCalled();
    expect(browser.action.openPopup).not.toHaveBeenCalled();
  });

  it('opens Firefox\'s sidebar the same way, within the gesture', async () => {
    const open = vi.spyOn(fakeBrowser.sidebarAction, 'open').mockImplementation(openedInGesture);
    await choose('sidepanel');
    pageDescribes(null);
    const asking = gesture(() => onMenuClicked(click('alt-text'), tab));
    const openedWithin = open.mock.calls.length;
    await asking;
    expect(openedWithin).toBe(1);
    expect(browser.action.openPopup).not.toHaveBeenCalled();
  });

  it.each([
    { refusal: 'refused', open: () => Promise.reject(new Error('No active browser window.')) },
    { refusal: 'thrown at once', open: () => { throw new Error('sidePanel.open: No matching signature.'); } },
  ])('falls back to the popup when the side panel is $refusal, and says why in the console', async ({ open: refuse }) => {
    const open = chromeSidePanel(refuse);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await choose('sidepanel');
    pageDescribes(described);
    await gesture(() => onMenuClicked(click('ask-image'), tab));
    expect(open).toHaveBeenCalledOnce();
    expect(browser.action.openPopup, 'nothing showed the answer once the side panel was refused').toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledWith('The side panel could not be opened, so the answer is shown in the popup instead.', expect.any(Error));
    const conversation = await loadConversation((await latestConversationIdItem.getValue()) ?? '');
    expect(conversation?.turns[0]).toMatchObject({ status: 'done', answer: DEFAULT_REPLY.text });
  });

  it('follows the option as it changes, without the listener reading storage', async () => {
    const open = chromeSidePanel();
    await choose('popup');
    pageDescribes(null);
    await gesture(() => onMenuClicked(click('compare-add'), tab));
    expect(open).not.toHaveBeenCalled();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), showAnswersIn: 'sidepanel' });
    await vi.waitFor(async () => {
      open.mockClear();
      await gesture(() => onMenuClicked(click('compare-add'), tab));
      expect(open, 'the worker did not follow the option to the side panel').toHaveBeenCalledOnce();
    });
  });
});

describe('the worker\'s copy of the choice', () => {
  it('keeps a change made while its first read was on the way, over what that read found', async () => {
    const open = chromeSidePanel();
    await useProvider(server);
    // The worker's first read of the settings finds the popup, and answers only after the change.
    const read = holdFirstSettingsRead();
    stopFollowing = followAnswerSurface();
    await vi.waitFor(() => expect(read.held(), 'the first read did not start').toBe(true));
    await settingsItem.setValue({ ...(await settingsItem.getValue()), showAnswersIn: 'sidepanel' });
    read.release();
    await answerSurfaceRead();
    pageDescribes(null);
    await gesture(() => onMenuClicked(click('compare-add'), tab));
    expect(open, 'the older read put the popup back over the newer choice').toHaveBeenCalledOnce();
  });
});

describe('the popup', () => {
  it('is where answers go by default, and no side panel opens', async () => {
    const open = chromeSidePanel();
    await useProvider(server);
    stopFollowing = followAnswerSurface();
    await answerSurfaceRead();
    pageDescribes(described);
    await gesture(() => onMenuClicked(click('ask-image'), tab));
    expect(open).not.toHaveBeenCalled();
    expect(browser.action.openPopup).toHaveBeenCalledOnce();
  });

  it('is where answers go while the worker has not read the choice yet (woken by the click itself)', async () => {
    const open = chromeSidePanel();
    await useProvider(server, { settings: { showAnswersIn: 'sidepanel' } });
    // The worker starts on the click: it begins reading the choice, and the click arrives first.
    stopFollowing = followAnswerSurface();
    pageDescribes(described);
    await gesture(() => onMenuClicked(click('ask-image'), tab));
    expect(open).not.toHaveBeenCalled();
    expect(browser.action.openPopup).toHaveBeenCalledOnce();
  });
});

describe('waking the worker as the page\'s menu opens', () => {
  it('sends the wake-up from the capture phase of each right-click', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value: undefined } as never); // the reply envelope, which the types call void
    const page = new EventTarget() as unknown as Document;
    const stop = wakeWorkerOnContextMenu(page);
    page.dispatchEvent(new Event('contextmenu'));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith({ type: 'wake', payload: undefined }));
    stop();
    page.dispatchEvent(new Event('contextmenu'));
    await Promise.resolve();
    expect(send).toHaveBeenCalledOnce();
  });

  it('sends the wake-up as a shortcut is pressed (a key with Alt, Ctrl or Meta held), at most once in ten seconds', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockClear().mockResolvedValue({ ok: true, value: undefined } as never);
    const page = new EventTarget() as unknown as Document;
    const key = (modifiers: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }, at: number) =>
      Object.defineProperties(new Event('keydown'), {
        altKey: { value: modifiers.altKey ?? false },
        ctrlKey: { value: modifiers.ctrlKey ?? false },
        metaKey: { value: modifiers.metaKey ?? false },
        repeat: { value: false },
        timeStamp: { value: at },
      });
    const stop = wakeWorkerOnContextMenu(page);
    page.dispatchEvent(key({}, 1_000));
    await Promise.resolve();
    expect(send, 'a key typed with no modifier').not.toHaveBeenCalled();
    page.dispatchEvent(key({ altKey: true }, 2_000));
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith({ type: 'wake', payload: undefined }));
    page.dispatchEvent(key({ ctrlKey: true }, 5_000));
    await Promise.resolve();
    expect(send, 'a second shortcut within ten seconds').toHaveBeenCalledOnce();
    page.dispatchEvent(key({ metaKey: true }, 12_001));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    stop();
    page.dispatchEvent(key({ altKey: true }, 30_000));
    await Promise.resolve();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('is answered, once the worker has read the choice, for the extension\'s own content scripts only', async () => {
    await useProvider(server, { settings: { showAnswersIn: 'sidepanel' } });
    const read = holdFirstSettingsRead();
    stopFollowing = followAnswerSurface();
    const listener = createMessageListener<ContentScriptRequests>(contentScriptRequestHandlers, isOwnContentScript);
    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://example.com/', tab } as Browser.runtime.MessageSender;
    const open = chromeSidePanel();
    // What the worker knows at the moment it answers: a click then must find the choice read.
    let knownWhenAnswered: boolean | undefined;
    const reply = listener({ type: 'wake', payload: undefined }, contentScript)?.then((answer) => {
      knownWhenAnswered = gesture(() => openAnswerSurface(tab)) !== NO_PANEL;
      return answer;
    });
    await vi.waitFor(() => expect(read.held()).toBe(true));
    read.release();
    await expect(reply).resolves.toEqual({ ok: true, value: undefined });
    expect(knownWhenAnswered, 'the wake-up was answered before the choice was read').toBe(true);
    open.mockClear();
    // Answered only once the choice was read: a click now opens the side panel.
    pageDescribes(null);
    await gesture(() => onMenuClicked(click('compare-add'), tab));
    expect(open).toHaveBeenCalledOnce();
    expect(browser.action.openPopup).not.toHaveBeenCalled();
    expect(listener({ type: 'wake', payload: undefined }, { id: 'another-extension', tab } as Browser.runtime.MessageSender)).toBeUndefined();
  });
});
