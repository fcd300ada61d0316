/**
 * Debian's Firefox ESR with the built add-on (.output/firefox-mv2) installed as a temporary
 * add-on, driven through Marionette: web pages in tabs, the extension's own pages in tabs, the
 * real right-click, contextmenu event and all, on the page, and the real toolbar popup, clicked in
 * with the real mouse.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PUBLIC_HOSTS } from '../../e2e/support/site';
import { Marionette } from './marionette';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON = resolve(import.meta.dirname, '../../../.output/firefox-mv2');
const ADDON_ID = 'ask-about-image@extension';
/** Fixed, so extension pages have a known address. */
const ADDON_UUID = '5d0c6a4e-7f3b-4d8e-9a41-2b6f0c1e9d37';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** Firefox's widget id for the add-on (its id lowercased, anything outside [a-z0-9_-] made '_'), which names its sidebar and menu items. */
const WIDGET_ID = ADDON_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
/** The add-on's sidebar as the browser's sidebar switcher and View > Sidebar menu name it. */
const SIDEBAR_ID = `${WIDGET_ID}-sidebar-action`;
/** The browser in the panel Firefox opens for the add-on's toolbar button, as a selector in chrome code. */
const POPUP_BROWSER = `'browser[webextension-view-type="popup"]'`;

/** What the browser window says of its sidebar: open or not, which one, and the address it shows. */
export interface SidebarState {
  open: boolean;
  id: string;
  /** The address of the page in the extension's sidebar browser; null when no extension sidebar is there. */
  url: string | null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

const PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
  // A quiet, closed-network browser: no first-run pages, updates, telemetry or remote settings.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'browser.safebrowsing.update.enabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.newtabpage.enabled': false,
  'intl.locale.requested': 'en-US',
  // The test sites' public-looking names (news.example, …) resolve to this machine, as Chromium's
  // --host-resolver-rules make them: a page there over plain http is not a secure context.
  'network.dns.localDomains': PUBLIC_HOSTS.join(','),
};

/**
 * Resolves when Firefox says on its output that Marionette listens on `port` ("Marionette INFO
 * Listening on port N"); rejects when Firefox exits first or stays silent past `timeoutMs`.
 */
