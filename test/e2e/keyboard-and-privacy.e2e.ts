/**
 * The keyboard command, the toolbar badge, and where the API key lives, in real Chromium.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;


type ChromeInWorker = {
  chrome: {
    action: { getBadgeText(details: object): Promise<string>; setBadgeText(details: { text: string }): Promise<void> };
    storage: Record<'local' | 'sync' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
  };
};

const badgeText = () =>
  suite.extension.inWorker(() => (globalThis as unknown as ChromeInWorker).chrome.action.getBadgeText({}));

beforeAll(async () => {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-private-key', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'low', sendImagesAs: 'url' });
  await options.page.close();
});

describe('the keyboard command', () => {
  it('asks about the picture under the pointer', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await page.hover('#plain');
    await suite.extension.runCommand(page, 'ask-image');
    const body = (await server.waitForAsk(1)).body as { messages: { content: { image_url?: { url: string } }[] }[] };
    expect(body.messages[0]!.content[0]!.image_url?.url).toBe(site.url('/images/red.png'));
  });

  it('asks about the picture inside the focused link', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await page.hover('#words');
    await page.focus('#linked');
    await suite.extension.runCommand(page, 'ask-image');
    const body = (await server.waitForAsk(1)).body as { messages: { content: { image_url?: { url: string } }[] }[] };
    expect(body.messages[0]!.content[0]!.image_url?.url).toBe(site.url('/images/blue.png'));
  });

  it('with no picture in focus or under the pointer, sends nothing and says so', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await page.hover('#words');
    await suite.extension.runCommand(page, 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('alert').filter({ hasText: 'No picture has the focus or is under the pointer, so nothing was sent.' }).waitFor();
    expect(server.requests).toHaveLength(0);
  });
});

describe('the toolbar badge', () => {
  it('is cleared when the popup opens', async () => {
    await suite.extension.inWorker(() => (globalThis as unknown as ChromeInWorker).chrome.action.setBadgeText({ text: '1' }));
    expect(await badgeText()).toBe('1');
    const popup = await PopupPage.open(suite.extension);
    await popup.spend.waitFor();
    await expect.poll(badgeText).toBe('');
  });
});

describe('the API key', () => {
  it('is kept in storage.local only, and the options page never shows it again', async () => {
    const areas = await suite.extension.inWorker(async () => {
      const { chrome } = globalThis as unknown as ChromeInWorker;
      return {
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
        session: await chrome.storage.session.get(null),
      };
    });
    // One key per provider profile; the options' one profile is the first.
    expect(areas.local.apiKey).toEqual({ first: { key: 'sk-private-key', origin: new URL(server.url).origin } });
    expect(JSON.stringify(areas.sync)).not.toContain('sk-private-key');
    expect(JSON.stringify(areas.session)).not.toContain('sk-private-key');

    const options = await OptionsPage.open(suite.extension);
    await options.page.getByText('A key is saved. Type a new one to replace it.').waitFor();
    expect(await options.page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    expect(await options.page.content()).not.toContain('sk-private-key');
  });

  it('cannot be read by a content script: the extension storage is closed to pages', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    const cdp = await suite.extension.context.newCDPSession(page);
    const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    // The extension's content script runs in its own isolated world of the page, named after it.
    await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.name === 'Ask about this image'), {
      message: 'the content script\'s world to appear in the page',
    }).toBe(true);
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Ask about this image')!;
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `(async () => {
        try { return JSON.stringify(await chrome.storage.local.get(null)); } catch (error) { return 'refused: ' + error.message; }
      })()`,
    });
    expect(result.value).not.toContain('sk-private-key');
    expect(result.value).toMatch(/^refused: /);
  });

  it('cannot be replaced, nor the history cleared, by any page but the one those belong to', async () => {
    // The offscreen document draws SVG that came from web pages; the popup has no business saving keys.
    const asks = async (path: string, type: string, payload: unknown) => {
      const page = await suite.extension.openPage(path);
      try {
        return await page.evaluate(
          async ({ type, payload }) => {
            const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
            return chrome.runtime.sendMessage({ type, payload }).then(
              (reply) => ({ answered: reply !== undefined, reply }),
              (error: Error) => ({ answered: false, reply: error.message }),
            );
          },
          { type, payload },
        );
      } finally {
        await page.close();
      }
    };
    expect(await asks('offscreen.html', 'saveApiKey', { profileId: 'first', apiKey: 'sk-stolen' })).toMatchObject({ answered: false });
    expect(await asks('popup.html', 'saveApiKey', { profileId: 'first', apiKey: 'sk-stolen' })).toMatchObject({ answered: false });
    expect(await asks('offscreen.html', 'deleteProfile', { profileId: 'first' })).toMatchObject({ answered: false });
    expect(await asks('offscreen.html', 'clearHistory', undefined)).toMatchObject({ answered: false });
    const stored = await suite.extension.inWorker(async () => (await (globalThis as unknown as ChromeInWorker).chrome.storage.local.get(null)).apiKey);
    expect(stored).toEqual({ first: { key: 'sk-private-key', origin: new URL(server.url).origin } });
    // The page each belongs to is still answered.
    expect(await asks('options.html', 'keyStatus', { profileId: 'first' })).toEqual({ answered: true, reply: { ok: true, value: { hasKey: true, origin: new URL(server.url).origin } } });
  });

  it('is no longer offered to a base URL typed after it was saved', async () => {
    const options = await OptionsPage.open(suite.extension);
    const hint = options.page.locator('#api-key-hint');
    await expect.poll(() => hint.textContent()).toBe('A key is saved. Type a new one to replace it.');
    await options.page.getByLabel('Base URL', { exact: true }).fill('https://openrouter.ai/api/v1');
    await expect.poll(() => hint.textContent()).toBe(`A key is saved for ${new URL(server.url).host}, not for this base URL. Type it again to use it here.`);
  });

  it('is sent only to the configured server, as a bearer token', async () => {
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image', { waitForAnswer: true });
    expect(server.asks[0]!.headers.authorization).toBe('Bearer sk-private-key');
  });
});

describe('a picture on the user\'s own network, shown by a page on the internet', () => {
  it('is read only after the user says so', async () => {
    // A public page whose picture lives on this machine, as a hidden <img src="http://router/..."> would.
    const picture = site.url('/images/red.png');
    site.serve('/public-page.html', new TextEncoder().encode(`<!doctype html><title>News</title><img id="hidden" src="${picture}" width="64" height="64" alt="">`), 'text/html; charset=utf-8');
    const page = await suite.extension.context.newPage();
    await page.goto(site.publicUrl('/public-page.html'));
    await suite.extension.chooseMenuItem(page, '#hidden', 'ask-image');

    const popup = await PopupPage.open(suite.extension);
    const host = new URL(picture).host;
    await popup.page
      .getByText(`This picture is at ${host}, on your own computer or network, but the page (${new URL(site.publicUrl('/')).host}) is on the internet.`, { exact: false })
      .waitFor();
    expect(server.asks).toHaveLength(0);

    await popup.page.getByRole('button', { name: 'Read it anyway' }).click();
    const body = (await server.waitForAsk(1)).body as { messages: { content: { image_url?: { url: string } }[] }[] };
    // This file's settings send pictures as their addresses, so the address goes, once allowed.
    expect(body.messages[0]!.content[0]!.image_url?.url).toBe(picture);
    await popup.page.getByRole('button', { name: 'Copy answer' }).waitFor();
  });
});
