/**
 * The settings, the prices and Describe as I browse's settings have two writers: the options page and the background, each with its
 * own memory. Here each is its own copy of the modules (as each context loads its own), over the
 * one storage, and storage reads are slowed so that two read-modify-writes started together both
 * read before either writes: unless the two contexts take turns, one write puts back what the other
 * replaced. The lock manager put on `navigator` stands in for the browser's, which belongs to the
 * extension's origin and so is shared by its pages and its worker (checked in real browsers by
 * test/e2e/storage-lock.e2e.ts and test/firefox/firefox.firefox.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, profileFromPreset } from '../../utils/settings';
import { browseSettingsItem, priceOverridesItem, settingsItem } from '../../utils/storage';

type ProfileStore = typeof import('../../utils/profiles/profile-store');
type PriceStore = typeof import('../../utils/profiles/price-overrides-store');
type DeleteProfile = typeof import('../../utils/profiles/delete-profile');
type BrowseStore = typeof import('../../utils/alt-text/describe-as-browse-store');

/** A lock manager as the browser keeps one per origin: requests for a name run one at a time, in order. */
class OriginLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, callback: (lock: { name: string }) => Promise<T>): Promise<T> {
    const run = (this.tails.get(name) ?? Promise.resolve()).then(() => callback({ name }));
    this.tails.set(name, run.catch(() => undefined));
    return run;
  }
}

/** One context's own copy of the writing modules: its own queues, the same storage. */
async function context(): Promise<{ profiles: ProfileStore; prices: PriceStore; deletion: DeleteProfile; browse: BrowseStore }> {
  vi.resetModules();
  return {
    profiles: await import('../../utils/profiles/profile-store'),
    prices: await import('../../utils/profiles/price-overrides-store'),
    deletion: await import('../../utils/profiles/delete-profile'),
    browse: await import('../../utils/alt-text/describe-as-browse-store'),
  };
}

const a = profileFromPreset('openai', 'a', 'Work');
const b = profileFromPreset('openrouter', 'b', 'Home');
const c = profileFromPreset('custom', 'c', 'Old');
const price = (n: number) => ({ input: n, cachedInput: n, output: n });

let options: Awaited<ReturnType<typeof context>>;
let background: Awaited<ReturnType<typeof context>>;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.stubGlobal('navigator', { locks: new OriginLocks() });
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [a, b, c], activeProfileId: 'a' });
  await priceOverridesItem.setValue({ c: { 'gpt-4o': price(1) } });
  // Stored at today's versions: each context's copy of storage.ts, as it loads, has nothing to migrate.
  await browseSettingsItem.setValue({ sites: ['https://news.example'], allowInPrivate: false, dailyBudget: 0.1 });
  await fakeBrowser.storage.local.set({ settings$: { v: 2 }, priceOverrides$: { v: 2 } });
  options = await context();
  background = await context();
  // Reads of storage.local are answered together: a read waits until a second one arrives, or until
  // nothing else is left to run now (setImmediate runs after every pending promise job). Two
  // writers that do not take turns both read before either writes; two that do never read at once.
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  const waiting: (() => void)[] = [];
  const answerAll = () => waiting.splice(0).forEach((answer) => answer());
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(((keys: never) =>
    get(keys).then(
      (found) =>
        new Promise((resolve) => {
          waiting.push(() => resolve(found));
          if (waiting.length >= 2) answerAll();
          else setImmediate(answerAll);
        }),
    )) as never);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the options page and the background writing at once', () => {
  it('keep both changes to the settings: a save in the options beside a profile chosen in the popup', async () => {
    await Promise.all([
      options.profiles.saveOptions({ ...a, model: 'gpt-4.1' }, { ...DEFAULT_SETTINGS, dailyBudget: 5 }),
      background.profiles.setActiveProfile('b'),
    ]);
    const stored = await settingsItem.getValue();
    expect(stored.profiles.find((p) => p.id === 'a')?.model, 'the options\' save').toBe('gpt-4.1');
    expect(stored.dailyBudget, 'the options\' save').toBe(5);
    expect(stored.activeProfileId, 'the profile chosen in the popup').toBe('b');
  });

  it('keep both changes to the settings: a profile added in the options beside one deleted by the background', async () => {
    await Promise.all([options.profiles.addProfile('ollama'), background.deletion.deleteProfile('c')]);
    const stored = await settingsItem.getValue();
    expect(stored.profiles.map((p) => p.preset)).toEqual(['openai', 'openrouter', 'ollama']);
  });

  it('keep both changes to the prices: one profile\'s saved in the options beside a deleted profile\'s dropped by the background', async () => {
    await Promise.all([options.prices.savePriceOverrides('a', { 'gpt-4o': price(2) }), background.prices.forgetPriceOverrides('c')]);
    expect(await priceOverridesItem.getValue()).toEqual({ a: { 'gpt-4o': price(2) } });
  });

  it('keep both changes to Describe as I browse: its budget saved in the options beside a site turned on by the keyboard', async () => {
    await Promise.all([
      options.browse.changeBrowseSettings((settings) => ({ ...settings, dailyBudget: 0.5 })),
      background.browse.changeBrowseSettings((settings) => ({ ...settings, sites: [...settings.sites, 'https://photos.example'] })),
    ]);
    expect(await browseSettingsItem.getValue()).toEqual({ sites: ['https://news.example', 'https://photos.example'], allowInPrivate: false, dailyBudget: 0.5 });
  });
});
