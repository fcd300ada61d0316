/**
 * Alt text end to end in real Chromium: one picture from the menu and from the keyboard (low
 * detail, the page's language and context in the request, structured output with its plain-text
 * fallback, the lint, Apply and Undo in the live page, filling a focused field), and the page
 * audit (exactly the right pictures found, the estimate, Describe all, Cancel, the budget, Apply
 * all, the export, and axe in each state).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fake-openai/server';
import { altJson } from './support/alt-answer';
import { axeViolations } from './support/axe';
import { decodeSent, imageUrlOf } from './support/decode';
import { AuditPage, OptionsPage, PopupPage, type OptionsValues } from './support/pages';
import { useBrowserSuite } from './support/suite';
import { held } from './support/held';

const suite = useBrowserSuite();
const { server, site } = suite;

async function configure(values: OptionsValues = {}) {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-alt', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'auto', api: 'Chat Completions', sendImagesAs: 'auto', altTextDetail: 'low', dailyBudget: '', ...values });
  await options.page.close();
}

async function openAltPage(): Promise<Page> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/alt.html'));
  return page;
}

type ChatBody = { messages: { role: string; content: string | { type: string; text?: string }[] }[]; response_format?: { type: string }; model: string };

/** Every text the request carried: the system instruction and the text parts of the user message. */
function textOf(request: RecordedRequest): string {
  const body = request.body as ChatBody;
  return body.messages
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((p) => p.text ?? '')))
    .join('\n');
}

function systemOf(request: RecordedRequest): string {
  const system = (request.body as ChatBody).messages.find((m) => m.role === 'system');
  return typeof system?.content === 'string' ? system.content : '';
}

async function attributes(page: Page, selector: string) {
  return page.$eval(selector, (el) => ({
    alt: el.getAttribute('alt'),
    label: el.getAttribute('aria-label'),
    role: el.getAttribute('role'),
    generated: el.getAttribute('data-alt-generated'),
  }));
}

