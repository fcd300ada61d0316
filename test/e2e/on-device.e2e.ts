/**
 * Chrome's built-in model in real Chromium. The Chromium here has no model that can run, so the
 * options must say why in words; then a fake `LanguageModel` (the same one the unit tests use) is
 * put in the service worker and the options page, and the whole path runs: the offer to someone with
 * no key, the download from a click with its progress, an answer, a follow-up and alt text at no cost
 * with the context shown, and not one request to any server.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { onDeviceOptions } from '../../utils/vision/language-model';
import { installFakeLanguageModel, type FakeModelConfig, type FakeModelLog } from '../fake-language-model/fake';
import { axeViolations } from './support/axe';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;
const REPLY = ['A red ', 'rectangle ', 'on a white page.'];
const fake = (config: Partial<FakeModelConfig> = {}): FakeModelConfig => ({ availability: 'available', reply: REPLY, contextWindow: 6144, ...config });

/**
 * Makes the profile named `name` the one in use on the options `page`, adding it from its preset
 * when there is none yet; the tests share one browser, so each says where it starts.
 */
async function inUse(page: Page, name: 'OpenAI' | 'Chrome on-device') {
  await page.getByRole('heading', { level: 1 }).waitFor();
  const options = new OptionsPage(page);
  const current = page.getByRole('group', { name: `Profile in use: ${name}` });
  if (await current.count()) return;
  if (await page.getByRole('button', { name: `Use “${name}”`, exact: true }).count()) await options.useProfile(name);
  else await options.addProfile(name);
}

/** The options page, with the fake model in it when given one (before any of the page's scripts run). */
async function openOptions(config?: FakeModelConfig): Promise<Page> {
  const page = await suite.extension.context.newPage();
  if (config) await page.addInitScript(installFakeLanguageModel, config);
  await page.goto(suite.extension.url('options.html'));
  return page;
}

const workerLog = async () => (await suite.extension.worker()).evaluate(() => (globalThis as unknown as { __fakeLanguageModel: FakeModelLog }).__fakeLanguageModel);

