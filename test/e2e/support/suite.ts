/**
 * What every browser test file sets up: the fake OpenAI server (and other API servers when a file
 * needs several providers), the test site (and other origins when a file needs foreign hosts),
 * Chromium with the extension; after each test, no schema violations, a clean slate (queued
 * replies, no answer still finishing, remembered answers, open tabs).
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FakeOpenAI } from '../../fake-openai/server';
import { Extension } from './extension';
import { TestSite, type SiteRequest } from './site';

/**
 * A download the extension made itself (worker or offscreen document), not one the page made: a
 * fetch (destination "empty") that no page started. A navigation typed by the test is not one, though
 * it too is "sec-fetch-site: none".
 */
export function fromExtension(request: SiteRequest): boolean {
  const { origin } = request.headers;
  if (request.headers['sec-fetch-dest'] !== 'empty') return false;
  return request.headers['sec-fetch-site'] === 'none' || (typeof origin === 'string' && origin.startsWith('chrome-extension://'));
}

/** How many requests the suite checked for the key and the user's cookies, printed when it ends. */
const checked = { api: 0, site: 0, extensionDownloads: 0 };

export function useBrowserSuite(options: { otherSites?: number; otherServers?: number; https?: boolean } = {}) {
  const server = new FakeOpenAI();
  // Over https, the suite's own site only, with a certificate this suite's browser is told to accept.
  const site = new TestSite({ https: options.https ?? false });
  const others = Array.from({ length: options.otherSites ?? 0 }, () => new TestSite());
  // Each on its own port, so each is an origin of its own: a key bound to one must reach no other.
  const servers = [server, ...Array.from({ length: options.otherServers ?? 0 }, () => new FakeOpenAI())];
  let launched: Extension | undefined;
  const seen = new Map<TestSite, number>();

  beforeAll(async () => {
    await Promise.all([...servers.map((api) => api.start()), site.start(), ...others.map((other) => other.start())]);
    launched = await Extension.launch({ ignoreCertificateErrors: options.https ?? false });
  });
  afterAll(async () => {
    console.info(
      `Checked ${checked.api} requests at the API (no cookie) and ${checked.site} at the sites (no key), ` +
        `${checked.extensionDownloads} of them the extension's own downloads (no cookie).`,
    );
    await launched?.close();
    await Promise.all([...servers.map((api) => api.stop()), site.stop(), ...others.map((other) => other.stop())]);
  });
  afterEach(async () => {
    // Every request of the test: the key goes only to the API, and the user's cookies never go
    // with a download the extension makes itself (the sites set one on every page, site.ts).
    // Gathered first and asserted last, so one failure does not leave the next test a dirty slate.
    const leaks: string[] = [];
    for (const api of servers) {
      for (const request of api.requests) {
        if (request.headers.cookie !== undefined) leaks.push(`${request.method} ${request.path} at the API on ${api.url} carried a cookie`);
        checked.api += 1;
      }
    }
    for (const other of [site, ...others]) {
      for (const request of other.requests.slice(seen.get(other) ?? 0)) {
        if (request.headers.authorization !== undefined) leaks.push(`${request.path} at a site carried an Authorization header`);
        checked.site += 1;
        if (!fromExtension(request)) continue;
        if (request.headers.cookie !== undefined) leaks.push(`the extension's download of ${request.path} carried the user's cookie`);
        checked.extensionDownloads += 1;
      }
      seen.set(other, other.requests.length);
    }
    const violations = servers.flatMap((api) => api.violations);
    for (const api of servers) api.reset();
    if (launched) {
      await launched.waitUntilNoAnswerStreams();
      await launched.clearAnswerCache();
      // The tabs the test opened close; a blank one stays, as a running browser always has a
      // window. (With none, headless Chromium never settles an openPopup still under way, and
      // then stops the service worker.)
      const opened = launched.context.pages();
      await launched.context.newPage();
      for (const page of opened) await page.close();
    }
    expect(violations, 'request bodies that break OpenAI\'s schema').toEqual([]);
    expect(leaks).toEqual([]);
  });

  return {
    server,
    site,
    /** Every API server: the suite's own first, then the extra ones. */
    servers: servers as readonly FakeOpenAI[],
    /** The n-th extra API server (0-based), for tests that need several providers at once. */
    otherServer(index: number): FakeOpenAI {
      const found = servers[index + 1];
      if (!found) throw new Error(`This suite was set up with ${servers.length - 1} other API servers, not ${index + 1}.`);
      return found;
    },
    /** The n-th extra origin (0-based), for tests that need a foreign host. */
    other(index: number): TestSite {
      const found = others[index];
      if (!found) throw new Error(`This suite was set up with ${others.length} other sites, not ${index + 1}.`);
      return found;
    },
    get extension(): Extension {
      if (!launched) throw new Error('The browser is not running yet: use the extension inside a test or a hook.');
      return launched;
    },
  };
}
