/**
 * The settings have two writers in two contexts: the options page and the service worker. In real
 * Chromium, the options page takes the settings' lock as its own writes do (utils/storage-lock.ts)
 * and holds it; a profile chosen meanwhile (the popup's message, handled by the worker) waits for
 * that lock instead of writing beside the page, and is written once the page lets go. This is what
 * the extension relies on: the Web Locks manager belongs to the extension's origin, so the page and
 * the worker share it.
 */
import { describe, expect, it } from 'vitest';
import { OptionsPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server } = suite;

type StoredOptions = { activeProfileId: string; profiles: { id: string; name: string }[] };
type ChromeHere = { chrome: { storage: { local: { get(key: string): Promise<{ settings?: StoredOptions }> } }; runtime: { sendMessage(message: unknown): Promise<unknown> } } };
type LocksHere = { navigator: { locks: LockManager } };
type HeldHere = { releaseSettings?: () => void; chosen?: Promise<unknown> };

/** The name of the active profile, as stored. */
const activeName = () =>
  suite.extension.inWorker(async () => {
    const { settings } = await (globalThis as unknown as ChromeHere).chrome.storage.local.get('settings');
    return settings?.profiles.find((profile) => profile.id === settings.activeProfileId)?.name ?? 'none';
  });

describe('the settings written from the options page and from the worker', () => {
  it('take turns: a profile chosen while the options page writes waits for it, then is kept', async () => {
    const options = await OptionsPage.open(suite.extension);
    await options.save({ profileName: 'Work', apiKey: 'sk-work', baseUrl: server.url, model: 'gpt-4.1-mini', api: 'Chat Completions' });
    await options.addProfile('Custom');
    await options.save({ profileName: 'Home', apiKey: 'sk-home', baseUrl: server.url, model: 'gpt-4o', api: 'Chat Completions' });
    await options.useProfile('Work');
    await expect.poll(activeName, { message: 'the profile in use' }).toBe('Work');

    // The options page takes the lock its writes take, and keeps it.
    await options.page.evaluate(
      () =>
        new Promise<void>((taken) => {
          void (globalThis as unknown as LocksHere).navigator.locks.request('storage:settings', () =>
            new Promise<void>((release) => {
              (globalThis as unknown as HeldHere).releaseSettings = release;
              taken();
            }),
          );
        }),
    );
    // The popup's choice, as the popup sends it to the worker.
    await options.page.evaluate(async () => {
      const { settings } = await (globalThis as unknown as ChromeHere).chrome.storage.local.get('settings');
      const home = settings!.profiles.find((profile) => profile.name === 'Home')!;
      (globalThis as unknown as HeldHere).chosen = (globalThis as unknown as ChromeHere).chrome.runtime.sendMessage({ type: 'chooseProfile', payload: { profileId: home.id } });
    });
    // The worker's write is queued behind the page's lock: the worker sees the page's lock as held and its own as waiting.
    await expect
      .poll(
        () =>
          suite.extension.inWorker(async () => {
            const state = await (globalThis as unknown as LocksHere).navigator.locks.query();
            return { held: (state.held ?? []).map((lock) => lock.name), pending: (state.pending ?? []).map((lock) => lock.name) };
          }),
        { message: 'the worker waiting for the lock the options page holds' },
      )
      .toEqual({ held: ['storage:settings'], pending: ['storage:settings'] });
    expect(await activeName(), 'written while the options page held the lock').toBe('Work');

    await options.page.evaluate(() => (globalThis as unknown as HeldHere).releaseSettings!());
    await expect.poll(activeName, { message: 'the choice written once the options page let go' }).toBe('Home');
    await options.page.evaluate(() => (globalThis as unknown as HeldHere).chosen);
  });
});
