/**
 * The add-on in Debian's Firefox ESR, end to end against the local OpenAI-compatible server:
 * install and first run, the options, a right-clicked picture asked about, the answer in the
 * popup, a picture only the page can read (a canvas drawing), the sidebar, and a file opened from
 * the toolbar popup.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { held } from '../e2e/support/held';
import { TestSite } from '../e2e/support/site';
import { Firefox } from './support/firefox';

const server = new FakeOpenAI();
const site = new TestSite();
let firefox: Firefox;

type ChatBody = { messages: { role: string; content: string | { type: string; image_url?: { url: string; detail: string } }[] }[] };

beforeAll(async () => {
  await Promise.all([server.start(), site.start()]);
  firefox = await Firefox.launch();
});
afterAll(async () => {
  await firefox?.close();
  await Promise.all([server.stop(), site.stop()]);
});
afterEach(() => {
  expect(server.violations).toEqual([]);
  server.reset();
});

/** The form control whose label reads `label`, in the current tab. */
async function control(label: string): Promise<Record<string, string>> {
  return firefox.run<Record<string, string>>(
    `const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === arguments[0]);
     if (!label || !label.control) throw new Error('No control labelled ' + arguments[0]);
     return label.control;`,
    label,
  );
}

const valueOf = (label: string) =>
  firefox.run<string>(`return [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === arguments[0]).control.value`, label);

async function type(label: string, text: string): Promise<void> {
  const field = await control(label);
  const id = Object.values(field)[0];
  await firefox.marionette.send('WebDriver:ElementClear', { id });
  await firefox.marionette.send('WebDriver:ElementSendKeys', { id, text });
}

async function choose(label: string, value: string): Promise<void> {
  await control(label);
  await firefox.run(
    `const select = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === arguments[0]).control;
     select.value = arguments[1];
     select.dispatchEvent(new Event('change', { bubbles: true }));`,
    label,
    value,
  );
}

const statusText = () => firefox.run<string>(`return [...document.querySelectorAll('[role=status]')].map((s) => s.textContent).join(' | ')`);

/**
 * "Ask about this image" (or another item) chosen on what was right-clicked in the tab showing
 * `pageUrl`: the click data Firefox would give goes to the listener the add-on registered, from
 * the add-on's own options tab. Waits until the listener is done (the answer is whole), unless
 * `whole` is false: an answer the server holds midway would never be.
 */
async function chooseMenuItem(pageUrl: string, menuItemId: string, srcUrl?: string, { whole = true } = {}): Promise<void> {
  await firefox.switchToTab(firefox.extensionUrl('options.html'));
  await firefox.runAsync(
    `const [pageUrl, menuItemId, srcUrl, whole] = args;
     const background = await browser.runtime.getBackgroundPage();
     const tab = (await browser.tabs.query({})).find((t) => t.url === pageUrl);
     if (!tab) throw new Error('No tab shows ' + pageUrl);
     const info = { menuItemId, pageUrl, frameId: 0, editable: false, ...(srcUrl ? { srcUrl, mediaType: 'image' } : {}) };
     const done = background.testApi.onMenuClicked(info, tab);
     if (whole) await done;`,
    pageUrl,
    menuItemId,
    srcUrl ?? null,
    whole,
  );
}

async function popupAnswer(): Promise<string> {
  await firefox.openTab(firefox.extensionUrl('popup.html'));
  return firefox.waitFor(
    () => firefox.run<string | null>(`const log = document.querySelector('[role=log][aria-label="Answer"]'); return log && !log.textContent.includes('Still writing') ? log.textContent : null`),
    'the answer in the popup',
  );
}

/**
 * The answer log of the add-on's sidebar once `shows` accepts its text, which is returned; fails
 * saying `what` it waited for and what the log held last.
 */
async function sidebarAnswer(shows: (text: string) => boolean, what: string): Promise<string> {
  return firefox.waitFor(async () => {
    const text = await firefox.sidebarText();
    if (text !== null && shows(text)) return text;
    throw new Error(`the sidebar's answer log held ${JSON.stringify(text)}`);
  }, what);
}

/** "Show answers in" chosen and saved in the options; waits until storage holds it. */
async function showAnswersIn(surface: 'popup' | 'sidepanel'): Promise<void> {
  await firefox.switchToTab(firefox.extensionUrl('options.html'));
  await choose('Show answers in', surface);
  await firefox.run(`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save').click()`);
  await firefox.waitFor(
    async () => (await firefox.runAsync<{ settings?: { showAnswersIn?: string } }>(`return browser.storage.local.get('settings')`)).settings?.showAnswersIn === surface,
    `the options to save "${surface}" as where answers are shown`,
  );
}