describe('alt text for one picture', () => {
  it('asks at low detail with the page context and language, lints the answer, and applies it with undo', async () => {
    await configure();
    server.reply({ text: altJson({ alt: 'Image of fishing boats moored in a harbour at dawn' }) });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text');

    const request = await server.waitForAsk(1);
    const body = request.body as ChatBody;
    expect(body.response_format?.type).toBe('json_schema');
    const text = textOf(request);
    expect(text).toContain('Boats in the harbour at dawn');
    expect(text).toContain('Harbour in the morning');
    expect(text).toContain('Alt text testing page');
    expect(systemOf(request)).toContain('English');
    // gpt-4.1-mini counts patches and ignores "low" for an address: the picture goes as 512 px bytes.
    const part = (body.messages.find((m) => m.role === 'user')!.content as { type: string; image_url?: { detail: string } }[]).find((p) => p.type === 'image_url');
    expect(part?.image_url?.detail).toBe('low');
    const popup = await PopupPage.open(suite.extension);
    const sent = await decodeSent(popup.page, imageUrlOf(body));
    expect(Math.max(sent.width, sent.height)).toBeLessThanOrEqual(512);

    const suggestion = popup.page.getByRole('textbox', { name: 'Suggested alt text' });
    await expect.poll(() => suggestion.inputValue(), { message: 'the linted suggestion in the popup' }).toBe('Fishing boats moored in a harbour at dawn');
    await popup.page.getByText('Removed “Image of” at the start').waitFor();
    await popup.page.getByText('Created automatically').first().waitFor();

    await popup.page.getByRole('button', { name: 'Apply to page' }).click();
    await expect.poll(() => attributes(page, '#no-alt'), { message: 'alt written into the live picture' }).toEqual({
      alt: 'Fishing boats moored in a harbour at dawn', label: null, role: null, generated: 'ask-about-image',
    });
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => attributes(page, '#no-alt'), { message: 'the picture as it was before' }).toEqual({ alt: null, label: null, role: null, generated: null });
  });

  it('writes in the language of the picture\'s own section, and the user\'s edit is what gets applied', async () => {
    await configure();
    server.reply({ text: altJson({ alt: 'Un bateau vert' }) });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#french', 'alt-text');
    const request = await server.waitForAsk(1);
    expect(systemOf(request)).toContain('French');
    expect(textOf(request)).toContain('Le port');

    const popup = await PopupPage.open(suite.extension);
    const suggestion = popup.page.getByRole('textbox', { name: 'Suggested alt text' });
    await expect.poll(() => suggestion.inputValue(), { message: 'the suggestion' }).toBe('Un bateau vert');
    await suggestion.fill('Un petit bateau vert');
    await popup.page.getByRole('button', { name: 'Apply to page' }).click();
    await expect.poll(() => attributes(page, '#french').then((a) => a.alt), { message: 'the edited text in the page' }).toBe('Un petit bateau vert');
  });

  it('gives an SVG drawing role="img" and a label, and takes them away again', async () => {
    await configure();
    server.reply({ text: altJson({ alt: 'A blue bar' }) });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#svg-untitled', 'alt-text');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('button', { name: 'Apply to page' }).click();
    await expect.poll(() => attributes(page, '#svg-untitled'), { message: 'role and label on the drawing' }).toEqual({
      alt: null, label: 'A blue bar', role: 'img', generated: 'ask-about-image',
    });
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => attributes(page, '#svg-untitled'), { message: 'the drawing as it was' }).toEqual({ alt: null, label: null, role: null, generated: null });
  });

  it('falls back to plain text when the server refuses structured output', async () => {
    await configure();
    server.reply({ status: 400, error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", param: 'response_format' } });
    server.reply({ text: 'ALT: A green square on a white page\nKIND: informative\nDECORATIVE: no' });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#suspicious', 'alt-text');
    await server.waitForAsk(2);
    expect((server.asks[0]!.body as ChatBody).response_format).toBeDefined();
    expect((server.asks[1]!.body as ChatBody).response_format).toBeUndefined();
    // The suspicious alt goes along, so the model can do better than it.
    expect(textOf(server.asks[1]!)).toContain('IMG_1234.jpg');
    const popup = await PopupPage.open(suite.extension);
    await expect
      .poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the plain-text answer, parsed' })
      .toBe('A green square on a white page');
  });

  it('suggests decorative with the reason, and applies alt="" only when the user confirms', async () => {
    await configure();
    server.reply({ text: altJson({ alt: '', decorative: true, kind: 'decorative', reason: 'The caption beside it says everything.' }) });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByText('Why: The caption beside it says everything.').waitFor();
    expect((await attributes(page, '#no-alt')).alt).toBeNull();
    await popup.page.getByRole('button', { name: 'Mark as decorative' }).click();
    await expect.poll(() => attributes(page, '#no-alt').then((a) => a.alt), { message: 'alt="" once confirmed' }).toBe('');
  });

  it('fills the alt-text field the user focused in the page', async () => {
    await configure();
    server.reply({ text: altJson({ alt: 'A small green boat' }) });
    const page = await openAltPage();
    await page.getByLabel('Alt text', { exact: true }).focus();
    await suite.extension.chooseMenuItem(page, '#suspicious', 'alt-text');
    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('button', { name: 'Fill the focused field (Alt text)' }).click();
    await expect.poll(() => page.getByLabel('Alt text', { exact: true }).inputValue(), { message: 'the field filled' }).toBe('A small green boat');
  });

  it('the keyboard command describes the focused picture, announces it once in words, and applies without a mouse', async () => {
    await configure();
    server.reply({ text: altJson({ alt: 'Home', kind: 'functional' }) });
    const page = await openAltPage();
    await page.focus('#home-link');
    await suite.extension.runCommand(page, 'alt-text');
    const request = await server.waitForAsk(1);
    // The link's destination goes along: a picture in a link says where the link goes.
    expect(textOf(request)).toContain(site.url('/index.html'));

    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.page.locator('[aria-live="polite"]').textContent(), { message: 'the spoken alt text' }).toBe('Alt text: Home');
    const apply = popup.page.getByRole('button', { name: 'Apply to page' });
    await apply.focus();
    await popup.page.keyboard.press('Enter');
    await expect.poll(() => attributes(page, '#in-link').then((a) => a.alt), { message: 'applied by keyboard' }).toBe('Home');
    // Focus moved to Undo, so Enter again takes it back.
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent), { message: 'focus on Undo' }).toBe('Undo');
    await popup.page.keyboard.press('Enter');
    await expect.poll(() => attributes(page, '#in-link').then((a) => a.alt), { message: 'undone by keyboard' }).toBeNull();
  });

  it('the popup\'s "Generate alt text" asks about the conversation\'s picture', async () => {
    await configure();
    server.reply({ text: 'An orange square.' });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'ask-image', { waitForAnswer: true });
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first answer' }).toContain('An orange square.');
    // The cost of alt text is known before the button is pressed.
    await popup.page.getByText(/^Alt text at low detail: ≈ [\d,]+ image tokens/).waitFor();
    server.reply({ text: altJson({ alt: 'An orange square' }) });
    await popup.page.getByRole('button', { name: 'Generate alt text' }).click();
    const request = await server.waitForAsk(2);
    expect((request.body as ChatBody).response_format?.type).toBe('json_schema');
    expect(textOf(request)).toContain('Boats in the harbour at dawn');
    await expect.poll(() => popup.page.getByRole('textbox', { name: 'Suggested alt text' }).inputValue(), { message: 'the suggestion' }).toBe('An orange square');

    // "Look closer" after alt text asks for alt text again, at high detail, not a plain question.
    server.reply({ text: altJson({ alt: 'An orange square with soft edges' }) });
    await popup.page.getByRole('button', { name: 'Look closer' }).click();
    const closer = await server.waitForAsk(3);
    expect((closer.body as ChatBody).response_format?.type).toBe('json_schema');
    expect(JSON.stringify(closer.body)).toContain('"detail":"high"');
  });

  it('costs a fraction at low detail of what auto costs, for the same picture (usage counted by the server)', async () => {
    await configure({ altTextDetail: 'auto' });
    server.reply({ text: altJson({ alt: 'Boats at dawn' }), measure: true });
    const page = await openAltPage();
    await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text', { waitForAnswer: true });
    await configure({ altTextDetail: 'low' });
    server.reply({ text: altJson({ alt: 'Boats at dawn' }), measure: true });
    await suite.extension.chooseMenuItem(page, '#no-alt', 'alt-text', { waitForAnswer: true });
    const ledger = await suite.extension.inWorker(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, { entries: { input: number }[] }>> } } } };
      return (await chrome.storage.local.get('ledger')).ledger!.entries.slice(-2).map((entry) => entry.input);
    });
    const [auto, low] = ledger as [number, number];
    expect(low).toBeLessThan(auto / 2);
  });
});

