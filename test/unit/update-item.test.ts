/**
 * The one way a stored item is changed (utils/update-item.ts): in the item's own turn, named after
 * its key. Each case runs with a lock manager on `navigator`, as every extension context has one,
 * and without, as in Node, where the context's own queue takes turns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { lockNameOf } from '../../utils/storage-lock';
import { updateItem } from '../../utils/update-item';

const counter = storage.defineItem<number>('local:counter', { fallback: 0 });
const other = storage.defineItem<string[]>('session:other', { fallback: [] });

/** A lock manager as the browser keeps one per origin, which also tells the names asked for. */
class RecordingLocks {
  readonly asked: string[] = [];
  private readonly tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, callback: (lock: { name: string }) => Promise<T>): Promise<T> {
    this.asked.push(name);
    const run = (this.tails.get(name) ?? Promise.resolve()).then(() => callback({ name }));
    this.tails.set(name, run.catch(() => undefined));
    return run;
  }
}

/** Resolves once every pending job, and the storage reads they start, has run. */
const settled = () => new Promise((done) => setImmediate(done));

describe.each([
  ['with the Web Locks manager of the extension\'s origin', true],
  ['with only the context\'s own queue (no navigator.locks)', false],
])('updateItem %s', (_, withLocks) => {
  let locks: RecordingLocks | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
    locks = withLocks ? new RecordingLocks() : undefined;
    if (locks) vi.stubGlobal('navigator', { locks });
    // Reads answered only after every pending job has run: two changes that did not take turns
    // would both read the value before either wrote.
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(((keys: never) => get(keys).then(async (found) => (await settled(), found))) as never);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps both of two changes made at once, and gives each caller the value it stored', async () => {
    await counter.setValue(1);
    const results = await Promise.all([updateItem(counter, (n) => n + 10), updateItem(counter, (n) => n * 2)]);
    expect(await counter.getValue()).toBe(22);
    expect(results).toEqual([11, 22]);
  });

  it('leaves the item as it was when the change throws, rejects with that error, and lets the next change run', async () => {
    await counter.setValue(5);
    const broken = new Error('the change could not be made');
    await expect(
      updateItem(counter, () => {
        throw broken;
      }),
    ).rejects.toBe(broken);
    expect(await counter.getValue(), 'the value after a failed change').toBe(5);
    expect(await updateItem(counter, (n) => n + 1), 'a change after the failed one').toBe(6);
  });

  it('writes nothing when the change gives back the value it was given', async () => {
    await other.setValue(['a']);
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    expect(await updateItem(other, (list) => list)).toEqual(['a']);
    expect(set).not.toHaveBeenCalled();
  });

  it('does not hold up a change to another item while one item\'s change is waiting', async () => {
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const slow = updateItem(counter, async (n) => (await held, n + 1));
    await expect(updateItem(other, (list) => [...list, 'b']), 'the other item\'s change').resolves.toEqual(['b']);
    expect(await counter.getValue(), 'the first item, still being changed').toBe(0);
    letGo();
    expect(await slow).toBe(1);
  });
});

describe('the lock of an item', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['local:settings', 'storage:settings'],
    ['session:compareTray', 'storage:compareTray'],
    ['local:conversation:abc', 'storage:conversation:abc'],
  ])('is named after its key: %s takes %s', (key, name) => {
    expect(lockNameOf({ key })).toBe(name);
  });

  it('is the one an update asks the browser for', async () => {
    fakeBrowser.reset();
    const locks = new RecordingLocks();
    vi.stubGlobal('navigator', { locks });
    await updateItem(counter, (n) => n + 1);
    await updateItem(other, (list) => list);
    expect(locks.asked).toEqual(['storage:counter', 'storage:other']);
  });
});
