/**
 * Debian's Firefox ESR with the built add-on (.output/firefox-mv2) installed as a temporary
 * add-on, driven through Marionette: web pages in tabs, the extension's own pages in tabs, and
 * the real right-click, contextmenu event and all, on the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Marionette } from './marionette';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON = resolve(import.meta.dirname, '../../../.output/firefox-mv2');
const ADDON_ID = 'ask-about-image@extension';
/** Fixed, so extension pages have a known address. */
const ADDON_UUID = '5d0c6a4e-7f3b-4d8e-9a41-2b6f0c1e9d37';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

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

  async switchTo(handle: string): Promise<void> {
    await this.marionette.send('WebDriver:SwitchToWindow', { handle, focus: true });
  }

  async currentUrl(): Promise<string> {
    return (await this.marionette.send<{ value: string }>('WebDriver:GetCurrentURL')).value;
  }

  /** The tab whose address starts with `prefix`, made current; fails naming what was open. */
  async switchToTab(prefix: string): Promise<void> {
    const seen: string[] = [];
    for (const handle of await this.handles()) {
      await this.switchTo(handle);
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

  /** A right-click on the element, with the real mouse of the page: Firefox sends its contextmenu event. */
  async rightClick(selector: string): Promise<void> {
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