describe('the page audit', () => {
  it('says what it is and offers to start, with nothing listed yet (axe finds nothing)', async () => {
    await configure();
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe unlabelled images on this page').waitFor();
    expect(await axeViolations(audit.page)).toEqual([]);
  });

  it('finds exactly the pictures that need alt text, lists decorative ones apart, and estimates before sending', async () => {
    await configure();
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    const audit = await AuditPage.open(suite.extension);
    await expect.poll(() => audit.rows.count(), { message: 'rows in the table' }).toBe(8);
    const addresses = await audit.rows.evaluateAll((rows) => rows.map((row) => row.querySelector('.address')?.textContent ?? ''));
    expect(addresses).toEqual([
      site.url('/images/orange-1024.png'),
      site.url('/images/red.png'),
      site.url('/images/green.png'),
      site.url('/images/blue.png'),
      site.url('/images/red.png'),
      'no address (SVG drawing)',
      site.url('/images/blue.png'),
      site.url('/images/green.png'),
    ]);
    await audit.row('IMG_1234.jpg').getByText('suspicious alt').waitFor();
    await audit.page.getByText('Marked decorative with alt="" (1)').waitFor();
    await audit.page.getByText(/Before sending, for 8 pictures: ≈ [\d,]+ tokens in/).waitFor();
    expect(server.asks).toHaveLength(0);
    expect(await axeViolations(audit.page)).toEqual([]);
  });

  it('judges names as browsers compute them: whitespace alt, ignored presentation roles, map areas, objects, labels, SVG parts', async () => {
    await configure();
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/alt-names.html'));
    await suite.extension.runCommand(page, 'audit-page');
    const audit = await AuditPage.open(suite.extension);
    await expect.poll(() => audit.rows.count(), { message: 'rows in the table' }).toBe(6);
    const rows = await audit.rows.evaluateAll((all) => all.map((row) => [row.querySelector('.address')?.textContent ?? '', row.querySelector('.reason')?.textContent ?? '']));
    expect(rows).toEqual([
      [site.url('/images/red.png'), 'no alt'],
      [site.url('/images/green.png'), 'no alt'],
      [site.url('/images/blue.png'), 'no alt'],
      [site.url('/images/orange-1024.png'), 'image-map area without alt'],
      [site.url('/images/red.png'), 'embedded object without a name'],
      [site.url('/images/green.png'), 'alt repeats the text beside it: alt="" is enough'],
    ]);
    expect(server.asks).toHaveLength(0);
    await page.close();
  });

  it('the popup\'s button audits the page the user was looking at', async () => {
    await configure();
    const page = await openAltPage();
    await page.bringToFront();
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe unlabelled images on this page').click();
    await expect.poll(() => audit.rows.count(), { message: 'rows in the table' }).toBe(8);
    await audit.page.getByText('8 pictures on “Alt text testing page” need alt text.').waitFor();
  });

  it('edits, skips and undoes single rows, and answers a second run from the cache', async () => {
    await configure();
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    for (let i = 1; i <= 8; i += 1) server.reply({ text: altJson({ alt: `Suggestion ${i}` }) });
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe all').click();
    await audit.page.getByText(/8 of 8 described/).waitFor();

    const first = audit.rows.nth(0);
    await first.getByRole('button', { name: 'Edit: picture 1' }).click();
    await first.getByRole('textbox', { name: 'Alt text for picture 1' }).fill('Boats at dawn, edited');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByText('Boats at dawn, edited').waitFor();
    await first.getByRole('button', { name: 'Apply to page: picture 1' }).click();
    await expect.poll(() => attributes(page, '#no-alt').then((a) => a.alt), { message: 'the edited row applied' }).toBe('Boats at dawn, edited');
    await first.getByRole('button', { name: 'Undo: picture 1' }).click();
    await expect.poll(() => attributes(page, '#no-alt').then((a) => a.alt), { message: 'the row undone' }).toBeNull();

    await audit.rows.nth(1).getByRole('button', { name: 'Skip: picture 2' }).click();
    await audit.rows.nth(1).getByText('Skipped.').waitFor();
    await audit.button('Apply all').click();
    await audit.page.getByText('Applied 7.', { exact: false }).waitFor();
    expect((await attributes(page, '#suspicious')).alt).toBe('IMG_1234.jpg');

    // The same pictures asked the same way: answered from the cache, nothing sent, nothing spent.
    await page.close();
    const page2 = await openAltPage();
    await suite.extension.runCommand(page2, 'audit-page');
    await expect.poll(() => audit.rows.filter({ hasText: 'Not described yet' }).count(), { message: 'a fresh list' }).toBe(8);
    const asked = server.asks.length;
    await audit.button('Describe all').click();
    await audit.page.getByText(/8 of 8 described/).waitFor();
    expect(server.asks.length).toBe(asked);
    expect(await audit.rows.filter({ hasText: 'cached, no cost' }).count()).toBe(8);
  });

  it('describes all, applies all, and exports every row as CSV and JSON', async () => {
    await configure();
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    for (let i = 1; i <= 8; i += 1) server.reply({ text: altJson({ alt: `Picture number ${i}` }) });
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe all').click();
    await audit.page.getByText(/8 of 8 described/).waitFor();
    expect(server.asks).toHaveLength(8);
    for (const ask of server.asks) expect((ask.body as ChatBody).response_format?.type).toBe('json_schema');
    expect(await axeViolations(audit.page)).toEqual([]);

    await audit.button('Apply all').click();
    await audit.page.getByText('Applied 8.', { exact: false }).waitFor();
    const written = await page.$$eval('[data-alt-generated]', (els) => els.map((el) => el.getAttribute('alt') ?? el.getAttribute('aria-label')));
    expect(written).toHaveLength(8);
    expect(new Set(written).size).toBe(8);

    const [csv] = await Promise.all([audit.page.waitForEvent('download'), audit.button('Export CSV').click()]);
    const csvText = await readFile((await csv.path())!, 'utf8');
    const lines = csvText.trim().split('\r\n');
    expect(lines[0]).toBe('page_url,picture_url,current_alt,suggested_alt,kind');
    expect(lines).toHaveLength(9);
    // Answers arrive in any order: each row has one of them, with its own page, address and current alt.
    expect(lines[2]).toMatch(new RegExp(`^${site.url('/alt.html')},${site.url('/images/red.png')},IMG_1234\\.jpg,Picture number [1-8],informative$`));
    const [json] = await Promise.all([audit.page.waitForEvent('download'), audit.button('Export JSON').click()]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8')) as { pageUrl: string; pictures: { suggestedAlt: string }[] };
    expect(exported.pageUrl).toBe(site.url('/alt.html'));
    expect(exported.pictures).toHaveLength(8);
    expect(exported.pictures.every((p) => /^Picture number \d$/.test(p.suggestedAlt))).toBe(true);
  });

  it('after Apply all, the "Current alt" column shows the alt now in the page, where it went on saying "no alt"', async () => {
    await configure();
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    for (let i = 1; i <= 8; i += 1) server.reply({ text: altJson({ alt: `Written number ${i}` }) });
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe all').click();
    await audit.page.getByText(/8 of 8 described/).waitFor();
    // Each row's "Current alt" cell (the second), beside the suggestion it was given.
    const cells = () => audit.rows.evaluateAll((rows) => rows.map((row) => ({ current: row.querySelectorAll('td')[1]?.textContent ?? '', suggested: row.querySelector('.suggested')?.textContent ?? '' })));
    expect((await cells()).filter((cell) => cell.current.includes('no alt'))).not.toHaveLength(0);

    await audit.button('Apply all').click();
    await audit.page.getByText('Applied 8.', { exact: false }).waitFor();
    await expect
      .poll(async () => (await cells()).filter((cell) => cell.current !== `“${cell.suggested}” Created automatically`), { message: 'rows whose "Current alt" is not the alt just applied' })
      .toEqual([]);
    expect((await attributes(page, '#no-alt')).alt).toMatch(/^Written number \d$/);
  });

  it('Cancel stops further requests', async () => {
    await configure();
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    // Every answer is held after its first words until Cancel is clicked, so Cancel always lands midway.
    const { until: cancelled, release } = held();
    for (let i = 0; i < 8; i += 1) server.reply({ text: altJson({ alt: 'A slow answer about a picture' }), chunkDelayMs: 400, pause: { afterChunks: 1, until: cancelled } });
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe all').click();
    await server.waitForAsk(1);
    await audit.page.getByRole('progressbar').waitFor();
    expect(await axeViolations(audit.page)).toEqual([]);
    await audit.button('Cancel').click();
    await audit.page.getByText(/Cancelled/).waitFor();
    const sent = server.asks.length;
    expect(sent).toBeLessThanOrEqual(3);
    // Every request that had started was stopped at the server.
    for (const ask of server.asks) expect(await ask.closed).toBe('aborted');
    release();
    expect(await axeViolations(audit.page)).toEqual([]);
    await expect.poll(() => audit.rows.filter({ hasText: 'Not described yet' }).count(), { message: 'rows left to describe' }).toBe(8);
  });

  it('stops at the budget and says so', async () => {
    // Earlier tests spent today too: start the day's spend from nothing, then allow less than one answer.
    await suite.extension.inWorker(() =>
      (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('ledger'),
    );
    await configure({ dailyBudget: '0.001' });
    const page = await openAltPage();
    await suite.extension.runCommand(page, 'audit-page');
    for (let i = 0; i < 8; i += 1) server.reply({ text: altJson({ alt: `Costly ${i}` }), usage: { input: 5000, output: 500 } });
    const audit = await AuditPage.open(suite.extension);
    await audit.button('Describe all').click();
    await audit.page.getByRole('alert').filter({ hasText: /budget/ }).waitFor();
    // The first few were in flight before anything was spent; none started after the limit was reached.
    expect(server.asks.length).toBeGreaterThanOrEqual(1);
    expect(server.asks.length).toBeLessThanOrEqual(3);
    expect(await axeViolations(audit.page)).toEqual([]);
    await configure({ dailyBudget: '' });
  });
});