/**
 * The file the person picks in the chooser "Open a file…" opens in the sidebar: the chooser is the
 * browser's own window, which no page and no test can drive, so the sidebar's file input is given
 * the file as the chooser gives it, and told it changed.
 */
async function chooseFileInSidebar(name: string): Promise<void> {
  const base64 = (await readFile(resolve(import.meta.dirname, '../fixtures/images', name))).toString('base64');
  await firefox.sidebarView(
    `const [name, base64] = arguments;
     const input = view.document.querySelector('input[type=file]');
     const files = new view.DataTransfer();
     files.items.add(new view.File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }));
     input.files = files.files;
     input.dispatchEvent(new view.Event('change', { bubbles: true }));`,
    name,
    base64,
  );
}

/** "Open a file…" in the sidebar once it has the focus there, with the sentence it is described by; fails saying what had the focus. */
async function fileWayReady(): Promise<{ label: string; sentence: string; folded: boolean }> {
  return firefox.waitFor(async () => {
    const ready = await firefox.sidebarView<{ label: string; sentence: string; folded: boolean } | string>(
      `const focused = view.document.activeElement;
       if (!(focused instanceof view.HTMLInputElement) || focused.type !== 'file') return focused ? focused.outerHTML.slice(0, 120) : 'nothing';
       const sentence = view.document.getElementById(focused.getAttribute('aria-describedby'));
       return { label: focused.closest('label').textContent.trim(), sentence: sentence ? sentence.textContent : '', folded: Boolean(focused.closest('details:not([open])')) };`,
    );
    if (typeof ready === 'string') throw new Error(`the sidebar's focus is on ${ready}`);
    return ready;
  }, 'the sidebar to show "Open a file…" ready, with the focus');
}

/** The address of the picture `selector` shows, in the current tab. */
const pictureUrl = (selector: string) => firefox.run<string>(`return document.querySelector(arguments[0]).currentSrc`, selector);