function listening(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let heard = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (data: Buffer) => {
      heard += data.toString();
      if (heard.includes(`Listening on port ${port}`)) done();
    };
    const onExit = (code: number | null) => done(new Error(`Firefox exited (code ${code}) before Marionette listened on port ${port}`));
    const timer = setTimeout(() => done(new Error(`Firefox did not say Marionette listens on port ${port} within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export class Firefox {
  /** The mark openSidebar left on the page it proved is in the sidebar; sidebarView reads no other. */
  private sidebarMark: string | undefined;
  /** The same for the toolbar popup (openToolbarPopup, popupView). */
  private popupMark: string | undefined;

  private constructor(
    private readonly process: ChildProcess,
    private readonly profile: string,
    readonly marionette: Marionette,
    /** Everything Firefox wrote, for the message when something fails. */
    private readonly log: string[],
  ) {}

  static async launch(): Promise<Firefox> {
    if (!existsSync(FIREFOX)) throw new Error(`Firefox is not at ${FIREFOX}. Install it (apt-get install firefox-esr) or set FIREFOX_PATH.`);
    if (!existsSync(join(ADDON, 'manifest.json'))) throw new Error(`The Firefox build is missing at ${ADDON}: run "npx wxt build -b firefox" first.`);
    const profile = await mkdtemp(join(tmpdir(), 'ask-image-firefox-'));
    const port = await freePort();
    const prefs = { ...PREFS, 'marionette.port': port };
    await writeFile(join(profile, 'user.js'), Object.entries(prefs).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`).join('\n'));
    const child = spawn(FIREFOX, ['--headless', '--marionette', '-remote-allow-system-access', '--no-remote', '--profile', profile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    const log: string[] = [];
    // Both streams are read to the end: a full pipe would stall Firefox.
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (data: Buffer) => log.push(data.toString()));
    try {
      await listening(child, port, 30_000);
      const marionette = await Marionette.connect(port);
      await marionette.send('WebDriver:NewSession', { capabilities: { alwaysMatch: { acceptInsecureCerts: false } } });
      return new Firefox(child, profile, marionette, log);
    } catch (error) {
      child.kill();
      throw new Error(`Firefox did not start: ${String(error)}\n${log.join('').slice(-2000)}`);
    }
  }

  /** Installs the built add-on the way about:debugging does; returns its id. */
  async installAddon(): Promise<string> {
    const { value } = await this.marionette.send<{ value: string }>('Addon:Install', { path: ADDON, temporary: true });
    return value;
  }

  extensionUrl(path: string): string {
    return `moz-extension://${ADDON_UUID}/${path}`;
  }

  async handles(): Promise<string[]> {
    return this.marionette.send<string[]>('WebDriver:GetWindowHandles');
  }

  async switchTo(handle: string, { focus = true } = {}): Promise<void> {
    await this.marionette.send('WebDriver:SwitchToWindow', { handle, focus });
  }

  async currentUrl(): Promise<string> {
    return (await this.marionette.send<{ value: string }>('WebDriver:GetCurrentURL')).value;
  }

  /**
   * The tab whose address starts with `prefix`, made current; fails naming what was open. `focus`:
   * false leaves the keyboard where it is, and the toolbar popup open.
   */
  async switchToTab(prefix: string, { focus = true } = {}): Promise<void> {
    const seen: string[] = [];
    for (const handle of await this.handles()) {
      await this.switchTo(handle, { focus });
      const url = await this.currentUrl();
      if (url.startsWith(prefix)) return;
      seen.push(url);
    }
    throw new Error(`No tab shows ${prefix}; open tabs: ${seen.join(', ')}`);
  }

  /**
   * Opens an address in a new tab and makes it current. Extension pages cannot be reached by
   * WebDriver navigation, so the tab is opened from the browser's own window, as a user would.
   */
  async openTab(url: string): Promise<string> {
    const before = new Set(await this.handles());
    await this.marionette.send('Marionette:SetContext', { value: 'chrome' });
    try {
      await this.marionette.send('WebDriver:ExecuteScript', {
        script: `const win = Services.wm.getMostRecentWindow('navigator:browser');
          win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
        args: [url],
      });
    } finally {
      await this.marionette.send('Marionette:SetContext', { value: 'content' });
    }
    const opened = await this.waitFor(async () => (await this.handles()).find((handle) => !before.has(handle)), `a new tab for ${url}`);
    await this.switchTo(opened);
    await this.waitFor(async () => (await this.currentUrl()) === url && (await this.run<string>('return document.readyState')) === 'complete', `${url} to load`);
    return opened;
  }

  /**
   * Runs an async function body in the browser window's own (chrome) code, where `win` is the
   * window; returns its awaited value. The current tab stays current.
   */
  async inChrome<T>(body: string, ...args: unknown[]): Promise<T> {
    await this.marionette.send('Marionette:SetContext', { value: 'chrome' });
    try {
      return await this.runAsync<T>(`const win = Services.wm.getMostRecentWindow('navigator:browser'); ${body}`, ...args);
    } finally {
      await this.marionette.send('Marionette:SetContext', { value: 'content' });
    }
  }

  async sidebarState(): Promise<SidebarState> {
    return this.inChrome<SidebarState>(
      `const sidebar = win.SidebarController;
       // An extension's sidebar is a page (webext-panels.xhtml) holding the extension's own browser.
       const inner = sidebar.browser.contentDocument?.getElementById('webext-panels-browser');
       return { open: sidebar.isOpen, id: sidebar.currentID, url: inner ? inner.currentURI.spec : null };`,
    );
  }

  /**
   * Opens the add-on's sidebar in the browser window, as its entry in the sidebar switcher (or
   * View > Sidebar) does, and waits until its page has loaded there (sidebarShown).
   */
  async openSidebar(): Promise<void> {
    await this.waitFor(
      () => this.inChrome<boolean>(`return win.SidebarController.sidebars.has(args[0])`, SIDEBAR_ID),
      `Firefox to list the add-on's sidebar (${SIDEBAR_ID})`,
    );
    if (!(await this.inChrome<boolean>(`return win.SidebarController.show(args[0])`, SIDEBAR_ID))) throw new Error(`Firefox refused to show the sidebar ${SIDEBAR_ID}`);
    await this.sidebarShown();
  }

  /**
   * Waits until the browser window shows the add-on's sidebar with its page loaded. Then proves
   * that the page `sidebarText` reads is that one: a title written into it through the add-on is
   * the title the browser window sees on its sidebar's browser. The page is marked, and later
   * reads check the mark.
   */
  async sidebarShown(): Promise<void> {
    this.sidebarMark = undefined;
    const page = this.extensionUrl('sidepanel.html');
    await this.waitFor(async () => {
      const state = await this.sidebarState();
      if (state.open && state.id === SIDEBAR_ID && state.url === page) return true;
      throw new Error(`the window's sidebar: ${JSON.stringify(state)}`);
    }, `the sidebar to open on ${page}`);
    await this.waitFor(async () => (await this.sidebarView<string>(`return view.document.readyState`)) === 'complete', 'the sidebar page to load');
    const mark = `sidebar-${Date.now()}`;
    const title = await this.sidebarView<string>(`const title = view.document.title; view.document.title = arguments[0]; view.sidebarMark = arguments[0]; return title`, mark);
    try {
      await this.waitFor(
        () => this.inChrome<boolean>(`return win.SidebarController.browser.contentDocument.getElementById('webext-panels-browser').contentTitle === args[0]`, mark),
        'the browser window to see, in its sidebar, the page the add-on calls its sidebar',
      );
    } finally {
      await this.sidebarView(`view.document.title = arguments[0]`, title);
    }
    this.sidebarMark = mark;
  }

  async closeSidebar(): Promise<void> {
    this.sidebarMark = undefined;
    await this.inChrome(`win.SidebarController.hide()`);
    await this.waitFor(async () => !(await this.sidebarState()).open, 'the sidebar to close');
  }

  /**
   * Runs `body` against `view`, the window of the add-on's sidebar page in this browser window
   * (browser.extension.getViews, asked from the add-on's options tab, which is made current).
   * Fails unless there is exactly one (a sidebar page loaded in a tab is of type "tab", not this),
   * and, once openSidebar has proved which page is in the sidebar, unless it is that page.
   */
  async sidebarView<T>(body: string, ...args: unknown[]): Promise<T> {
    await this.switchToTab(this.extensionUrl('options.html'));
    return this.runAsync<T>(
      `const [mark, ...rest] = args;
       const { id: windowId } = await browser.windows.getCurrent();
       const views = browser.extension.getViews({ type: 'sidebar', windowId });
       if (views.length !== 1) throw new Error('The add-on has ' + views.length + ' sidebar pages in this window');
       const [view] = views;
       if (mark && view.sidebarMark !== mark) throw new Error('The sidebar page is not the one seen in the sidebar when it opened (it was reloaded or replaced): ' + view.location.href);
       return (function () { ${body} }).apply(null, rest);`,
      this.sidebarMark ?? null,
      ...args,
    );
  }

  /** The text of the answer log in the add-on's sidebar; null while the sidebar shows none. */
  async sidebarText(): Promise<string | null> {
    return this.sidebarView<string | null>(`const log = view.document.querySelector('[role=log][aria-label="Answer"]'); return log && log.textContent`);
  }

  /**
   * Opens the add-on's toolbar popup as a person does: its button pinned to the toolbar (from the
   * Extensions menu, where Firefox puts a new add-on's button) and clicked, Marionette's click in
   * the browser window being the user's. Waits until the popup's page has loaded in the panel, and
   * proves, as sidebarShown does, that the page popupView reads is the one in that panel.
   */
  async openToolbarPopup(): Promise<void> {
    this.popupMark = undefined;
    const widget = `${WIDGET_ID}-browser-action`;
    await this.waitFor(() => this.inChrome<boolean>(`return Boolean(win.CustomizableUI.getPlacementOfWidget(args[0]))`, widget), `Firefox to place the add-on's button (${widget})`);
    await this.inChrome(`if (win.CustomizableUI.getPlacementOfWidget(args[0]).area !== win.CustomizableUI.AREA_NAVBAR) win.CustomizableUI.addWidgetToArea(args[0], win.CustomizableUI.AREA_NAVBAR);`, widget);
    await this.inChromeContext(async () => {
      // The button the toolbar item holds ("BAP": browser action primary), as Firefox names it.
      const button = await this.marionette.send<{ value: Record<string, string> }>('WebDriver:FindElement', { using: 'css selector', value: `#${WIDGET_ID}-BAP` });
      await this.marionette.send('WebDriver:ElementClick', { id: button.value[ELEMENT] });
    });
    const page = this.extensionUrl('popup.html');
    await this.waitFor(async () => {
      const url = await this.inChrome<string | null>(`const browser = win.document.querySelector(${POPUP_BROWSER}); return browser && browser.currentURI.spec`);
      if (url === page) return true;
      throw new Error(`the toolbar's popup shows ${url}`);
    }, `the toolbar popup to open on ${page}`);
    await this.waitFor(async () => (await this.popupView<string>(`return view.document.readyState`)) === 'complete', 'the popup page to load');
    const mark = `popup-${Date.now()}`;
    const title = await this.popupView<string>(`const title = view.document.title; view.document.title = arguments[0]; view.popupMark = arguments[0]; return title`, mark);
    try {
      await this.waitFor(async () => {
        if (await this.inChrome<boolean>(`return win.document.querySelector(${POPUP_BROWSER})?.contentTitle === args[0]`, mark)) return true;
        // A title set while the panel was still settling can go unreported to the window (seen once
        // in a few dozen runs): it is set again, as a fresh change, until the window reports it.
        await this.popupView(`view.document.title = ''; view.document.title = arguments[0]`, mark);
        return false;
      }, 'the browser window to see, in its toolbar popup, the page the add-on calls its popup');
    } finally {
      await this.popupView(`view.document.title = arguments[0]`, title);
    }
    this.popupMark = mark;
  }

  /**
   * Runs `body` against `view`, the window of the add-on's toolbar popup (browser.extension.getViews
   * of type "popup", asked from the options tab, made current without taking the focus: the popup
   * stays open). Fails unless there is exactly one, and, once openToolbarPopup has proved which
   * page is in the panel, unless it is that page.
   */
  async popupView<T>(body: string, ...args: unknown[]): Promise<T> {
    await this.switchToTab(this.extensionUrl('options.html'), { focus: false });
    return this.runAsync<T>(
      `const [mark, ...rest] = args;
       const views = browser.extension.getViews({ type: 'popup' });
       if (views.length !== 1) throw new Error('The add-on has ' + views.length + ' popup pages open');
       const [view] = views;
       if (mark && view.popupMark !== mark) throw new Error('The popup page is not the one seen in the toolbar popup when it opened: ' + view.location.href);
       return (function () { ${body} }).apply(null, rest);`,
      this.popupMark ?? null,
      ...args,
    );
  }

  /** How many toolbar popup pages the add-on has open: 0 once the popup has closed. */
  async popupsOpen(): Promise<number> {
    await this.switchToTab(this.extensionUrl('options.html'), { focus: false });
    return this.run<number>(`return browser.extension.getViews({ type: 'popup' }).length`);
  }

  /**
   * A click with the real mouse on what `selector` finds in the toolbar popup: the pointer moved
   * over the popup's browser in the browser window, where Firefox hands the click to the page as
   * the user's (a click() from script is not), and that opens what a page may open only then.
   */
  async clickInToolbarPopup(selector: string): Promise<void> {
    const target = await this.waitFor(
      () =>
        this.popupView<{ x: number; y: number; width: number; height: number } | null>(
          `const element = view.document.querySelector(arguments[0]);
           if (!element) return null;
           const { x, y, width, height } = element.getBoundingClientRect();
           return width > 0 && height > 0 ? { x, y, width, height } : null;`,
          selector,
        ),
      `the toolbar popup to show ${selector}`,
    );
    const [width, height] = await this.inChrome<[number, number]>(`const { width, height } = win.document.querySelector(${POPUP_BROWSER}).getBoundingClientRect(); return [width, height];`);
    await this.inChromeContext(async () => {
      const browser = await this.marionette.send<{ value: Record<string, string> }>('WebDriver:FindElement', { using: 'css selector', value: 'browser[webextension-view-type="popup"]' });
      await this.marionette.send('WebDriver:PerformActions', {
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              // WebDriver measures from the middle of the origin element: the popup's browser.
              { type: 'pointerMove', origin: { [ELEMENT]: browser.value[ELEMENT] }, x: Math.round(target.x + target.width / 2 - width / 2), y: Math.round(target.y + target.height / 2 - height / 2) },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
      await this.marionette.send('WebDriver:ReleaseActions');
    });
  }

  /** Runs `work` with Marionette's commands aimed at the browser window itself (its chrome), then back at the tab. */
  private async inChromeContext(work: () => Promise<void>): Promise<void> {
    await this.marionette.send('Marionette:SetContext', { value: 'chrome' });
    try {
      await work();
    } finally {
      await this.marionette.send('Marionette:SetContext', { value: 'content' });
    }
  }

  /** Goes to a web page in the current tab. */
  async navigate(url: string): Promise<void> {
    await this.marionette.send('WebDriver:Navigate', { url });
  }

  /** Runs `script` (a function body; `arguments` holds `args`) in the current tab and returns its value. */
  async run<T>(script: string, ...args: unknown[]): Promise<T> {
    return (await this.marionette.send<{ value: T }>('WebDriver:ExecuteScript', { script, args })).value;
  }

  /** Runs an async function body in the current tab; its returned value is awaited and returned. */
  async runAsync<T>(body: string, ...args: unknown[]): Promise<T> {
    const script = `const done = arguments[arguments.length - 1];
      (async (...args) => { ${body} })(...Array.prototype.slice.call(arguments, 0, -1)).then(
        (value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`;
    const result = (await this.marionette.send<{ value: { value?: T; error?: string } }>('WebDriver:ExecuteAsyncScript', { script, args, scriptTimeout: 30_000 })).value;
    if (result.error) throw new Error(`In the page: ${result.error}`);
    return result.value as T;
  }

  /**
   * A right-click on the element, with the real mouse of the page: Firefox sends its contextmenu
   * event and opens its context menu, which stays open. A menu an earlier right-click left open is
   * closed first, as Escape would: an open menu would take the click, and the page would not see it.
   */
  async rightClick(selector: string): Promise<void> {
    await this.closeContextMenu();
    const found = await this.marionette.send<{ value: Record<string, string> }>('WebDriver:FindElement', { using: 'css selector', value: selector });
    await this.marionette.send('WebDriver:PerformActions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', origin: { [ELEMENT]: found.value[ELEMENT] }, x: 0, y: 0 },
            { type: 'pointerDown', button: 2 },
            { type: 'pointerUp', button: 2 },
          ],
        },
      ],
    });
    await this.marionette.send('WebDriver:ReleaseActions');
  }

  /**
   * Right-clicks `selector` with the real mouse, and in the context menu Firefox opens for it
   * chooses the add-on's item labelled `label` as a person does: the add-on's submenu opened, the
   * item activated, the menu closed. Firefox hands the choice to the add-on as the user's input,
   * which a call of the add-on's listener from a page is not.
   */
  async chooseFromContextMenu(selector: string, label: string): Promise<void> {
    await this.rightClick(selector);
    const find = `const menu = win.document.getElementById('contentAreaContextMenu');
      const item = [...menu.querySelectorAll('menuitem')].find((m) => m.id.startsWith(args[0] + '-menuitem-') && m.label === args[1] && !m.hidden && !m.disabled);`;
    await this.waitFor(
      // The menu of this right-click: for the tab shown, where the mouse was.
      () => this.inChrome<boolean>(`${find} return menu.state === 'open' && Boolean(item) && win.gContextMenu?.browser === win.gBrowser.selectedBrowser;`, WIDGET_ID, label),
      `the context menu to open with the add-on's "${label}"`,
    );
    await this.inChrome(
      `${find}
       // An add-on with several items has them in a submenu under its name: opened first, as hovering it does.
       const popup = item.parentNode;
       if (popup !== menu) {
         const shown = new Promise((done) => popup.addEventListener('popupshown', done, { once: true }));
         popup.parentNode.openMenu(true);
         await shown;
       }
       const closed = new Promise((done) => menu.addEventListener('popuphidden', done, { once: true }));
       popup.activateItem(item);
       await closed;`,
      WIDGET_ID,
      label,
    );
  }

  /** Closes the page's context menu if one is open, and waits until it is closed. */
  async closeContextMenu(): Promise<void> {
    const state = `const menu = win.document.getElementById('contentAreaContextMenu');`;
    if (await this.inChrome<boolean>(`${state} if (menu.state === 'closed') return false; menu.hidePopup(); return true;`)) {
      await this.waitFor(() => this.inChrome<boolean>(`${state} return menu.state === 'closed';`), 'the context menu to close');
    }
  }

  /** Polls `check` until it returns something truthy; fails saying what it waited for. */
  async waitFor<T>(check: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`Waited ${timeoutMs} ms for ${what}${last ? ` (last error: ${String(last)})` : ''}. Firefox said: ${this.log.join('').slice(-1000)}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async close(): Promise<void> {
    try {
      await this.marionette.send('Marionette:Quit', { flags: ['eForceQuit'] });
    } catch (error) {
      // Quitting closes the connection under the reply: expected. Anything else is worth a line.
      if (!String(error).includes('closed')) console.info('Firefox did not quit cleanly; it is stopped instead.', error);
    }
    this.marionette.close();
    if (this.process.exitCode === null) {
      const exited = new Promise((done) => this.process.once('exit', done));
      const stop = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(stop);
    }
    await rm(this.profile, { recursive: true, force: true });
  }
}
