/**
 * "Select a region" asked from the side panel: the panel stays open beside the page and shows the
 * answer, so the ask is told the panel is open (no popup is opened over it); from the popup, the
 * popup steps aside and opens again with the answer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const asked = vi.hoisted(() => ({ calls: [] as { panel?: Promise<boolean> }[] }));
vi.mock('../../utils/ask/region', () => ({
  askAboutRegion: vi.fn(async (_tab: unknown, options: { panel?: Promise<boolean> }) => {
    asked.calls.push(options);
  }),
}));

const { pageRequestHandlers } = await import('../../utils/background/page-requests');

const sender = (path: string) => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/popup.html') }) as Browser.runtime.MessageSender;

describe('a region asked for from a page of the extension', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    asked.calls.length = 0;
    await fakeBrowser.tabs.create({ url: 'https://example.com/', active: true });
  });

  it('from the side panel, is answered in the side panel', async () => {
    await pageRequestHandlers.askRegion(undefined, sender('/sidepanel.html'));
    await vi.waitFor(() => expect(asked.calls).toHaveLength(1));
    expect(await asked.calls[0]!.panel).toBe(true);
  });

  it('from the popup, opens the popup again with the answer', async () => {
    await pageRequestHandlers.askRegion(undefined, sender('/popup.html'));
    await vi.waitFor(() => expect(asked.calls).toHaveLength(1));
    expect(await asked.calls[0]!.panel).toBe(false);
  });
});