describe('Firefox ESR', () => {
  it('installs the add-on, and the first run opens the options, where the key goes', async () => {
    expect(await firefox.installAddon()).toBe('ask-about-image@extension');
    await firefox.waitFor(async () => {
      await firefox.switchToTab(firefox.extensionUrl('options.html'));
      return true;
    }, 'the options page to open by itself');
    await firefox.waitFor(() => control('API key'), 'the options to show the API key field');
  });

  it('saves the options, and shows the key never again', async () => {
    await firefox.switchToTab(firefox.extensionUrl('options.html'));
    await type('API key', 'sk-firefox');
    await type('Base URL', server.url);
    await type('Model', 'gpt-4o');
    await choose('Image detail', 'low');
    // The test site is on a loopback address, which "automatic" would send as bytes.
    await choose('Send images as', 'url');
    await firefox.run(`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save').click()`);
    await firefox.waitFor(async () => (await statusText()).includes('Saved.'), 'the options to say "Saved."');
    // Opened again from storage: a mark left on the old page tells the new page from it.
    await firefox.run('window.beforeReload = true; location.reload()');
    await firefox.waitFor(
      async () => (await firefox.run<boolean>('return !window.beforeReload && document.readyState === "complete"')) && (await valueOf('Base URL')) === server.url,
      'the options to open again with the saved base URL',
    );
    expect(await valueOf('Send images as')).toBe('url');
    expect(await valueOf('API key')).toBe('');
    // Firefox's content scripts may read all of storage.local (it cannot be closed to them), so the
    // key is not there: it is in the add-on's own IndexedDB. The next test proves it is still used.
    const local = await firefox.runAsync<string>(`return JSON.stringify(await browser.storage.local.get(null))`);
    expect(local).toContain(server.url);
    expect(local).not.toContain('sk-firefox');
  });

  it('the options page and the background page take turns writing the settings (one Web Locks manager for the add-on\'s origin)', async () => {
    await firefox.switchToTab(firefox.extensionUrl('options.html'));
    // A second profile beside the saved one, written before anything else writes.
    const saved = await firefox.runAsync<string>(`return JSON.stringify((await browser.storage.local.get('settings')).settings)`);
    await firefox.runAsync(
      `const { settings } = await browser.storage.local.get('settings');
       const first = settings.profiles[0];
       await browser.storage.local.set({ settings: { ...settings, profiles: [first, { ...first, id: 'second', name: 'Second' }], activeProfileId: first.id } });`,
    );
    const active = () => firefox.runAsync<string>(`return (await browser.storage.local.get('settings')).settings.activeProfileId`);
    const first = await active();
    try {
      // The options page takes the lock its writes take (utils/storage-lock.ts) and keeps it.
      await firefox.runAsync(
        `await new Promise((taken) => navigator.locks.request('storage:settings', () => new Promise((release) => { window.releaseSettings = release; taken(); })));`,
      );
      // A profile chosen in the popup, as the popup sends it to the background page.
      await firefox.run(`window.chosen = browser.runtime.sendMessage({ type: 'chooseProfile', payload: { profileId: 'second' } })`);
      // The lock manager is the origin's: the page sees its own lock held and the background's request waiting.
      await firefox.waitFor(
        async () =>
          (await firefox.runAsync<string>(`const state = await navigator.locks.query(); return JSON.stringify([state.held.map((l) => l.name), state.pending.map((l) => l.name)])`)) ===
          JSON.stringify([['storage:settings'], ['storage:settings']]),
        'the background page to wait for the lock the options page holds',
      );
      expect(await active(), 'written while the options page held the lock').toBe(first);
      await firefox.run('window.releaseSettings()');
      await firefox.waitFor(async () => (await active()) === 'second', 'the choice to be written once the options page let go');
      await firefox.runAsync('await window.chosen');
    } finally {
      // The lock let go and the settings as the later tests expect them, whatever happened above.
      await firefox.run('window.releaseSettings?.()');
      await firefox.runAsync(`await browser.storage.local.set({ settings: JSON.parse(args[0]) })`, saved);
    }
  });

  it('asks about a right-clicked picture, and the popup shows the streamed answer', async () => {
    server.reply({ text: 'A red square, answered in Firefox.' });
    const pageUrl = site.url('/pictures.html');
    await firefox.openTab(pageUrl);
    await firefox.rightClick('#plain');
    const srcUrl = await firefox.run<string>(`return document.querySelector('#plain').currentSrc`);
    await chooseMenuItem(pageUrl, 'ask-image', srcUrl);
    await firefox.waitFor(async () => server.asks.length === 1, 'the question to reach the server');
    const ask = server.asks[0]!;
    expect(ask.headers.authorization).toBe('Bearer sk-firefox');
    const [image] = (ask.body as ChatBody).messages[0]!.content as { image_url?: { url: string; detail: string } }[];
    expect(image!.image_url).toEqual({ url: srcUrl, detail: 'low' });
    expect(await popupAnswer()).toContain('A red square, answered in Firefox.');
    // The stored answer may be painted before the App that shows the spend has loaded.
    const spend = await firefox.waitFor(
      () => firefox.run<string | null>(`const spend = document.querySelector('[aria-labelledby="spend-title"]'); return spend && spend.textContent`),
      'the popup to show the spend',
    );
    expect(spend).toContain('1,234');
    // Readable, and within the 600 px a popup may take: the answer at 14 px or more, nothing cut.
    const looks = await firefox.run<{ answer: number; height: number }>(
      // The body's height: the root's is never less than the window's, whatever the content.
      `return { answer: parseFloat(getComputedStyle(document.querySelector('.answer')).fontSize), height: document.body.scrollHeight }`,
    );
    expect(looks.answer).toBeGreaterThanOrEqual(14);
    expect(looks.height).toBeLessThanOrEqual(600);
  });

  it('"Describe as I browse", turned on by its keyboard command, labels the pictures near the view where they are, and the last ones at the end', async () => {
    server.defaultReply = { text: JSON.stringify({ kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '', alt: 'A tall blue panel' }) };
    const pageUrl = site.url('/browse.html');
    await firefox.openTab(pageUrl);
    const labelled = () => firefox.run<number[]>(`return [...document.querySelectorAll('img')].flatMap((img, i) => img.alt && img.hasAttribute('data-alt-generated') ? [i + 1] : [])`);
    // The pictures within the page's 200 px margin of the view.
    const nearView = () =>
      firefox.run<number[]>(`return [...document.querySelectorAll('img')].flatMap((img, i) => { const box = img.getBoundingClientRect(); return box.bottom > -200 && box.top < innerHeight + 200 ? [i + 1] : []; })`);
    const firstScreen = await nearView();
    await firefox.switchToTab(firefox.extensionUrl('options.html'));
    await firefox.runAsync(
      `const background = await browser.runtime.getBackgroundPage();
       const tab = (await browser.tabs.query({})).find((t) => t.url === args[0]);
       await background.testApi.onCommand('auto-describe', tab);`,
      pageUrl,
    );
    await firefox.switchToTab(pageUrl);
    await firefox.waitFor(async () => JSON.stringify(await labelled()) === JSON.stringify(firstScreen), 'the first screen’s pictures labelled where they are');
    expect(server.asks.length, 'only the pictures near the view asked about').toBeLessThanOrEqual(firstScreen.length);
    await firefox.run('scrollTo(0, document.body.scrollHeight)');
    await firefox.waitFor(async () => (await labelled()).includes(30), 'the last picture labelled at the end');
    expect(server.asks.length, 'the first screen and the last, none between').toBeLessThanOrEqual(firstScreen.length + (await nearView()).length);
    // Off again, by the same command: the tests after this one ask about pictures on the same site.
    await firefox.switchToTab(firefox.extensionUrl('options.html'));
    const sites = await firefox.runAsync<string[]>(
      `const background = await browser.runtime.getBackgroundPage();
       const tab = (await browser.tabs.query({})).find((t) => t.url === args[0]);
       await background.testApi.onCommand('auto-describe', tab);
       return (await browser.storage.local.get('describeAsBrowse')).describeAsBrowse.sites;`,
      pageUrl,
    );
    expect(sites).toEqual([]);
    server.defaultReply = {};
  });

  it('a canvas drawing, which only the page can read, is sent as its own pixels', async () => {
    server.reply({ text: 'A drawing on a canvas.' });
    const pageUrl = site.url('/kinds.html');
    await firefox.openTab(pageUrl);
    await firefox.rightClick('#clean-canvas');
    await chooseMenuItem(pageUrl, 'ask-image');
    await firefox.waitFor(async () => server.asks.length === 1, 'the question about the canvas to reach the server');
    const [image] = (server.asks[0]!.body as ChatBody).messages[0]!.content as { image_url?: { url: string } }[];
    expect(image!.image_url!.url).toMatch(/^data:image\/(png|jpeg|webp);base64,/);
    expect(await popupAnswer()).toContain('A drawing on a canvas.');
  });

  it('the side panel works in Firefox (sidebar): an ask streams into it, and the next ask takes its place', async () => {
    await firefox.openSidebar();
    const { until: rest, release } = held();
    const first = 'An orange square, streamed into the sidebar word by word.';
    server.reply({ text: first, pause: { afterChunks: 3, until: rest } });
    // An address of its own: the right-click and the menu's tab are this tab, not one an earlier test left open.
    const pageUrl = site.url('/pictures.html?sidebar');
    const tab = await firefox.openTab(pageUrl);
    // A picture no earlier test asked about: an answer from the cache would come whole, not streamed.
    await firefox.rightClick('#large');
    await chooseMenuItem(pageUrl, 'ask-image', await pictureUrl('#large'), { whole: false });

    const early = await sidebarAnswer((text) => text.includes('An orange square,'), 'the first words in the sidebar, while the server holds the rest');
    expect(early).not.toContain('word by word');
    release();
    await sidebarAnswer((text) => text.includes(first), 'the whole answer in the sidebar');
    expect((await firefox.sidebarState()).open).toBe(true);

    // Another picture while the sidebar stays open: it follows the new conversation by itself.
    server.reply({ text: 'A blue rectangle that is a link.' });
    await firefox.switchTo(tab);
    await firefox.rightClick('#linked img');
    const blue = await pictureUrl('#linked img');
    await chooseMenuItem(pageUrl, 'ask-image', blue);
    const [image] = ((await firefox.waitFor(async () => server.asks[1], 'the second question to reach the server')).body as ChatBody).messages[0]!.content as { image_url?: { url: string } }[];
    expect(image!.image_url!.url).toBe(blue);
    await sidebarAnswer(
      (text) => text.includes('A blue rectangle that is a link.') && !text.includes('An orange square'),
      "the sidebar to show the second picture's answer in place of the first",
    );
    expect((await firefox.sidebarState()).open).toBe(true);
  });

  it('with answers shown in the side panel, the real menu item opens the sidebar and the answer streams there', async () => {
    await firefox.closeSidebar();
    await showAnswersIn('sidepanel');

    const { until: rest, release } = held();
    const answer = 'A green rectangle, shown where the person chose.';
    server.reply({ text: answer, pause: { afterChunks: 3, until: rest } });
    const pageUrl = site.url('/pictures.html?menu');
    await firefox.openTab(pageUrl);
    const green = await pictureUrl('#in-picture');
    // The menu item itself, chosen in the browser's context menu: the only way the add-on may open its sidebar.
    await firefox.chooseFromContextMenu('#in-picture', 'Ask about this image');
    await firefox.sidebarShown();
    const early = await sidebarAnswer((text) => text.includes('A green rectangle,'), 'the first words in the sidebar the menu item opened, while the server holds the rest');
    const [image] = (server.asks[0]!.body as ChatBody).messages[0]!.content as { image_url?: { url: string } }[];
    expect(image!.image_url!.url).toBe(green);
    expect(early).not.toContain('where the person chose');
    release();
    await sidebarAnswer((text) => text.includes(answer), 'the whole answer in the sidebar the menu item opened');
    // The sidebar instead of the popup, not beside it.
    expect(await firefox.runAsync<number>(`return browser.extension.getViews({ type: 'popup' }).length`)).toBe(0);

    // Back to the popup, the default, for whatever follows.
    await showAnswersIn('popup');
  });
  it('"Open a file…" in the toolbar popup opens the sidebar, where the file is chosen and asked about (the popup closed under the file chooser and lost the file)', async () => {
    await firefox.closeSidebar();
    await firefox.openToolbarPopup();
    // The real mouse on the popup's "Open a file…", in the popup the toolbar button opened; under
    // an answer, it is folded in "Ask about another picture…".
    await firefox.clickInToolbarPopup('details.bring-more summary');
    await firefox.clickInToolbarPopup('.file-button');
    await firefox.sidebarShown();
    await firefox.waitFor(async () => (await firefox.popupsOpen()) === 0, 'the popup to step aside once the sidebar is open');

    const ready = await fileWayReady();
    expect(ready.label).toBe('Open a file…');
    expect(ready.sentence).toContain('Choose your file here');
    expect(ready.folded).toBe(false);

    server.reply({ text: 'A red square, from a file opened in the sidebar.' });
    await chooseFileInSidebar('red.png');
    const ask = await firefox.waitFor(async () => server.asks[0], 'the question about the file to reach the server');
    const [image] = (ask.body as ChatBody).messages[0]!.content as { image_url?: { url: string } }[];
    // The file's own pixels, as the browser decodes what was sent: 64 x 48, red in the middle.
    const sent = await firefox.runAsync<{ width: number; height: number; middle: number[] }>(
      `const bitmap = await createImageBitmap(await (await fetch(args[0])).blob());
       const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
       const context = canvas.getContext('2d');
       context.drawImage(bitmap, 0, 0);
       return { width: bitmap.width, height: bitmap.height, middle: [...context.getImageData(bitmap.width / 2, bitmap.height / 2, 1, 1).data.slice(0, 3)] };`,
      image!.image_url!.url,
    );
    expect([sent.width, sent.height]).toEqual([64, 48]);
    expect(sent.middle[0]).toBeGreaterThan(180);
    expect(sent.middle[1]).toBeLessThan(80);
    await sidebarAnswer((text) => text.includes('A red square, from a file opened in the sidebar.'), 'the answer about the file in the sidebar');
  });

  it('with the sidebar already open on another view, the popup\'s "Open a file…" brings back the answer with "Open a file…" unfolded and ready, without reloading the sidebar', async () => {
    // The sidebar open beside the page on an answer, where the person folded the ways in away and went to the history.
    await firefox.openSidebar();
    const answer = await firefox.sidebarText();
    expect(answer).toBeTruthy();
    await firefox.sidebarView(
      `view.document.querySelector('details.bring-more').open = false;
       [...view.document.querySelectorAll('nav button')].find((button) => button.textContent === 'History').click();`,
    );
    await firefox.waitFor(() => firefox.sidebarView<boolean>(`return !view.document.querySelector('details.bring-more')`), 'the sidebar to show the history');
    await firefox.openToolbarPopup();
    await firefox.clickInToolbarPopup('details.bring-more summary');
    await firefox.clickInToolbarPopup('.file-button');
    await firefox.waitFor(async () => (await firefox.popupsOpen()) === 0, 'the popup to step aside');
    // sidebarView fails if the sidebar's page was reloaded or replaced since it was shown.
    const ready = await fileWayReady();
    expect(ready.folded).toBe(false);
    expect(ready.sentence).toContain('Choose your file here');
    expect(await firefox.sidebarText()).toBe(answer);
    // The note was taken: a sidebar opened later is not sent to the file again.
    expect(await firefox.runAsync<Record<string, unknown>>(`return browser.storage.session.get('fileAsk')`)).toEqual({});
  });
});
