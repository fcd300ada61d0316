/**
 * The provider profiles as the options and the popup change them: added from a preset, saved,
 * made active, deleted with everything stored for them; and each profile's own prices.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiKeys } from '../../utils/api-key-store';
import { pageRequestHandlers } from '../../utils/background/page-requests';
import { overridesFor, profilePrice, withOverrides } from '../../utils/profiles/profile-prices';
import {
  addProfile, freshName, saveOptions, setActiveProfile, withActiveProfile, withNewProfile, withSavedOptions, withoutProfile,
} from '../../utils/profiles/profile-store';
import { DEFAULT_GLOBAL_SETTINGS, DEFAULT_SETTINGS, profileFromPreset, resolveSettings, type StoredSettings } from '../../utils/settings';
import { priceOverridesItem, settingsItem } from '../../utils/storage';

beforeEach(() => {
  fakeBrowser.reset();
});

const sender = {} as never;
const openai = profileFromPreset('openai', 'a', 'Work');
const router = profileFromPreset('openrouter', 'b');
const two: StoredSettings = { ...DEFAULT_SETTINGS, profiles: [openai, router], activeProfileId: 'a' };

describe('the profiles, step by step', () => {
  it('a new one is filled in from its preset, named after it (numbered when taken), and made active', () => {
    const added = withNewProfile(two, 'openrouter', 'c');
    expect(added.profiles.at(-1)).toEqual({ ...profileFromPreset('openrouter', 'c'), name: 'OpenRouter 2' });
    expect(added.activeProfileId).toBe('c');
    expect(added.profiles.slice(0, 2)).toEqual(two.profiles);
    expect(freshName(withNewProfile(added, 'openrouter', 'd'), 'OpenRouter')).toBe('OpenRouter 4');
  });

  it('only a profile that exists can be made active', () => {
    expect(withActiveProfile(two, 'b').activeProfileId).toBe('b');
    expect(() => withActiveProfile(two, 'gone')).toThrow('That provider profile no longer exists. Choose another in the options.');
  });

  it('saving the form changes that profile and the global settings, and nothing of the others nor which one is active', () => {
    // The popup switched to b while the form of a was open.
    const switched = { ...two, activeProfileId: 'b' };
    const edited = { ...openai, name: 'Office', model: 'gpt-4o' };
    // A form's state may hold more than the global settings: only those are stored.
    const globals = { ...DEFAULT_GLOBAL_SETTINGS, dailyBudget: 3, profile: router } as typeof DEFAULT_GLOBAL_SETTINGS;
    const saved = withSavedOptions(switched, edited, globals);
    expect(saved).toEqual({ ...DEFAULT_GLOBAL_SETTINGS, dailyBudget: 3, profiles: [edited, router], activeProfileId: 'b' });
  });

  it('deleting the active one makes the first left active; the last one cannot be deleted', () => {
    expect(withoutProfile(two, 'a')).toEqual({ ...two, profiles: [router], activeProfileId: 'b' });
    expect(withoutProfile(two, 'b')).toEqual({ ...two, profiles: [openai] });
    const third = { ...router, id: 'c', name: 'Third' };
    expect(withoutProfile({ ...two, profiles: [openai, router, third], activeProfileId: 'b' }, 'b').activeProfileId).toBe('a');
    expect(() => withoutProfile({ ...two, profiles: [openai] }, 'a')).toThrow('The last profile cannot be deleted: there must be a server to ask.');
  });
});

describe('the profiles in storage', () => {
  it('are added, saved and switched one change at a time, none undoing another', async () => {
    await settingsItem.setValue(two);
    // Started together, as a switch in the popup and a save in the options may be.
    await Promise.all([addProfile('ollama'), saveOptions({ ...openai, model: 'gpt-4.1' }, { ...DEFAULT_GLOBAL_SETTINGS, spendBadge: true })]);
    const stored = await settingsItem.getValue();
    expect(stored.profiles.map((p) => p.preset)).toEqual(['openai', 'openrouter', 'ollama']);
    expect(stored.profiles[0]!.model).toBe('gpt-4.1');
    expect(stored.spendBadge).toBe(true);
    expect(stored.activeProfileId).toBe(stored.profiles[2]!.id);
    await setActiveProfile('b');
    expect(resolveSettings(await settingsItem.getValue()).profile).toEqual(router);
  });

  it('the popup\'s switch is the background\'s to store, and refuses a profile that is not there', async () => {
    await settingsItem.setValue(two);
    await pageRequestHandlers.chooseProfile({ profileId: 'b' }, sender);
    expect((await settingsItem.getValue()).activeProfileId).toBe('b');
    await expect(pageRequestHandlers.chooseProfile({ profileId: 'nobody' }, sender)).rejects.toThrow('That provider profile no longer exists.');
    expect((await settingsItem.getValue()).activeProfileId).toBe('b');
  });

  it('a deleted profile takes its key and its prices along, and leaves the other\'s', async () => {
    await settingsItem.setValue(two);
    await apiKeys.set('a', { key: 'sk-a', origin: 'https://api.openai.com' });
    await apiKeys.set('b', { key: 'sk-b', origin: 'https://openrouter.ai' });
    const price = { input: 1, cachedInput: 1, output: 1 };
    await priceOverridesItem.setValue({ a: { 'gpt-4o': price }, b: { 'gpt-4o': price } });
    await pageRequestHandlers.deleteProfile({ profileId: 'b' }, sender);
    expect((await settingsItem.getValue()).profiles).toEqual([openai]);
    expect(await apiKeys.all()).toEqual({ a: { key: 'sk-a', origin: 'https://api.openai.com' } });
    expect(await priceOverridesItem.getValue()).toEqual({ a: { 'gpt-4o': price } });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-b');
  });

  it('the last profile is not deleted, nor its key', async () => {
    await settingsItem.setValue({ ...two, profiles: [openai] });
    await apiKeys.set('a', { key: 'sk-a', origin: 'https://api.openai.com' });
    await expect(pageRequestHandlers.deleteProfile({ profileId: 'a' }, sender)).rejects.toThrow('The last profile cannot be deleted');
    expect(await apiKeys.get('a')).toEqual({ key: 'sk-a', origin: 'https://api.openai.com' });
  });
});

describe('each profile\'s own prices', () => {
  const mine = { input: 9, cachedInput: 9, output: 90 };
  it('price only that profile\'s requests; another profile of the same model gets the built-in table', () => {
    const all = { a: { 'gpt-4o': mine } };
    expect(profilePrice(all, { id: 'a', preset: 'openai' }, 'gpt-4o-2024-08-06')).toEqual(mine);
    expect(profilePrice(all, { id: 'b', preset: 'openai' }, 'gpt-4o')).toEqual({ input: 2.5, cachedInput: 1.25, output: 10 });
    expect(overridesFor(all, 'b')).toEqual({});
    expect(overridesFor(undefined, 'a')).toEqual({});
  });

  it('are nothing at all for Chrome\'s own model, whatever a table says', () => {
    const all = { d: { 'gpt-4o': mine } };
    // Not "price unknown" (undefined): the estimates before asking and the spend say $0.
    expect(profilePrice(all, { id: 'd', preset: 'chrome' }, 'gpt-4o')).toEqual({ input: 0, cachedInput: 0, output: 0 });
    expect(profilePrice(undefined, { id: 'd', preset: 'chrome' }, 'gemini-nano')).toEqual({ input: 0, cachedInput: 0, output: 0 });
  });

  it('are saved per profile: one table replaced, the others kept, an empty one removed', () => {
    const all = { a: { 'gpt-4o': mine }, b: { 'gpt-4.1': mine } };
    expect(withOverrides(all, 'b', { 'o4-mini': mine })).toEqual({ a: { 'gpt-4o': mine }, b: { 'o4-mini': mine } });
    expect(withOverrides(all, 'a', {})).toEqual({ b: { 'gpt-4.1': mine } });
  });
});
