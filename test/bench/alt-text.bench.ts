/**
 * `npm run bench`: alt text, measured in the real extension in Chromium.
 * - The page audit on a page of 250 pictures (a mix of missing, suspicious, labelled, decorative,
 *   tiny and hidden ones, plus SVG): the time the page spends scanning (measured in the page), and
 *   the time from the command to the popup's table listing every row.
 * - The tokens one alt text costs at low detail against auto, for the same 1024x1024 picture, as
 *   the fake server counts them from what it received (test/fake-openai/measure.ts).
 * The figures go to the one table of scripts/bench.mjs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeOpenAI } from '../fake-openai/server';
import { Extension } from '../e2e/support/extension';
import { AuditPage, OptionsPage } from '../e2e/support/pages';
import { TestSite } from '../e2e/support/site';
import { record } from './support/figures';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7) - 2);
const PICTURES = 250;
const server = new FakeOpenAI();
const site = new TestSite();
let extension: Extension;

/** 250 picture-like elements: 4 in 10 need alt text, the rest are labelled, decorative, tiny, hidden. */
function crowdedPage(): string {
  const images = ['red', 'green', 'blue'];
  const items = Array.from({ length: PICTURES }, (_, i) => {
    const src = `/images/${images[i % 3]}.png`;
    switch (i % 10) {
      case 0: case 1: case 2: return `<figure><img src="${src}?n=${i}" width="64" height="48"><figcaption>Item ${i}</figcaption></figure>`;
      case 3: return `<img src="${src}?n=${i}" alt="IMG_${1000 + i}.jpg" width="64" height="48">`;
      case 4: return `<svg width="40" height="20"><rect width="40" height="20" fill="#1a73e8"/></svg>`;
      case 5: case 6: return `<img src="${src}?n=${i}" alt="Product ${i}, front view" width="64" height="48">`;
      case 7: return `<img src="${src}?n=${i}" alt="" width="64" height="48">`;
      case 8: return `<img src="${src}?n=${i}" width="1" height="1">`;
      default: return `<img src="${src}?n=${i}" style="display:none">`;
    }
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>250 pictures</title></head><body><h1>A crowded page</h1>${items.join('\n')}</body></html>`;
}
const NEEDING = Array.from({ length: PICTURES }, (_, i) => i % 10).filter((k) => k <= 4).length;

beforeAll(async () => {
  await Promise.all([server.start(), site.start()]);
  site.serve('/generated/crowded.html', new TextEncoder().encode(crowdedPage()), 'text/html; charset=utf-8');
  extension = await Extension.launch();
});
afterAll(async () => {
  await extension?.close();
  await Promise.all([server.stop(), site.stop()]);
});

async function configure(altTextDetail: 'low' | 'auto') {
  const options = await OptionsPage.open(extension);
  await options.save({ apiKey: 'sk-bench', baseUrl: server.url, model: 'gpt-4.1-mini', sendImagesAs: 'auto', altTextDetail });
  await options.page.close();
}

it(`scans and lists a page of ${PICTURES} pictures`, { timeout: 300_000 }, async () => {
  await configure('low');
  const scans: number[] = [];
  const listed: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await extension.context.newPage();
    await page.goto(site.url('/generated/crowded.html'));
    const audit = await AuditPage.open(extension);
    const started = performance.now();
    await extension.runCommand(page, 'audit-page');
    await expect.poll(() => audit.rows.count(), { message: 'every row listed', timeout: 60_000 }).toBe(NEEDING);
    listed.push(performance.now() - started);
    scans.push(await audit.page.evaluate(async () => {
      // The audit is kept in session storage (utils/storage.ts), which the extension's pages may read.
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<{ audit?: { scanMs: number } }> } } } };
      return (await chrome.storage.session.get('audit')).audit!.scanMs;
    }));
    await audit.page.close();
    await page.close();
  }
  record({ id: 'g-audit-scan', label: `page audit: scanning a page of ${PICTURES} pictures (${NEEDING} need alt text), in the page`, unit: 'ms', samples: scans });
  record({ id: 'g-audit-listed', label: `page audit: command → the popup's table listing all ${NEEDING} rows`, unit: 'ms', samples: listed });
});

it('costs fewer tokens for alt text at low detail than at auto, for the same picture', { timeout: 120_000 }, async () => {
  const tokens: Record<string, number> = {};
  for (const detail of ['auto', 'low'] as const) {
    await configure(detail);
    await extension.clearAnswerCache();
    server.reset();
    server.reply({ text: JSON.stringify({ alt: 'Boats at dawn', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' }), measure: true });
    const page = await extension.context.newPage();
    await page.goto(site.url('/alt.html'));
    await extension.chooseMenuItem(page, '#no-alt', 'alt-text', { waitForAnswer: true });
    tokens[detail] = await extension.inWorker(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<{ ledger: { entries: { input: number }[] } }> } } } };
      return (await chrome.storage.local.get('ledger')).ledger.entries.at(-1)!.input;
    });
    await page.close();
  }
  record({
    id: 'h-alt-tokens',
    label: 'alt text for a 1024x1024 picture on gpt-4.1-mini at low detail, input tokens (as the fake server counted them)',
    unit: 'tokens',
    samples: [tokens.low!],
    floor: { label: 'the same at auto detail', samples: [tokens.auto!] },
  });
  expect(tokens.low).toBeLessThan(tokens.auto!);
});
