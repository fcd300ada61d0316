/**
 * Cost you can see, in real Chromium: the estimate before sending, the meter against the server's
 * usage, budgets with "Ask anyway", the answer cache with "Ask again", unknown prices, the CSV,
 * the reset, and the spend badge.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';

const suite = useBrowserSuite();
const { server, site } = suite;

type ChromeInWorker = { chrome: { action: { getBadgeText(details: object): Promise<string> } } };

afterEach(async () => {
  await resetSpend();
});

async function configure(values: Parameters<OptionsPage['save']>[0] & { daily?: string; badge?: boolean } = {}) {
  const { daily, badge, ...rest } = values;
  const options = await OptionsPage.open(suite.extension);
  await options.page.getByLabel('Daily budget (USD)').fill(daily ?? '');
  await options.page.getByLabel('Show today’s spend on the toolbar icon').setChecked(badge ?? false);
  await options.save({ apiKey: 'sk-spend', baseUrl: server.url, model: 'gpt-4o', detail: 'high', sendImagesAs: 'url', ...rest });
  await options.page.close();
}

async function resetSpend() {
  const options = await OptionsPage.open(suite.extension);
  await options.resetSpend();
  await options.page.close();
}

async function askAbout(selector: string) {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await suite.extension.chooseMenuItem(page, selector, 'ask-image', { waitForAnswer: true });
  await page.close();
  return PopupPage.open(suite.extension);
}

describe('before sending', () => {
  it('shows the picture\'s estimated tokens and dollars, and the difference when the detail changes', async () => {
    await configure();
    const popup = await askAbout('#large');
    const estimate = popup.page.locator('#estimate');
    // gpt-4o, 1024x1024 at high detail: 85 + 4 tiles x 170 = 765 tokens at $2.50 per million.
    await expect.poll(() => estimate.textContent()).toBe('≈ 765 image tokens · ≈ $0.00191');
    await popup.page.getByLabel('Image detail').selectOption('low');
    await expect.poll(() => estimate.textContent()).toBe('≈ 85 image tokens · ≈ $0.000213 (−680 tokens, −$0.0017 against high)');

    server.reply({ text: 'Low detail answer.' });
    await popup.followUp('And at low detail?');
    await expect.poll(() => popup.answer.textContent()).toContain('Low detail answer.');
    const body = (await server.waitForAsk(2)).body as { messages: { content: unknown }[] };
    expect(body.messages[0]!.content).toContainEqual({ type: 'image_url', image_url: { url: site.url('/images/orange-1024.png'), detail: 'low' } });
  });
});

describe('after sending', () => {
  it('the meter equals the server\'s usage summed over several questions', async () => {
    await configure();
    server
      .reply({ text: 'One.', usage: { input: 1000, output: 100 } })
      .reply({ text: 'Two.', usage: { input: 2000, output: 200, cachedInput: 1000 } })
      .reply({ text: 'Three.', usage: { input: 3000, output: 300 } });
    const popup = await askAbout('#large');
    await popup.followUp('Second question?');
    await expect.poll(() => popup.answer.textContent()).toContain('Two.');
    await popup.followUp('Third question?');
    await expect.poll(() => popup.answer.textContent()).toContain('Three.');

    // gpt-4o: $2.50 in, $1.25 cached in, $10 out, per million tokens.
    const dollars = (1000 * 2.5 + (1000 * 2.5 + 1000 * 1.25) + 3000 * 2.5 + 600 * 10) / 1e6; // 0.01975
    expect(dollars).toBeCloseTo(0.01975, 10);
    for (const row of ['This conversation', 'Today', 'This month', 'All time']) {
      await expect.poll(() => popup.spendRow(row)).toEqual(['6,000', '600', '$0.02']);
    }
  });

  it('the options say, in so many words, that an unknown price is never $0', async () => {
    const options = await OptionsPage.open(suite.extension);
    await options.page.getByText('A model with no price shows “price unknown”, never $0.').waitFor();
  });

  it('a model with no price shows "price unknown", never $0, with the way to set it', async () => {
    await configure({ model: 'llava:13b' });
    const popup = await askAbout('#plain');
    await expect.poll(() => popup.spendRow('This conversation')).toEqual(['1,234', '56', 'price unknown']);
    const link = popup.spend.getByRole('link', { name: 'set it in the options' });
    expect(await link.getAttribute('href')).toBe('options.html#prices');
    await popup.page.getByText('No token formula is known for the model "llava:13b".').waitFor();
  });

  it('a price set in the options is the price in force', async () => {
    await configure({ model: 'llava:13b' });
    const options = await OptionsPage.open(suite.extension);
    await options.page.getByRole('button', { name: 'Add a model' }).click();
    const rows = options.page.locator('table.prices tbody tr');
    const last = rows.last();
    await last.getByRole('textbox').nth(0).fill('llava:13b');
    await last.getByRole('textbox').nth(1).fill('1');
    await last.getByRole('textbox').nth(2).fill('1');
    await last.getByRole('textbox').nth(3).fill('2');
    await options.page.getByRole('button', { name: 'Save prices' }).click();
    await options.page.getByText('Prices saved.').waitFor();
    await options.page.close();

    server.reply({ usage: { input: 1000, output: 1000 } });
    const popup = await askAbout('#plain');
    await expect.poll(() => popup.spendRow('This conversation')).toEqual(['1,000', '1,000', '$0.003']);
  });
});

describe('budgets', () => {
  it('warn at 80 %, stop at the limit with a sentence, and "Ask anyway" sends it', async () => {
    // gpt-4o: 1,000,000 input tokens cost $2.50; against a $3 budget that is 83 %.
    await configure({ daily: '3' });
    server.reply({ usage: { input: 1_000_000, output: 0 } });
    const first = await askAbout('#plain');
    await first.spend.getByText('You have used 83 % of your daily budget ($2.50 of $3.00).').waitFor();
    await first.page.close();

    server.reply({ usage: { input: 1_000_000, output: 0 } });
    await (await askAbout('#large')).page.close();
    expect(server.asks).toHaveLength(2);

    const popup = await askAbout('#linked img');
    await popup.page.getByText('You have spent $5.00 today, which reaches your daily budget of $3.00. Nothing was sent.').waitFor();
    expect(server.asks).toHaveLength(2);
    server.reply({ text: 'Sent anyway.' });
    await popup.page.getByRole('button', { name: 'Ask anyway' }).click();
    await expect.poll(() => popup.answer.textContent()).toContain('Sent anyway.');
    expect(server.asks).toHaveLength(3);
  });
});

describe('the answer cache', () => {
  it('answers the same question again at no cost, marked "cached", and "Ask again" pays for a new one', async () => {
    await configure();
    server.reply({ text: 'The first answer.' });
    (await askAbout('#plain')).page.close();
    const popup = await askAbout('#plain');
    await popup.page.getByText('Cached: answered before, no cost.').waitFor();
    expect(await popup.answer.textContent()).toContain('The first answer.');
    expect(server.asks).toHaveLength(1);
    await expect.poll(() => popup.spendRow('This conversation')).toEqual(['0', '0', '$0']);

    server.reply({ text: 'A fresh answer.' });
    await popup.page.getByRole('button', { name: 'Ask again' }).click();
    await expect.poll(() => popup.answer.textContent()).toContain('A fresh answer.');
    expect(server.asks).toHaveLength(2);
  });
});

describe('the spend record', () => {
  it('exports as CSV with one row per request', async () => {
    await configure();
    server.reply({ usage: { input: 1234, output: 56 } });
    (await askAbout('#plain')).page.close();
    const options = await OptionsPage.open(suite.extension);
    await options.page.getByText('1 request recorded').waitFor();
    const [download] = await Promise.all([
      options.page.waitForEvent('download'),
      options.page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^spend-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe('time,conversation,kind,model,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,estimated,requests,profile,profile_id');
    expect(lines).toHaveLength(2);
    // The profile a new install has, under its preset's name and its fixed id.
    expect(lines[1]).toMatch(/,question,gpt-4o,1234,0,56,0,0.003645,false,1,OpenAI,first$/);
  });

  it('shows today\'s spend on the toolbar icon when asked to', async () => {
    await configure({ badge: true });
    server.reply({ usage: { input: 1_000_000, output: 0 } });
    const popup = await askAbout('#plain');
    await popup.spend.waitFor();
    const badge = () => suite.extension.inWorker(() => (globalThis as unknown as ChromeInWorker).chrome.action.getBadgeText({}));
    await expect.poll(badge).toBe('$2.5');
    await configure({ badge: false });
    await expect.poll(badge).toBe('');
  });
});
