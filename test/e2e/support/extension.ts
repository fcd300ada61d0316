/** Launches Debian's Chromium with the built extension loaded, and drives it as a person would. */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Worker } from 'playwright-core';
import { PUBLIC_HOSTS } from './site';

/** The built extension; EXTENSION_DIR may point at another build (a copy kept apart while the tree is rebuilt). */
export const EXTENSION_DIR = process.env.EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium is not at ${path}. Install Debian's chromium (apt-get install chromium) or set CHROME_PATH.`);
  }
  return path;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Reuse a profile folder (to test what survives a restart); a fresh one otherwise. */
  userDataDir?: string;
  /** The browser's UI language (chrome.i18n follows it), e.g. "fr". */
  language?: string;
  /** Another build to load than EXTENSION_DIR (the benchmark adds a probe page to a copy). */
  extensionDir?: string;
  /** Accept the test site's self-signed certificate (a suite served over https): this browser only. */
  ignoreCertificateErrors?: boolean;
}

export class Extension {
  private constructor(
    readonly context: BrowserContext,
    readonly id: string,
    private readonly userDataDir: string,
    private readonly ownsProfile: boolean,
    /** The page a first install opened by itself (closed at once, so tests start alike), if any. */
    readonly firstRunPage: string | null,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<Extension> {
    const extensionDir = options.extensionDir ?? EXTENSION_DIR;
    if (!existsSync(join(extensionDir, 'manifest.json'))) {
      throw new Error(`No build at ${extensionDir}: run "npm run build" first.`);
    }
    const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'ask-image-profile-')));
    const firstInstall = (await readdir(userDataDir)).length === 0;
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: options.headless ?? true,
      ...(options.language ? { env: { ...process.env, LANGUAGE: options.language }, locale: options.language } : {}),
      args: [
        ...(options.language ? [`--lang=${options.language}`] : []),
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        // Without these Chromium floods the closed network with refused connections.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Names on the internet for the test sites (TestSite.publicUrl), still served from this
        // machine. Only these names: 127.0.0.1 and localhost (the fake API, the other sites) resolve as ever.
        `--host-resolver-rules=${PUBLIC_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
        ...(options.ignoreCertificateErrors ? ['--ignore-certificate-errors'] : []),
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    // A first install opens the options (the key goes there); close it so every test starts alike.
    let firstRunPage: string | null = null;
    if (firstInstall) {
      const address = `chrome-extension://${id}/options.html`;
      const deadline = Date.now() + 15_000;
      let options = context.pages().find((page) => page.url() === address);
      while (!options) {
        if (Date.now() > deadline) {
          throw new Error(`A first install should open ${address} by itself; after 15 s the tabs were: ${context.pages().map((p) => p.url()).join(', ')}`);
        }
        await new Promise((done) => setTimeout(done, 50));
        options = context.pages().find((page) => page.url() === address);
      }
      firstRunPage = options.url();
      // Headed Chromium quits with its last window: the last tab is emptied instead of closed.
      if (context.pages().length > 1) await options.close();
      else await options.goto('about:blank');
    }
    return new Extension(context, id, userDataDir, !options.userDataDir, firstRunPage);
  }

  /** The service worker as it is now (the browser may have restarted it). */
  async worker(): Promise<Worker> {
    const current = this.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${this.id}/`));
    return current ?? this.context.waitForEvent('serviceworker');
  }

  url(path: string): string {
    return `chrome-extension://${this.id}/${path}`;
  }

  async openPage(path: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.url(path));
    return page;
  }

  /**
   * Right-clicks `selector` (the content script sees the real contextmenu event), then calls the
   * extension's own contextMenus.onClicked listener as the browser would. Headless Chromium shows
   * no native menu; native-menu.e2e.ts covers the real one.
   */
  /**
   * `frameId`: for a frame no content script enters (a data: frame), whose id cannot be probed; the
   * extension's message to it fails alike for any id, and the menu's own click data is what is left.
   */
  async chooseMenuItem(
    page: Page,
    selector: string,
    menuItemId: string,
    /**
     * position: where on the element to right-click (its middle by default), for an element larger
     * than its frame. at: right-click there in the page's viewport instead, for an element in a
     * transformed or zoomed frame, where Playwright's own aim misses.
     */
    options: { waitForAnswer?: boolean; frame?: Frame; frameId?: number; position?: { x: number; y: number }; at?: { x: number; y: number } } = {},
  ) {
    // The active tab is the one the menu belongs to, even when other tabs show the same address.
    await page.bringToFront();
    // In a frame, the click data names the frame as Chrome would: its extension frame id and address.
    const where = options.frame ?? page;
    const frame = options.frame ? { frameId: options.frameId ?? (await this.frameIdOf(page, options.frame)), frameUrl: options.frame.url() } : { frameId: 0 };
    if (options.at) await page.mouse.click(options.at.x, options.at.y, { button: 'right' });
    else await where.click(selector, { button: 'right', ...(options.position ? { position: options.position } : {}) });
    // What Chrome puts in the click data: srcUrl and mediaType only for <img> (and video/audio).
    const srcUrl = await where.$eval(selector, (el) => (el instanceof HTMLImageElement ? el.currentSrc || el.src : null));
    const worker = await this.worker();
    await worker.evaluate(
      async ({ menuItemId, srcUrl, pageUrl, frame, wait }) => {
        // This function runs inside the service worker, where `chrome` and the contract's testApi live.
        type Listener = () => void;
        const worker = globalThis as unknown as {
          chrome: {
            tabs: {
              query(query: { url: string; active?: boolean }): Promise<unknown[]>;
              onActivated: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
            };
          };
          testApi: { onMenuClicked(info: unknown, tab: unknown): Promise<void> };
        };
        // bringToFront may return before the browser's tab list has caught up: the menu is chosen
        // once the page is the active tab (told by onActivated), never on behalf of no tab at all.
        const activeTab = async () => (await worker.chrome.tabs.query({ url: pageUrl, active: true }))[0];
        const tab =
          (await activeTab()) ??
          (await new Promise((resolve, reject) => {
            const { onActivated } = worker.chrome.tabs;
            const check = () =>
              void activeTab().then((found) => {
                if (!found) return;
                clearTimeout(timer);
                onActivated.removeListener(check);
                resolve(found);
              }, reject);
            const timer = setTimeout(() => {
              onActivated.removeListener(check);
              reject(new Error(`${pageUrl} did not become the active tab within 10 s, so its menu could not be chosen`));
            }, 10_000);
            onActivated.addListener(check);
            // It may have become active between the first look and the listener.
            check();
          }));
        const info = { menuItemId, pageUrl, ...frame, editable: false, ...(srcUrl ? { srcUrl, mediaType: 'image' } : {}) };
        const done = worker.testApi.onMenuClicked(info, tab);
        if (wait) await done;
      },
      { menuItemId, srcUrl, pageUrl: page.url(), frame, wait: options.waitForAnswer ?? false },
    );
  }

  /**
   * The id the extension knows `frame` by (what Chrome puts in a menu click's frameId). Only the
   * browser knows it: the frame's content script sends a message from its own world (reached over
   * the DevTools protocol), and the worker reads the sender's frame id.
   */
  async frameIdOf(page: Page, frame: Frame): Promise<number> {
    const PROBE = 'ask-image-test:which-frame';
    const worker = await this.worker();
    await worker.evaluate((probe) => {
      type Sender = { frameId?: number };
      const scope = globalThis as unknown as {
        chrome: { runtime: { onMessage: { addListener(l: (m: unknown, s: Sender) => void): void; removeListener(l: (m: unknown, s: Sender) => void): void } } };
        frameProbe?: Promise<number>;
      };
      scope.frameProbe = new Promise<number>((resolve, reject) => {
        const listener = (message: unknown, sender: Sender) => {
          if (message !== probe) return;
          clearTimeout(timer);
          scope.chrome.runtime.onMessage.removeListener(listener);
          resolve(sender.frameId ?? -1);
        };
        const timer = setTimeout(() => {
          scope.chrome.runtime.onMessage.removeListener(listener);
          reject(new Error('No frame answered the probe within 10 s.'));
        }, 10_000);
        scope.chrome.runtime.onMessage.addListener(listener);
      });
    }, PROBE);
    const frameIn = async (session: CDPSession) => findFrame(((await session.send('Page.getFrameTree')) as { frameTree: FrameTree }).frameTree, frame.url());
    let cdp = await this.context.newCDPSession(page);
    try {
      let cdpFrameId = await frameIn(cdp);
      if (!cdpFrameId) {
        // A frame from another site runs in a process of its own (site isolation), reached by a session of its own.
        await cdp.detach();
        cdp = await this.context.newCDPSession(frame);
        cdpFrameId = await frameIn(cdp);
      }
      if (!cdpFrameId) throw new Error(`No frame at ${frame.url()} in the page.`);
      type Context = { id: number; origin: string; auxData?: { frameId?: string; isDefault?: boolean } };
      const contexts: Context[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context }: { context: Context }) => void contexts.push(context));
      // Enabling reports every context that exists already, the content script's world among them.
      await cdp.send('Runtime.enable');
      const world = contexts.find((c) => c.auxData?.frameId === cdpFrameId && !c.auxData.isDefault && c.origin === `chrome-extension://${this.id}`);
      if (!world) throw new Error(`The extension's content script is not running in the frame at ${frame.url()}.`);
      await cdp.send('Runtime.evaluate', { contextId: world.id, expression: `chrome.runtime.sendMessage(${JSON.stringify(PROBE)})`, awaitPromise: false });
    } finally {
      await cdp.detach();
    }
    return worker.evaluate(() => (globalThis as unknown as { frameProbe: Promise<number> }).frameProbe);
  }

  /** Runs a keyboard command (manifest "commands") through the extension's own listener. */
  async runCommand(page: Page, command: string): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(
      async ({ command, pageUrl }) => {
        const worker = globalThis as unknown as {
          chrome: { tabs: { query(query: { url: string }): Promise<unknown[]> } };
          testApi: { onCommand(command: string, tab: unknown): Promise<void> };
        };
        const [tab] = await worker.chrome.tabs.query({ url: pageUrl });
        await worker.testApi.onCommand(command, tab);
      },
      { command, pageUrl: page.url() },
    );
  }

  /**
   * Starts a keyboard command and returns at once, for commands that wait for the user (selecting a
   * region); the caller then acts on the page and waits for what it expects.
   */
  async startCommand(page: Page, command: string): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(
      async ({ command, pageUrl }) => {
        const worker = globalThis as unknown as {
          chrome: { tabs: { query(query: { url: string }): Promise<unknown[]> } };
          testApi: { onCommand(command: string, tab: unknown): Promise<void> };
        };
        const [tab] = await worker.chrome.tabs.query({ url: pageUrl });
        void worker.testApi.onCommand(command, tab);
      },
      { command, pageUrl: page.url() },
    );
  }

  /**
   * Waits until no answer is streaming. An answer finishes in the background after its text is on
   * screen (the spend, then the answer cache): a test that stops watching earlier must not have
   * that cache entry land in the next test, which would then be answered from it.
   */
  async waitUntilNoAnswerStreams(timeoutMs = 30_000): Promise<void> {
    await (await this.worker()).evaluate(async (timeoutMs) => {
      type Listener = () => void;
      const { chrome } = globalThis as unknown as {
        chrome: {
          storage: {
            local: { get(key: string): Promise<{ streamingConversations?: string[] }> };
            onChanged: { addListener(listener: Listener): void; removeListener(listener: Listener): void };
          };
        };
      };
      const streaming = async () => (await chrome.storage.local.get('streamingConversations')).streamingConversations?.length ?? 0;
      if ((await streaming()) === 0) return;
      // Told by storage.onChanged, as each answer takes its mark off.
      await new Promise<void>((resolve, reject) => {
        const check = () =>
          void streaming().then((count) => {
            if (count > 0) return;
            clearTimeout(timer);
            chrome.storage.onChanged.removeListener(check);
            resolve();
          }, reject);
        const timer = setTimeout(() => {
          chrome.storage.onChanged.removeListener(check);
          reject(new Error(`Answers were still streaming ${timeoutMs / 1000} s after the test ended`));
        }, timeoutMs);
        chrome.storage.onChanged.addListener(check);
        // The last one may have finished between the first look and the listener.
        check();
      });
    }, timeoutMs);
  }

  /**
   * Forgets remembered answers, so the next question reaches the server even when an earlier test
   * asked the same thing about the same picture.
   */
  async clearAnswerCache(): Promise<void> {
    await this.inWorker(() =>
      (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('answerCache'),
    );
  }

  /** Evaluates `fn` in the service worker, where `chrome` is the extension's API. */
  async inWorker<T>(fn: () => Promise<T>): Promise<T> {
    return (await this.worker()).evaluate(fn);
  }

  async close(): Promise<void> {
    await this.context.close();
    if (this.ownsProfile) await rm(this.userDataDir, { recursive: true, force: true });
  }
}

type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** The DevTools id of the frame showing `url`. */
function findFrame(tree: FrameTree, url: string): string | undefined {
  if (tree.frame.url === url) return tree.frame.id;
  for (const child of tree.childFrames ?? []) {
    const found = findFrame(child, url);
    if (found) return found;
  }
  return undefined;
}
