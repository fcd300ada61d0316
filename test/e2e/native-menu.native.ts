/**
 * The real native context menu, in headed Chromium under Xvfb: right-click a picture, pick
 * "Ask about this image" with the keyboard through xdotool, and the server gets the question.
 * `npm test` runs this file under xvfb-run (scripts/test.mjs).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { Extension } from './support/extension';
import { OptionsPage, PopupPage } from './support/pages';
import { TestSite } from './support/site';

const server = new FakeOpenAI();
const site = new TestSite();
let extension: Extension;

/** The X windows on screen now; the native menu is a window of its own. */
function visibleWindows(): Set<string> {
  const out = execFileSync('xdotool', ['search', '--onlyvisible', '--name', ''], { encoding: 'utf8' });
  return new Set(out.split('\n').filter(Boolean));
}

beforeAll(async () => {
  if (!process.env.DISPLAY) throw new Error('No X display: run this test under xvfb-run (npm test does).');
  await Promise.all([server.start(), site.start()]);
  extension = await Extension.launch({ headless: false });
});
afterAll(async () => {
  await extension?.close();
  await Promise.all([server.stop(), site.stop()]);
});

it('"Ask about this image" in the native context menu asks about the picture under the pointer', async () => {
  const options = await OptionsPage.open(extension);
  await options.save({ apiKey: 'sk-native', baseUrl: server.url, model: 'gpt-4.1-mini', detail: 'auto', sendImagesAs: 'url' });
  await options.page.close();

  const page = await extension.context.newPage();
  await page.goto(site.url('/pictures.html'));
  await page.bringToFront();
  const box = await page.locator('#plain').boundingBox();
  if (!box) throw new Error('The picture is not on screen.');

  const before = visibleWindows();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await expect.poll(() => [...visibleWindows()].some((id) => !before.has(id)), { timeout: 10_000 }).toBe(true);

  // Our item sits just above "Inspect", the menu's last entry.
  execFileSync('xdotool', ['key', '--delay', '50', 'Up', 'Up', 'Return']);

  const request = await server.waitForAsk(1);
  expect(request.body).toMatchObject({
    model: 'gpt-4.1-mini',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: site.url('/images/red.png'), detail: 'auto' } },
          { type: 'text', text: "What's in this image?" },
        ],
      },
    ],
  });
  expect(server.violations).toEqual([]);

  const popup = await PopupPage.open(extension);
  await expect.poll(() => popup.answer.textContent(), { timeout: 10_000 }).toContain('A red square sits in the middle');
});
