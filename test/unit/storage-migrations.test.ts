/**
 * Every stored item across versions: data is put in storage exactly as each earlier version of
 * the extension left it, including WXT's meta record (`key$: { v: N }`, written only for items
 * that declare migrations; none means version 1), then the storage module is loaded afresh, as a
 * worker starting after an update does, and the value read back is checked.
 * The API keys' own versions are tested in key-storage.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { budgetState } from '../../utils/cost/budget';
import { periodTotals, type LedgerEntry } from '../../utils/cost/ledger';
import { DEFAULT_SETTINGS, profileFromPreset, type StoredSettings } from '../../utils/settings';

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  vi.useRealTimers();
});

const storageModule = () => import('../../utils/storage');

/** What each item's version is now. Raising one needs a migration, and a test of it below. */
const VERSIONS: Record<string, number> = {
  'local:settings': 2,
  'local:apiKey': 3,
  'local:latestConversationId': 1,
  'local:streamingConversations': 1,
  'local:ledger': 2,
  'session:unsavedSpend': 1,
  'local:priceOverrides': 2,
  'local:answerCache': 1,
  'session:pictureSources': 1,
  'local:notice': 1,
  'session:fileAsk': 1,
  'local:conversationIndex': 1,
  'session:compareTray': 1,
  'session:audit': 1,
  'local:describeAsBrowse': 1,
  'local:describeAsBrowseSpend': 1,
  'session:describeAsBrowsePages': 1,
  // local:conversation:<id>, or session:conversation:<id> for a private window's (incognito.ts).
  '${area}:conversation:${id}': 1,
};

