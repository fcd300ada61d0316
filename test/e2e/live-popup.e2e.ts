/**
 * An open popup gets an answer's words at once through its port, while storage stays the record
 * that a popup opened later reads; and the popup paints the stored conversation in its very first
 * render. (How fast is the benchmark's business, `npm run bench`; these check that it works so.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Extension } from './support/extension';
import { OptionsPage, PopupPage } from './support/pages';
import { useBrowserSuite } from './support/suite';
import { held } from './support/held';

const suite = useBrowserSuite();
const { server, site } = suite;

async function configure() {
  const options = await OptionsPage.open(suite.extension);
  await options.save({ apiKey: 'sk-e2e-key', baseUrl: server.url, model: 'gpt-4.1-mini', api: 'Chat Completions', sendImagesAs: 'url' });
  await options.page.close();
}

async function picturesPage(): Promise<Page> {
  const page = await suite.extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  return page;
}

/**
 * The popup as a tab that hears nothing from storage after its first read: storage's change
 * events are withheld from it, so whatever it shows later came through its port.
 */
async function popupDeafToStorage(extension: Extension): Promise<PopupPage> {
  const page = await extension.context.newPage();
  await page.addInitScript(() => {
    type Event = { addListener(listener: unknown): void };
    const { chrome } = globalThis as unknown as { chrome: { storage: { onChanged: Event } & Record<string, { onChanged?: Event } | undefined> } };
    const deaf = () => undefined;
    chrome.storage.onChanged.addListener = deaf;
    for (const area of ['local', 'session', 'sync', 'managed']) {
      const changed = chrome.storage[area]?.onChanged;
      if (changed) changed.addListener = deaf;
    }
  });
  await page.goto(extension.url('popup.html'));
  return new PopupPage(page);
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('an answer streaming to an open popup', () => {
  it('reaches it word by word through its port even with storage silent, and a popup opened afterwards shows it from storage', async () => {
    await configure();
    const text = 'Through the port the words arrive one by one, and the whole answer is shown in order.';
    const firstWord = gate();
    server.reply({ text, holdUntil: firstWord.opened, chunkDelayMs: 20 });
    await suite.extension.chooseMenuItem(await picturesPage(), '#plain', 'ask-image');
    await server.waitForAsk(1);
    const deaf = await popupDeafToStorage(suite.extension);
    await deaf.page.getByText('Asking…').waitFor();
    firstWord.open();
    await expect.poll(() => deaf.answer.textContent(), { message: 'the whole answer, through the port alone' }).toContain(text);
    await suite.extension.waitUntilNoAnswerStreams();
    // It never heard from storage that the answer ended: the words can only have come by the port.
    await expect.poll(() => deaf.page.getByText('Still writing…').count(), { message: 'the deaf popup still thinks the answer is being written' }).toBe(1);
    await deaf.page.close();

    const later = await PopupPage.open(suite.extension);
    await expect.poll(() => later.answer.textContent(), { message: 'the answer as storage holds it' }).toContain(text);
    expect(await later.page.getByText('Still writing…').count()).toBe(0);
  });

  it('keeps streaming when the popup closes midway, and the popup opened again shows the whole answer', async () => {
    await configure();
    const text = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ') + ' and the end.';
    // The server holds the rest of the answer until the popup has closed, so the popup surely closes
    // midway whatever the machine's load.
    const { until: rest, release } = held();
    server.reply({ text, chunkDelayMs: 30, pause: { afterChunks: 4, until: rest } });
    await suite.extension.chooseMenuItem(await picturesPage(), '#plain', 'ask-image');
    await server.waitForAsk(1);
    const popup = await PopupPage.open(suite.extension);
    await expect.poll(() => popup.answer.textContent(), { message: 'the first words on screen' }).toContain('word2');
    expect(await popup.answer.textContent()).not.toContain('and the end.');
    await popup.page.close();
    release();
    await suite.extension.waitUntilNoAnswerStreams();
    const again = await PopupPage.open(suite.extension);
    await expect.poll(() => again.answer.textContent(), { message: 'the whole answer after reopening' }).toContain(text);
  });
});

describe('opening the popup', () => {
  it('paints the stored conversation in its first render, not an empty frame first', async () => {
    await configure();
    server.reply({ text: 'A **red** rectangle, stored and shown at once.' });
    await suite.extension.chooseMenuItem(await picturesPage(), '#plain', 'ask-image', { waitForAnswer: true });
    const page = await suite.extension.context.newPage();
    // Records what the page's first render put on screen, before any of its scripts run.
    await page.addInitScript(() => {
      const scope = globalThis as unknown as { firstRender?: string };
      const observer = new MutationObserver(() => {
        const app = document.getElementById('app');
        if (!app?.firstElementChild) return;
        scope.firstRender = app.textContent ?? '';
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(suite.extension.url('popup.html'));
    const popup = new PopupPage(page);
    await expect.poll(() => popup.answer.textContent(), { message: 'the answer on screen' }).toContain('rectangle, stored and shown at once.');
    const first = await page.evaluate(() => (globalThis as unknown as { firstRender?: string }).firstRender);
    expect(first, 'the first render').toContain('rectangle, stored and shown at once.');
    // Then formatted, once the markdown renderer has loaded beside it.
    await expect.poll(() => popup.answer.locator('strong').textContent(), { message: 'the answer as formatted markdown' }).toBe('red');
  });
});