describe('Chrome\'s built-in model', () => {
  it('where Chrome cannot run it, the options say why in words', async () => {
    const page = await openOptions();
    await inUse(page, 'Chrome on-device');
    // What this Chromium itself says: no LanguageModel at all, or one that cannot run here.
    const found = await page.evaluate(async (options) => {
      const api = (globalThis as { LanguageModel?: { availability(o: unknown): Promise<string> } }).LanguageModel;
      return api ? api.availability(options) : 'missing';
    }, onDeviceOptions('en'));
    expect(['missing', 'unavailable'], 'the Chromium of these machines has no model that can run').toContain(found);
    const expected = found === 'missing' ? /no built-in model that reads pictures/ : /cannot read pictures on this computer\. It needs Windows 10 or 11/;
    await page.locator('#on-device-status').filter({ hasText: expected }).waitFor();
    // No server's fields for a model without a server, and no button to download what cannot run.
    expect(await page.getByLabel('Base URL', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download the model' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is offered to someone with no key, and downloads from a click with its progress shown', async () => {
    const page = await openOptions(fake({ availability: 'downloadable', download: [0, 0.25, 0.5, 0.75, 1] }));
    // The profile a new install has, with no key saved.
    await inUse(page, 'OpenAI');
    await page.getByText('No key yet? Chrome can answer on this computer').waitFor();
    await page.getByRole('button', { name: 'Use Chrome’s built-in model' }).click();
    await page.getByRole('group', { name: 'Profile in use: Chrome on-device' }).waitFor();
    await page.locator('#on-device-status').filter({ hasText: 'Chrome downloads its model once' }).waitFor();
    const seen = new Set<string>();
    const status = page.locator('#on-device-status');
    // Every sentence the status line says from here on, as it says it.
    await status.evaluate((element) => {
      const said = ((globalThis as unknown as { said: string[] }).said = [] as string[]);
      new MutationObserver(() => said.push(element.textContent ?? '')).observe(element, { childList: true, characterData: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Download the model' }).click();
    await status.filter({ hasText: 'Ready: answers are made on this computer' }).waitFor();
    for (const sentence of await page.evaluate(() => (globalThis as unknown as { said: string[] }).said)) seen.add(sentence);
    expect([...seen].filter((s) => s.startsWith('Chrome is downloading its model'))).toEqual(
      ['0%', '25%', '50%', '75%', '100%'].map((percent) => `Chrome is downloading its model: ${percent}.`),
    );
    // The download was asked for with the options answers use, and the session let go.
    const log = await page.evaluate(() => (globalThis as unknown as { __fakeLanguageModel: FakeModelLog }).__fakeLanguageModel);
    expect(log.created.map((c) => c.options)).toEqual([onDeviceOptions('en')]);
    expect(log.destroyed).toBe(1);
    expect(await page.getByRole('button', { name: 'Download the model' }).count()).toBe(0);
    // The profile list says where it answers.
    await page.getByText('Chrome on-device · on this computer').waitFor();
  });

  it('answers, follows up and writes alt text at no cost, showing the context used, with no request to any server', async () => {
    const options = await openOptions();
    await inUse(options, 'Chrome on-device');
    await options.close();
    await (await suite.extension.worker()).evaluate(installFakeLanguageModel, fake());
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the on-device answer in the popup' }).toContain(REPLY.join(''));
    await popup.page.getByText(/context [\d,]+ of 6,144 tokens/).first().waitFor();
    expect((await popup.spendRow('This conversation')).at(-1)).toBe('$0');
    // What the next question costs, said before it is asked: nothing (not "price unknown", nor a
    // token formula Chrome's model does not need).
    expect(await popup.page.locator('#estimate').textContent()).toBe('Free: this model costs nothing to ask.');

    await popup.followUp('And the border?');
    await expect.poll(async () => (await workerLog()).prompts.length, { message: 'the follow-up asked of the model' }).toBe(2);
    await expect.poll(() => popup.page.getByText(/context [\d,]+ of 6,144 tokens/).count(), { message: 'both answers with their context' }).toBe(2);
    const log = await workerLog();
    // The picture went as bytes (a Blob), and the follow-up carried the first exchange.
    expect(log.prompts[0]!.input[0]!.content[0]).toMatchObject({ type: 'image', mime: expect.stringMatching(/^image\//) as unknown as string });
    expect(log.created[1]!.initialPrompts.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(log.prompts[1]!.input).toEqual([{ role: 'user', content: [{ type: 'text', value: 'And the border?' }] }]);
    expect((await popup.spendRow('This conversation')).at(-1)).toBe('$0');
    expect(await axeViolations(popup.page)).toEqual([]);
    await popup.page.close();

    const alt = JSON.stringify({ alt: 'A red rectangle', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' });
    await (await suite.extension.worker()).evaluate(installFakeLanguageModel, fake({ reply: [alt] }));
    await suite.extension.chooseMenuItem(page, '#plain', 'alt-text');
    const altPopup = await PopupPage.open(suite.extension);
    const suggestion = altPopup.page.getByRole('textbox', { name: 'Suggested alt text' });
    await expect.poll(() => suggestion.inputValue(), { message: 'the on-device alt text in the popup' }).toBe('A red rectangle');
    expect((await workerLog()).prompts[0]!.constraint).toMatchObject({ type: 'object' });
    expect((await altPopup.spendRow('This conversation')).at(-1)).toBe('$0');
    expect(server.requests, 'requests at the API server').toEqual([]);
  });

  it('compares two pictures, each handed over as bytes, at no cost', async () => {
    const options = await openOptions();
    await inUse(options, 'Chrome on-device');
    await options.close();
    await (await suite.extension.worker()).evaluate(installFakeLanguageModel, fake({ reply: ['The second is bluer.'] }));
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'compare-add', { waitForAnswer: true });
    await suite.extension.chooseMenuItem(page, '#in-picture', 'compare-add', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await popup.compare('Which is bluer?', 2);
    await expect.poll(() => popup.answer.textContent(), { message: 'the comparison answered on the device' }).toContain('The second is bluer.');
    const [asked] = (await workerLog()).prompts;
    expect(asked!.input[0]!.content.map((part) => part.type)).toEqual(['text', 'image', 'text', 'image', 'text']);
    expect((await popup.spendRow('This conversation')).at(-1)).toBe('$0');
    expect(server.requests, 'requests at the API server').toEqual([]);
  });
});