/** Each `storage.defineItem` call in utils/storage.ts: its key as written, and the version it states. */
function declaredVersions(): Record<string, number | undefined> {
  const source = readFileSync(resolve(import.meta.dirname, '../../utils/storage.ts'), 'utf8');
  const found: Record<string, number | undefined> = {};
  for (const match of source.matchAll(/storage\.defineItem/g)) {
    // Past the type argument (which may hold < > and { }), to the call's own parentheses.
    let at = match.index + match[0].length;
    let angles = 0;
    while (source[at] !== '(' || angles > 0) {
      if (source[at] === '<') angles += 1;
      if (source[at] === '>') angles -= 1;
      at += 1;
    }
    let depth = 0;
    let end = at;
    do {
      if (source[end] === '(') depth += 1;
      if (source[end] === ')') depth -= 1;
      end += 1;
    } while (depth > 0);
    const call = source.slice(at, end);
    const key = /^\(\s*['`]([^'`]+)['`]/.exec(call)![1]!;
    const version = /\bversion:\s*(\d+)/.exec(call)?.[1];
    found[key] = version === undefined ? undefined : Number(version);
  }
  return found;
}

describe('every stored item', () => {
  it('states its version, and the versions are the ones tested here', () => {
    expect(declaredVersions()).toEqual(VERSIONS);
  });

  const conversation = { id: 'abc', createdAt: 1, image: { kind: 'image', url: 'https://example.com/a.png' }, turns: [] };
  // Version 1 of each of these is the only one there has been: what it stored is read as it was.
  it.each([
    ['local', 'latestConversationId', 'abc'],
    ['local', 'streamingConversations', ['abc']],
    ['local', 'answerCache', { k1: { answer: 'A cat.', at: 5, usage: { input: 1, cachedInput: 0, output: 1, reasoning: 0 } } }],
    ['local', 'notice', { message: 'No picture there.', at: 3 }],
    ['session', 'fileAsk', { windowId: 3, at: 6 }],
    ['local', 'conversationIndex', ['abc', 'def']],
    ['session', 'compareTray', [{ id: 't1', picture: { kind: 'image', url: 'https://example.com/a.png' }, addedAt: 2 }]],
    ['session', 'audit', { id: 'a1', createdAt: 1, rows: [], decorative: [], run: { state: 'done' } }],
    ['local', 'conversation:abc', conversation],
    ['session', 'pictureSources', { abc: { dataUrl: 'data:image/png;base64,AAAA', at: 4 } }],
    ['session', 'unsavedSpend', [{ at: 1, conversationId: 'abc', kind: 'question', model: 'gpt-4o', input: 1, cachedInput: 0, output: 1, reasoning: 0, cost: 0.5 }]],
  ] as const)('%s:%s from version 1 (no meta record) reads as it was stored', async (area, key, value) => {
    await fakeBrowser.storage[area].set({ [key]: value });
    const storage = await storageModule();
    const items: Record<string, { getValue(): Promise<unknown> }> = {
      latestConversationId: storage.latestConversationIdItem,
      streamingConversations: storage.streamingConversationsItem,
      answerCache: storage.answerCacheItem,
      notice: storage.noticeItem,
      fileAsk: storage.fileAskItem,
      conversationIndex: storage.conversationIndexItem,
      compareTray: storage.compareTrayItem,
      audit: storage.auditItem,
      'conversation:abc': storage.conversationItem('abc'),
      pictureSources: storage.pictureSourcesItem,
      unsavedSpend: storage.unsavedSpendItem,
    };
    expect(await items[key]!.getValue()).toEqual(value);
    expect(await fakeBrowser.storage[area].get(null)).toEqual({ [key]: value });
  });
});

describe('the spend ledger', () => {
  const local = (year: number, month: number, day: number, hour = 12) => new Date(year, month - 1, day, hour).getTime();
  const entry = (at: number, cost: number | null, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    at, conversationId: 'c1', kind: 'question', model: 'gpt-4o', input: 100, cachedInput: 0, output: 10, reasoning: 0, cost, ...extra,
  });
  // Version 1 stored every request for ever, as a bare list; these span a year.
  const v1 = () => [
    entry(local(2025, 12, 24), 0.1), entry(local(2026, 3, 1, 0), 0.7, { model: 'gpt-4.1-mini' }), entry(local(2026, 3, 31, 23), 0.3),
    entry(local(2026, 6, 10), null, { model: 'llava' }), entry(local(2026, 9, 5), 0.2, { estimated: true, kind: 'audit', conversationId: 'audit:x' }),
    entry(local(2026, 10, 31, 23), 0.05), entry(local(2026, 11, 1, 0), 0.4), entry(local(2026, 11, 21, 9), 1.5),
  ];
  const now = local(2026, 11, 21);

  it.each([
    ['with no meta record, as version 1 left it', {}],
    ['with a meta record of version 1', { 'ledger$': { v: 1 } }],
  ])('from version 1 (the bare list), %s, keeps every entry and records version 2', async (_, meta) => {
    await fakeBrowser.storage.local.set({ ledger: v1(), ...meta });
    const { ledgerItem } = await storageModule();
    expect(await ledgerItem.getValue()).toEqual({ entries: v1(), months: [] });
    expect(await fakeBrowser.storage.local.get(['ledger', 'ledger$'])).toEqual({ ledger: { entries: v1(), months: [] }, 'ledger$': { v: 2 } });
  });

  it('from version 1 says the same today, this month and all time, and the budgets the same, before and after the worker folds it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    await fakeBrowser.storage.local.set({ ledger: v1() });
    const { ledgerItem } = await storageModule();
    const { tidyLedger } = await import('../../utils/cost/record-spend');
    const asBefore = periodTotals(v1(), now);
    expect(periodTotals(await ledgerItem.getValue(), now)).toEqual(asBefore);
    await tidyLedger();
    const folded = await ledgerItem.getValue();
    expect(folded.entries).toEqual(v1().filter((e) => e.at >= local(2026, 10, 1, 0)));
    expect(folded.months.map((line) => line.month)).toEqual(['2025-12', '2026-03', '2026-03', '2026-06', '2026-09']);
    expect(periodTotals(folded, now)).toEqual(asBefore);
    for (const budgets of [{ daily: 1.5, monthly: null }, { daily: null, monthly: 2 }, { daily: 10, monthly: 2.3 }]) {
      expect(budgetState(periodTotals(folded, now), budgets)).toEqual(budgetState(asBefore, budgets));
    }
  });

  it('from version 1 with nothing recorded is an empty ledger', async () => {
    await fakeBrowser.storage.local.set({ ledger: [] });
    const { ledgerItem } = await storageModule();
    expect(await ledgerItem.getValue()).toEqual({ entries: [], months: [] });
  });

  it('at version 2 is read as it was stored, not migrated again', async () => {
    const stored = {
      entries: [entry(local(2026, 11, 2), 1)],
      months: [{ month: '2026-07', kind: 'question', model: 'gpt-4o', requests: 3, input: 300, cachedInput: 0, output: 30, reasoning: 0, cost: 0.9, estimated: false }],
    };
    await fakeBrowser.storage.local.set({ ledger: stored, 'ledger$': { v: 2 } });
    const { ledgerItem } = await storageModule();
    expect(await ledgerItem.getValue()).toEqual(stored);
    expect(await fakeBrowser.storage.local.get(['ledger', 'ledger$'])).toEqual({ ledger: stored, 'ledger$': { v: 2 } });
  });

  it('at version 2 from before profiles takes entries with a profile beside the old ones, still version 2, and the CSV leaves the old ones\' profile empty', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(local(2026, 11, 21));
    const old = entry(local(2026, 11, 2), 1);
    await fakeBrowser.storage.local.set({ ledger: { entries: [old], months: [] }, 'ledger$': { v: 2 } });
    const { ledgerItem } = await storageModule();
    const { recordSpend } = await import('../../utils/cost/record-spend');
    const { ledgerToCsv } = await import('../../utils/cost/csv');
    const recent = entry(local(2026, 11, 21), 0.5, { profileId: 'p-work', profileName: 'Work' });
    await recordSpend(recent);
    const ledger = await ledgerItem.getValue();
    expect(ledger.entries).toEqual([old, recent]);
    expect(await fakeBrowser.storage.local.get('ledger$')).toEqual({ 'ledger$': { v: 2 } });
    expect(ledgerToCsv(ledger).split('\r\n').slice(1, 3).map((line) => line.split(',').slice(-2))).toEqual([['', ''], ['Work', 'p-work']]);
  });

  it('on a new install records version 2 with the first spend, so a later version knows its shape', async () => {
    await storageModule();
    const { recordSpend } = await import('../../utils/cost/record-spend');
    await recordSpend(entry(Date.now(), 0.5));
    expect(await fakeBrowser.storage.local.get('ledger$')).toEqual({ 'ledger$': { v: 2 } });
  });
});

