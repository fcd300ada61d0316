/**
 * "Describe as I browse"'s queue: three at a time, only what the page reported is ever run, a
 * budget's stop drops what waits and is said once however many requests were in flight, and
 * turning a site off drops its waiting pictures and stops those in flight.
 */
import { describe, expect, it, vi } from 'vitest';
import { createBrowseQueue, type JobEnd, type QueueJob } from '../../utils/alt-text/describe-as-browse-queue';
import { browseOffReason, DEFAULT_BROWSE_SETTINGS, documentOf, overBudget, siteOf, spendToday, withSite } from '../../utils/shared/describe-as-browse-settings';

/** A run the test ends by hand, to see what is in flight at each moment. */
function harness(concurrency = 3) {
  const started: QueueJob[] = [];
  const finish = new Map<string, (end: JobEnd) => void>();
  const signals = new Map<string, AbortSignal>();
  const stopped = vi.fn(async () => {});
  const idle = vi.fn(async () => {});
  const failed = vi.fn();
  const queue = createBrowseQueue<QueueJob>({
    concurrency,
    run: (job, signal) =>
      new Promise<JobEnd>((resolve) => {
        started.push(job);
        signals.set(job.elementId, signal);
        finish.set(job.elementId, resolve);
      }),
    stopped,
    idle,
    failed,
  });
  /** Lets the queue's promise chains settle. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { queue, started, finish, signals, stopped, idle, failed, settle };
}

const jobs = (tabId: number, ...ids: string[]): QueueJob[] => ids.map((elementId) => ({ tabId, elementId }));

describe('the queue', () => {
  it('runs three at a time, and the next only as one ends', async () => {
    const h = harness();
    h.queue.add(jobs(1, 'a', 'b', 'c', 'd', 'e'));
    expect(h.started.map((j) => j.elementId)).toEqual(['a', 'b', 'c']);
    expect(h.queue.waiting).toBe(2);
    h.finish.get('b')!({ kind: 'done' });
    await h.settle();
    expect(h.started.map((j) => j.elementId)).toEqual(['a', 'b', 'c', 'd']);
    expect(h.queue.running).toBe(3);
  });

  it('runs only the pictures it was given, each once, and says when a tab is idle', async () => {
    const h = harness();
    h.queue.add(jobs(1, 'a', 'b'));
    h.queue.add(jobs(1, 'a', 'b'));
    expect(h.started.map((j) => j.elementId)).toEqual(['a', 'b']);
    h.finish.get('a')!({ kind: 'done' });
    await h.settle();
    expect(h.idle).not.toHaveBeenCalled();
    h.finish.get('b')!({ kind: 'skipped' });
    await h.settle();
    expect(h.started).toHaveLength(2);
    expect(h.idle).toHaveBeenCalledWith(1);
  });

  it('stops at a budget: what waits is dropped, and the stop is said once though three were in flight', async () => {
    const h = harness();
    h.queue.add(jobs(1, 'a', 'b', 'c', 'd', 'e', 'f'));
    const over = { kind: 'stop', budget: true, message: 'Budget spent.' } as const;
    for (const id of ['a', 'b', 'c']) h.finish.get(id)!(over);
    await h.settle();
    expect(h.stopped).toHaveBeenCalledTimes(1);
    expect(h.stopped).toHaveBeenCalledWith(over, expect.objectContaining({ elementId: 'a' }));
    expect(h.started.map((j) => j.elementId)).toEqual(['a', 'b', 'c']);
    expect(h.queue.waiting).toBe(0);
    expect(h.queue.running).toBe(0);
  });

  it('turned off for a tab: its waiting pictures are dropped and its requests in flight stopped; another tab goes on', async () => {
    const h = harness();
    h.queue.add([...jobs(1, 'a', 'b'), ...jobs(2, 'x'), ...jobs(1, 'c', 'd')]);
    h.queue.stopTab(1);
    expect(h.signals.get('a')!.aborted).toBe(true);
    expect(h.signals.get('b')!.aborted).toBe(true);
    expect(h.signals.get('x')!.aborted).toBe(false);
    for (const id of ['a', 'b']) h.finish.get(id)!({ kind: 'skipped' });
    await h.settle();
    expect(h.started.map((j) => j.elementId)).toEqual(['a', 'b', 'x']);
  });

  it('a run that throws is reported and the queue goes on', async () => {
    const failed = vi.fn();
    const ran: string[] = [];
    const queue = createBrowseQueue<QueueJob>({
      concurrency: 1,
      run: async (job) => {
        ran.push(job.elementId);
        if (job.elementId === 'a') throw new Error('boom');
        return { kind: 'done' };
      },
      stopped: async () => {},
      idle: async () => {},
      failed,
    });
    queue.add(jobs(1, 'a', 'b'));
    await vi.waitFor(() => expect(ran).toEqual(['a', 'b']));
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });
});

describe('where it runs', () => {
  const on = withSite(DEFAULT_BROWSE_SETTINGS, 'https://news.example', true);

  it.each([
    ['a site turned on', { url: 'https://news.example/a?b#c' }, null],
    ['another site', { url: 'https://photos.example/' }, 'site-off'],
    ['the same host on another port', { url: 'https://news.example:8443/' }, 'site-off'],
    ['a private window', { url: 'https://news.example/', incognito: true }, 'private'],
    ['the browser’s own page', { url: 'chrome://extensions' }, 'not-a-site'],
    ['a tab with no address', {}, 'not-a-site'],
  ] as const)('%s', (_name, tab, reason) => {
    expect(browseOffReason(on, tab)).toBe(reason);
  });

  it('in a private window only when allowed there', () => {
    expect(browseOffReason({ ...on, allowInPrivate: true }, { url: 'https://news.example/', incognito: true })).toBeNull();
  });

  it('is off by default, and turning a site on twice lists it once', () => {
    expect(DEFAULT_BROWSE_SETTINGS.sites).toEqual([]);
    expect(DEFAULT_BROWSE_SETTINGS.dailyBudget).toBe(0.1);
    expect(withSite(on, 'https://news.example', true).sites).toEqual(['https://news.example']);
    expect(withSite(on, 'https://news.example', false).sites).toEqual([]);
    expect(siteOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
  });

  it('knows a page by its document, not its address: a page that changes its address as it scrolls is the same page', () => {
    expect(documentOf('a1b2c3d4-17')).toBe('a1b2c3d4');
    expect(documentOf('a1b2c3d4-17')).not.toBe(documentOf('ffee0011-17'));
  });

  it('its budget counts today only, and stops at the limit', () => {
    const morning = new Date(2026, 11, 6, 9).getTime();
    const spent = { day: spendToday(null, morning).day, cost: 0.1, stopAnnounced: true };
    expect(overBudget(spendToday(spent, morning), DEFAULT_BROWSE_SETTINGS)).toBe(true);
    expect(overBudget({ ...spent, cost: 0.09 }, DEFAULT_BROWSE_SETTINGS)).toBe(false);
    const tomorrow = spendToday(spent, new Date(2026, 11, 7, 9).getTime());
    expect(tomorrow).toEqual({ day: '2026-12-07', cost: 0, stopAnnounced: false });
  });
});
