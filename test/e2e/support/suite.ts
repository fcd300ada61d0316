/**
 * What every browser test file sets up: the fake OpenAI server, the test site (and other origins
 * when a file needs foreign hosts), Chromium with the extension; after each test, no schema
 * violations, a clean slate (queued replies, no answer still finishing, remembered answers, open tabs).
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FakeOpenAI } from '../../fake-openai/server';
import { Extension } from './extension';
import { TestSite } from './site';

export function useBrowserSuite(options: { otherSites?: number } = {}) {
  const server = new FakeOpenAI();
  const site = new TestSite();
  const others = Array.from({ length: options.otherSites ?? 0 }, () => new TestSite());
  let launched: Extension | undefined;

  beforeAll(async () => {
    await Promise.all([server.start(), site.start(), ...others.map((other) => other.start())]);
    launched = await Extension.launch();
  });
  afterAll(async () => {
    await launched?.close();
    await Promise.all([server.stop(), site.stop(), ...others.map((other) => other.stop())]);
  });
  afterEach(async () => {
    expect(server.violations).toEqual([]);
    server.reset();
    if (!launched) return;
    await launched.waitUntilNoAnswerStreams();
    await launched.clearAnswerCache();
    for (const page of launched.context.pages()) await page.close();
  });

  return {
    server,
    site,
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
