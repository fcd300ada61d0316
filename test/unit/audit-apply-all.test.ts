/**
 * "Apply all" in the page audit writes every described suggestion into the page, except one the
 * model called decorative: alt="" hides a picture from screen readers, so it waits for the user's
 * own confirmation on its row. The whole run goes through the real pipeline (scan, Describe all
 * against the fake server, Apply all); only the page's answers are stood in for.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { applyAll, describeAll, startAudit } from '../../utils/alt-text/audit';
import type { PageScan } from '../../utils/shared/alt-text-types';
import { auditItem } from '../../utils/storage';
import { altJson } from '../e2e/support/alt-answer';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';
import { scannedPicture } from './scanned-picture';

const server = useFakeServer();
const tab = { id: 5, windowId: 1, index: 0, incognito: false, url: 'https://example.com/page', title: 'A page' } as Browser.tabs.Tab;

const picture = (id: string) => scannedPicture(id, { width: 640, height: 480 });

const scan: PageScan = { pageUrl: tab.url!, pageTitle: 'A page', lang: 'en', needing: [picture('p1'), picture('p2')], decorative: [], examined: 2, scanMs: 1 };

/** What the page was asked to write, in order. */
let written: { elementId: string; text: string }[] = [];

beforeEach(async () => {
  await useProvider(server, { profile: { sendImagesAs: 'url' } });
  written = [];
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: string; payload: { elementId: string; text: string } }) => {
    if (message.type === 'scanPage') return Promise.resolve({ ok: true, value: scan });
    if (message.type === 'applyAlt') {
      written.push(message.payload);
      return Promise.resolve({ ok: true, value: { how: 'alt' } });
    }
    return Promise.reject(new Error(`No page answers ${message.type} here.`));
  }) as never);
});

describe('Apply all', () => {
  it('writes the described alt text, and leaves a decorative suggestion for its own confirmation', async () => {
    const audit = await startAudit(tab);
    // One answer says "decorative", the other describes; which picture gets which does not matter.
    server.reply({ text: altJson({ alt: '', kind: 'decorative', decorative: true, reason: 'A divider line' }) });
    server.reply({ text: altJson({ alt: 'Fishing boats in a harbour at dawn' }) });
    const { done } = await describeAll();
    await done;
    const described = (await auditItem.getValue())!.rows;
    expect(described.map((row) => row.status)).toEqual(['done', 'done']);
    const decorativeRow = described.find((row) => row.result?.decorative)!;
    const describedRow = described.find((row) => !row.result?.decorative)!;
    expect(decorativeRow.text).toBe('');

    expect(await applyAll(audit.id)).toEqual({ applied: 1, waiting: 1 });
    expect(written, 'what Apply all wrote into the page').toEqual([{ elementId: describedRow.id, text: 'Fishing boats in a harbour at dawn' }]);
    const after = (await auditItem.getValue())!.rows;
    expect(after.find((row) => row.id === decorativeRow.id)!.applied, 'the decorative row marked applied').toBeUndefined();
    expect(after.find((row) => row.id === describedRow.id)!.applied).toMatchObject({ text: 'Fishing boats in a harbour at dawn', how: 'alt' });

    // Pressed again, it still does not write the decorative one, and has nothing else to do.
    expect(await applyAll(audit.id)).toEqual({ applied: 0, waiting: 1 });
    expect(written).toHaveLength(1);
  });
});
