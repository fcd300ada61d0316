/**
 * A private (incognito) window in real Chromium, with the extension allowed there as a user would
 * allow it (chrome://extensions, "Allow in Incognito"): what is asked there is answered, shown, and
 * forgotten with the window, and nothing of it reaches the disk.
 */
import { expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

type Chrome = {
  chrome: {
    windows: { create(data: object): Promise<{ id: number; tabs: { id: number }[] }>; remove(id: number): Promise<void> };
    tabs: { get(id: number): Promise<{ id: number; status: string; url?: string; incognito: boolean }> };
    storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
    developerPrivate: {
      updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
      updateExtensionConfiguration(update: { extensionId: string; incognitoAccess: boolean }): Promise<void>;
    };
  };
  testApi: { onMenuClicked(info: unknown, tab: unknown): Promise<void> };
};

it('a question asked in a private window is answered, kept in memory only, and forgotten when the window closes', { timeout: 90_000 }, async () => {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', sendImagesAs: 'url' });
  await options.page.close();

  // What the "Allow in Incognito" switch does; the extension restarts with it.
  const settingsPage = await suite.extension.context.newPage();
  await settingsPage.goto('chrome://extensions');
  const allowed = await settingsPage.evaluate(async (id) => {
    const { developerPrivate } = (globalThis as unknown as Chrome).chrome as unknown as {
      developerPrivate: Chrome['chrome']['developerPrivate'] & { getExtensionInfo(id: string): Promise<{ incognitoAccess: { isActive: boolean } }> };
    };
    // Developer mode first: an unpacked extension restarted outside it comes back disabled.
    await developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
    await developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
    return (await developerPrivate.getExtensionInfo(id)).incognitoAccess.isActive;
  }, suite.extension.id);
  expect(allowed, 'the extension allowed in private windows').toBe(true);
  await settingsPage.close();
  server.reply({ text: 'A private red square.' });

  // An extension page opens the private window and wakes the restarted worker with a message.
  const address = site.url('/pictures.html');
  const secretPicture = site.url('/images/red.png');
  const opener = await suite.extension.context.newPage();
  await expect
    .poll(async () => opener.goto(suite.extension.url('options.html')).then(() => true, () => false), {
      message: 'the extension back after the restart that allowing it in private windows causes',
    })
    .toBe(true);
  await opener.evaluate(async (url) => {
    const chrome = (globalThis as unknown as Chrome).chrome as unknown as {
      windows: { create(data: object): Promise<unknown> };
      runtime: { sendMessage(message: unknown): Promise<unknown> };
    };
    await chrome.windows.create({ incognito: true, url });
    // Any message starts the worker; this one is refused, which is all it needs.
    await chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined);
  }, address);

  // A side panel open in the ordinary window, beside the person: it follows new asks, but not one
  // made in a private window, which someone beside them would then see.
  const panel = await suite.extension.openPage('sidepanel.html');
  await panel.getByRole('navigation', { name: 'Views' }).waitFor();

  type Tab = { id: number; status: string; incognito: boolean };
  const privateTab = async () =>
    (await suite.extension.worker()).evaluate(async (url) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } }).chrome.tabs;
      return (await tabs.query({ url })).find((t) => t.incognito && t.status === 'complete') ?? null;
    }, address);
  await expect.poll(privateTab, { message: `a private tab that has finished loading ${address}`, timeout: 20_000 }).not.toBeNull();
  const tab = await privateTab();
  await (await suite.extension.worker()).evaluate(
    async ({ address, src, tab }) => {
      const { testApi } = globalThis as unknown as Chrome;
      await testApi.onMenuClicked({ menuItemId: 'ask-image', pageUrl: address, frameId: 0, editable: false, srcUrl: src, mediaType: 'image' }, tab);
    },
    { address, src: secretPicture, tab },
  );
  await server.waitForAsk(1);
  await suite.extension.waitUntilNoAnswerStreams();

  const popup = await PopupPage.open(suite.extension);
  await expect.poll(() => popup.answer.textContent(), { message: 'the private answer, shown while its window is open' }).toContain('A private red square');
  // The storage change reached the panel before the popup was even opened: it has taken no notice.
  expect(await panel.locator('main').textContent()).not.toContain('A private red square');
  await panel.close();

  const stored = () =>
    suite.extension.inWorker(async () => {
      const { chrome } = globalThis as unknown as Chrome;
      return { local: JSON.stringify(await chrome.storage.local.get(null)), session: JSON.stringify(await chrome.storage.session.get(null)) };
    });
  const during = await stored();
  expect(during.local).not.toContain('red.png');
  expect(during.local).not.toContain('A private red square');
  expect(during.session).toContain('A private red square');
  await popup.page.close();

  // Every private window closes: what they left is forgotten.
  await suite.extension.inWorker(async () => {
    const { chrome } = globalThis as unknown as Chrome;
    const all = await (chrome as unknown as { windows: { getAll(): Promise<{ id: number; incognito: boolean }[]> } }).windows.getAll();
    for (const window of all.filter((w) => w.incognito)) await chrome.windows.remove(window.id);
  });
  await expect.poll(async () => (await stored()).session, { message: 'the private conversation forgotten with its window' }).not.toContain('A private red square');
  expect((await stored()).local).not.toContain('red.png');
});
