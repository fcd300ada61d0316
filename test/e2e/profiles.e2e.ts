/**
 * Provider profiles in real Chromium: two profiles pointing at two fake servers, a question, a
 * switch in the popup, another question. The second server gets it with its own key, the first
 * gets nothing more, neither key reaches the other server, and a reload keeps it all.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLY, type FakeOpenAI } from '../fake-openai/server';
import { axeViolations } from './support/axe';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

// The second server, beside the suite's own, is checked after each test as the suite checks its own.
const suite = useBrowserSuite({ otherServers: 1 });
const { server: work, site } = suite;
const home = suite.otherServer(0);

type StoredOptions = { activeProfileId: string; profiles: { id: string; name: string }[] };
type ChromeInWorker = { chrome: { storage: { local: { get(key: string): Promise<{ settings?: StoredOptions }> } } } };

/** The name of the profile the worker will ask next, as stored. */
const activeName = () =>
  suite.extension.inWorker(async () => {
    const { settings } = await (globalThis as unknown as ChromeInWorker).chrome.storage.local.get('settings');
    return settings?.profiles.find((profile) => profile.id === settings.activeProfileId)?.name ?? 'none';
  });

/** Everything the requests at `server` carried: a key anywhere in them is found. */
const carried = (server: FakeOpenAI) => JSON.stringify(server.requests.map((request) => [request.headers, request.body]));

describe('two provider profiles', () => {
  it('ask, switch in the popup, ask again: the second server gets it with its own key, the first nothing more; a reload keeps both', async () => {
    const options = await OptionsPage.open(suite.extension);
    // The profile a new install has, renamed and pointed at the first server.
    await options.save({ profileName: 'Work', apiKey: 'sk-work', baseUrl: work.url, model: 'gpt-4.1-mini', api: 'Chat Completions', sendImagesAs: 'url' });
    await options.addProfile('Custom');
    await options.save({ profileName: 'Home', apiKey: 'sk-home', baseUrl: home.url, model: 'gpt-4o', api: 'Chat Completions', sendImagesAs: 'url' });
    await options.useProfile('Work');
    expect(await axeViolations(options.page)).toEqual([]);
    await options.page.close();

    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first answer, from the Work server' }).toContain(DEFAULT_REPLY.text);
    expect(work.asks).toHaveLength(1);
    expect(work.asks[0]!.headers.authorization).toBe('Bearer sk-work');
    // Saving Home tested its connection there, with its own key; it has been asked nothing.
    expect(home.asks).toHaveLength(0);
    expect(home.listings.map((request) => request.headers.authorization)).toEqual(['Bearer sk-home']);
    await popup.page.getByText('Asked of Work · gpt-4.1-mini').waitFor();

    // One step in the popup, and the next question is Home's.
    expect(await popup.provider.inputValue()).not.toBe('');
    await popup.provider.selectOption({ label: 'Home' });
    await expect.poll(activeName, { message: 'the switch to be stored by the background' }).toBe('Home');
    expect(await axeViolations(popup.page)).toEqual([]);
    home.reply({ text: 'Answered at home.' });
    await popup.followUp('And the colour?');
    const asked = await home.waitForAsk(1);
    expect(asked.headers.authorization).toBe('Bearer sk-home');
    const body = asked.body as { model: string; messages: { role: string; content: unknown }[] };
    expect(body.model).toBe('gpt-4o');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'And the colour?' });
    await expect.poll(() => popup.answer.textContent(), { message: 'the second answer, from the Home server' }).toContain('Answered at home.');
    await popup.page.getByText('Asked of Home · gpt-4o').waitFor();
    expect(work.asks).toHaveLength(1);
    expect(carried(home)).not.toContain('sk-work');
    expect(carried(work)).not.toContain('sk-home');

    // A reload of the popup and of the options keeps both profiles and the choice.
    await popup.page.reload();
    await expect.poll(() => popup.provider.locator('option').allTextContents(), { message: 'the profiles listed after a reload' }).toEqual(['Work', 'Home']);
    await expect.poll(async () => popup.provider.locator('option:checked').textContent(), { message: 'the chosen profile after a reload' }).toBe('Home');
    const again = await OptionsPage.open(suite.extension);
    await again.page.getByRole('group', { name: 'Profile in use: Home' }).waitFor();
    expect(await again.page.getByLabel('Base URL', { exact: true }).inputValue()).toBe(home.url);
    expect(await again.page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    await expect.poll(() => again.page.locator('#api-key-hint').textContent(), { message: 'the Home key to be said saved' }).toBe('A key is saved. Type a new one to replace it.');
    await again.useProfile('Work');
    expect(await again.page.getByLabel('Base URL', { exact: true }).inputValue()).toBe(work.url);
    expect(await again.page.content()).not.toMatch(/sk-work|sk-home/);
  });

  it('a deleted profile takes its key: the server it pointed at gets nothing more', async () => {
    const options = await OptionsPage.open(suite.extension);
    // The previous test left Work in use and Home beside it; Home goes.
    await options.page.getByRole('button', { name: 'Delete “Home”', exact: true }).click();
    await options.page.getByRole('group', { name: 'Confirm deleting “Home”' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await options.page.getByRole('status').filter({ hasText: '“Home” is deleted, with its key.' }).waitFor();
    const keys = await suite.extension.inWorker(async () =>
      (await (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<{ apiKey?: Record<string, { key: string }> }> } } } }).chrome.storage.local.get('apiKey')).apiKey,
    );
    expect(JSON.stringify(keys)).not.toContain('sk-home');
    expect(JSON.stringify(keys)).toContain('sk-work');
    // With one profile left, the popup has nothing to switch between.
    const popup = await PopupPage.open(suite.extension);
    await popup.spend.waitFor();
    expect(await popup.provider.count()).toBe(0);
    expect(home.requests).toHaveLength(0);
  });
});