describe('the options', () => {
  /** The global settings as version 1 stored them, beside its one server. */
  const { profiles: _p, activeProfileId: _a, ...globals } = DEFAULT_SETTINGS;
  const v1 = (server: Record<string, unknown>) => ({ ...globals, dailyBudget: 2, defaultQuestion: 'What is it?', ...server });

  it.each([
    ['OpenAI', { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', api: 'responses', sendImagesAs: 'url' }, 'openai', 'OpenAI'],
    ['OpenRouter', { baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o', api: 'chat', sendImagesAs: 'auto' }, 'openrouter', 'OpenRouter'],
    ['Azure', { baseUrl: 'https://contoso.openai.azure.com/openai/v1', model: 'vision-deploy', api: 'chat', sendImagesAs: 'auto' }, 'azure', 'Azure OpenAI'],
    ['Ollama', { baseUrl: 'http://localhost:11434/v1', model: 'llava', api: 'chat', sendImagesAs: 'bytes' }, 'ollama', 'Ollama'],
    ['LM Studio', { baseUrl: 'http://127.0.0.1:1234/v1', model: 'gemma-3', api: 'chat', sendImagesAs: 'bytes' }, 'lmstudio', 'LM Studio'],
    ['any other server', { baseUrl: 'http://gpu-box:8000/v1', model: 'qwen-vl', api: 'chat', sendImagesAs: 'auto' }, 'custom', 'gpu-box:8000'],
  ] as const)('from version 1 with %s: its one server becomes the first profile, active, as the user had set it', async (_, server, preset, name) => {
    await fakeBrowser.storage.local.set({ settings: v1(server) });
    const { settingsItem } = await storageModule();
    const migrated: StoredSettings = { ...globals, dailyBudget: 2, defaultQuestion: 'What is it?', profiles: [{ id: 'first', name, preset, ...server }], activeProfileId: 'first' };
    expect(await settingsItem.getValue()).toEqual(migrated);
    expect(await fakeBrowser.storage.local.get(['settings', 'settings$'])).toEqual({ settings: migrated, 'settings$': { v: 2 } });
  });

  it('from version 1 stored before some settings existed: the rest get their defaults when read', async () => {
    await fakeBrowser.storage.local.set({ settings: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', detail: 'low', api: 'chat', defaultQuestion: 'Hm?' } });
    const { settingsItem } = await storageModule();
    const { resolveSettings } = await import('../../utils/settings');
    const settings = resolveSettings(await settingsItem.getValue());
    expect(settings).toMatchObject({ detail: 'low', defaultQuestion: 'Hm?', altTextLimit: 125 });
    // The server's fields live in the profile only, where the missing image rule got its default.
    expect(settings).not.toHaveProperty('baseUrl');
    expect(settings.profile).toEqual({ ...profileFromPreset('openai', 'first'), model: 'gpt-4o' });
  });

  it('at version 2 is read as it was stored, not migrated again', async () => {
    const stored: StoredSettings = { ...DEFAULT_SETTINGS, profiles: [...DEFAULT_SETTINGS.profiles, profileFromPreset('ollama', 'p2', 'Home')], activeProfileId: 'p2' };
    await fakeBrowser.storage.local.set({ settings: stored, 'settings$': { v: 2 } });
    const { settingsItem } = await storageModule();
    expect(await settingsItem.getValue()).toEqual(stored);
  });

  it('from version 1, with the key and the prices of the same version, all name the same first profile', async () => {
    await fakeBrowser.storage.local.set({
      settings: v1({ baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o', api: 'chat', sendImagesAs: 'auto' }),
      apiKey: 'sk-old',
      priceOverrides: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } },
    });
    const { settingsItem, priceOverridesItem } = await storageModule();
    const { apiKeys } = await import('../../utils/api-key-store');
    const { currentSettings } = await import('../../utils/profiles/current-settings');
    const { profile } = await currentSettings();
    expect(profile.id).toBe((await settingsItem.getValue()).activeProfileId);
    expect(await apiKeys.get(profile.id)).toEqual({ key: 'sk-old', origin: 'https://openrouter.ai' });
    expect(await priceOverridesItem.getValue()).toEqual({ [profile.id]: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } } });
  });
});

describe('the price overrides', () => {
  it('from version 1 (one table) become the first profile\'s, and version 2 is recorded', async () => {
    const table = { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } };
    await fakeBrowser.storage.local.set({ priceOverrides: table });
    const { priceOverridesItem } = await storageModule();
    expect(await priceOverridesItem.getValue()).toEqual({ first: table });
    expect(await fakeBrowser.storage.local.get('priceOverrides$')).toEqual({ 'priceOverrides$': { v: 2 } });
  });

  it('from version 1 with no prices of the user\'s own stay empty', async () => {
    await fakeBrowser.storage.local.set({ priceOverrides: {} });
    const { priceOverridesItem } = await storageModule();
    expect(await priceOverridesItem.getValue()).toEqual({});
  });
});
