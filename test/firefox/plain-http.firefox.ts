/**
 * The add-on in Debian's Firefox ESR on a site as people meet it: a public-looking name
 * (news.example, resolved to this machine by the profile's network.dns.localDomains) over plain
 * http, which is not a secure context. Issue 21: there the content script died at load, so the
 * audit and region selection said the browser kept extensions out, Apply to page was missing, and
 * the alt-text request lost the page's caption. Each feature the Firefox suite covers runs here once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { altJson } from '../e2e/support/alt-answer';
import { OTHER_PUBLIC_HOST, TestSite } from '../e2e/support/site';
import { FakeOpenAI } from '../fake-openai/server';
import { Firefox } from './support/firefox';

const server = new FakeOpenAI();
const site = new TestSite();
let firefox: Firefox;

type ChatBody = { messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[] };

beforeAll(async () => {
  await Promise.all([server.start(), site.start()]);
  firefox = await Firefox.launch();
});
afterAll(async () => {
  await firefox?.close();
  await Promise.all([server.stop(), site.stop()]);
});
afterEach(() => {
  expect(server.violations).toEqual([]);
  server.reset();
});

/** Sets the control labelled `label` in the options tab, as typing or choosing would. */
async function setOption(label: string, value: string): Promise<void> {
  await firefox.run(
    `const control = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === arguments[0])?.control;
     if (!control) throw new Error('No control labelled ' + arguments[0]);
     const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value').set;
     setter.call(control, arguments[1]);
     control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));`,
    label,
    value,
  );
}

/** Runs `body` in the add-on's background page (`background`), from its options tab. */
async function inBackground<T>(body: string, ...args: unknown[]): Promise<T> {
  await firefox.switchToTab(firefox.extensionUrl('options.html'));
  return firefox.runAsync<T>(`const background = await browser.runtime.getBackgroundPage(); ${body}`, ...args);
}

const TAB_OF = `const tab = (await browser.tabs.query({})).find((t) => t.url === args[0]); if (!tab) throw new Error('No tab shows ' + args[0]);`;

/** The menu item chosen on what was right-clicked in the tab showing `pageUrl`, as Firefox would report it. */
async function chooseMenuItem(pageUrl: string, menuItemId: string): Promise<void> {
  await inBackground(
    `${TAB_OF}
     await background.testApi.onMenuClicked({ menuItemId: args[1], pageUrl: args[0], frameId: 0, editable: false }, tab);`,
    pageUrl,
    menuItemId,
  );
}

/** Opens `path` on the public name in a new tab, checks that it is not a secure context, and returns its address and tab. */
async function openPublic(path: string): Promise<{ url: string; tab: string }> {
  const url = site.publicUrl(path);
  const tab = await firefox.openTab(url);
  expect(await firefox.run<boolean>('return window.isSecureContext'), `${url} a secure context`).toBe(false);
  return { url, tab };
}

async function asked(n: number): Promise<ChatBody> {
  await firefox.waitFor(async () => server.asks.length >= n, `request ${n} to reach the server`);
  return server.asks[n - 1]!.body as ChatBody;
}

const imageOf = (body: ChatBody) =>
  body.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).find((part) => part.type === 'image_url')?.image_url?.url ?? '';

describe(`Firefox ESR on a public site over plain http`, () => {
  it('installs the add-on and saves a profile that sends pictures as bytes', async () => {
    expect(await firefox.installAddon()).toBe('ask-about-image@extension');
    await firefox.waitFor(async () => {
      await firefox.switchToTab(firefox.extensionUrl('options.html'));
      return firefox.run<boolean>(`return [...document.querySelectorAll('label')].some((l) => l.textContent.trim() === 'API key')`);
    }, 'the options to open by themselves, with the API key field');
    await setOption('API key', 'sk-firefox-http');
    await setOption('Base URL', server.url);
    await setOption('Model', 'gpt-4o');
    // Pictures on a public page are public: as addresses, the fake server could not download them.
    await setOption('Send images as', 'bytes');
    await firefox.run(`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save').click()`);
    await firefox.waitFor(
      async () => (await firefox.run<string>(`return [...document.querySelectorAll('[role=status]')].map((s) => s.textContent).join(' | ')`)).includes('Saved.'),
      'the options to say "Saved."',
    );
  });

  it('asks about a canvas drawing, read by the content script', async () => {
    server.reply({ text: 'A canvas on a plain http page.' });
    const { url: pageUrl } = await openPublic(`/kinds.html?other=${encodeURIComponent(site.publicOrigin(OTHER_PUBLIC_HOST))}`);
    await firefox.rightClick('#clean-canvas');
    await chooseMenuItem(pageUrl, 'ask-image');
    expect(imageOf(await asked(1))).toMatch(/^data:image\/(png|jpeg|webp);base64,/);
  });

  it('writes alt text with the page\'s caption, and applies it to the page', async () => {
    server.reply({ text: altJson({ alt: 'Fishing boats at dawn' }) });
    const { url: pageUrl, tab: page } = await openPublic('/alt.html');
    await firefox.rightClick('#no-alt');
    await chooseMenuItem(pageUrl, 'alt-text');
    const body = await asked(1);
    const text = body.messages.flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((p) => p.text ?? ''))).join('\n');
    expect(text).toContain('Boats in the harbour at dawn');
    await firefox.openTab(firefox.extensionUrl('popup.html'));
    await firefox.waitFor(
      () => firefox.run<boolean>(`const b = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Apply to page'); if (b) b.click(); return !!b`),
      'the "Apply to page" button in the popup',
    );
    await firefox.switchTo(page);
    await firefox.waitFor(
      async () => (await firefox.run<string | null>(`return document.querySelector('#no-alt').getAttribute('alt')`)) === 'Fishing boats at dawn',
      'the alt text written into the page',
    );
  });

  it('audits the page: the table lists its unlabelled pictures', async () => {
    const { url: pageUrl } = await openPublic('/alt.html?audit');
    await inBackground(`${TAB_OF} await background.testApi.onCommand('audit-page', tab);`, pageUrl);
    await firefox.openTab(firefox.extensionUrl('popup.html?view=audit'));
    const rows = () =>
      firefox.run<number>(
        `const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent.trim() === 'Unlabelled pictures');
         return table ? table.querySelectorAll('tbody > tr').length : 0`,
      );
    await firefox.waitFor(async () => (await rows()) === 8, 'eight rows in the table "Unlabelled pictures"');
  });

  it('selects a region with the keyboard, and asks about it', async () => {
    const { url: pageUrl, tab: page } = await openPublic('/pictures.html?region');
    // Not awaited: the command waits for the user's choice on the page.
    await inBackground(`${TAB_OF} void background.testApi.onCommand('ask-region', tab); return true;`, pageUrl);
    await firefox.switchTo(page);
    await firefox.waitFor(() => firefox.run<boolean>(`return !!document.querySelector('ask-image-region')`), 'the region overlay on the page');
    await firefox.marionette.send('WebDriver:PerformActions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: '\uE007' }, { type: 'keyUp', value: '\uE007' }] }],
    });
    await firefox.marionette.send('WebDriver:ReleaseActions');
    expect(imageOf(await asked(1))).toMatch(/^data:image\/(png|jpeg|webp);base64,/);
    expect(await firefox.run<boolean>(`return !!document.querySelector('ask-image-region')`)).toBe(false);
  });
});
