import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, profileFromPreset, resolveSettings, settingsProblem, withDefaults, type Profile, type Settings } from '../../utils/settings';

/** The default settings asked with, the one profile changed as a test wants it. */
const asked = (profile: Partial<Profile> = {}, globals: Partial<Settings> = {}): Settings => {
  const settings = resolveSettings(DEFAULT_SETTINGS);
  return { ...settings, ...globals, profile: { ...settings.profile, ...profile } };
};

describe('settingsProblem', () => {
  it('accepts the defaults and local servers', () => {
    expect(settingsProblem(asked())).toBeNull();
    expect(settingsProblem(asked({ baseUrl: 'http://localhost:11434/v1' }))).toBeNull();
  });
  it.each([
    ['api.openai.com/v1', /is not a web address/],
    ['ftp://example.com/v1', /must start with https:\/\/ or http:\/\//],
  ])('refuses the base URL %s', (baseUrl, words) => {
    expect(settingsProblem(asked({ baseUrl }))).toMatch(words);
  });
  it.each(['http://192.168.1.20:1234/v1', 'http://127.0.0.1:8000/v1', 'http://ollama.local/v1', 'http://gpu-box:8000/v1'])(
    'accepts plain http to a server on this computer or the own network: %s',
    (baseUrl) => expect(settingsProblem(asked({ baseUrl }))).toBeNull(),
  );
  it('refuses plain http over the internet, where the key would travel in the clear', () => {
    expect(settingsProblem(asked({ baseUrl: 'http://api.openai.com/v1' }))).toBe(
      'The base URL api.openai.com uses plain http:// over the internet, where your API key could be read on the way. Use https://, or http:// only for a server on this computer or your own network.',
    );
  });
  it('needs a model and a default question', () => {
    expect(settingsProblem(asked({ model: ' ' }))).toBe('Choose a model, for example gpt-4.1-mini.');
    expect(settingsProblem(asked({}, { defaultQuestion: '' }))).toBe('The default question cannot be empty.');
  });
  it('asks for the Azure resource\'s name while the preset\'s placeholder is still in the base URL', () => {
    const azure = { ...profileFromPreset('azure', 'az'), model: 'my-deployment' };
    expect(settingsProblem(asked(azure))).toBe('Put your Azure OpenAI resource’s name in the base URL, in place of RESOURCE.');
    expect(settingsProblem(asked({ ...azure, baseUrl: 'https://contoso.openai.azure.com/openai/v1' }))).toBeNull();
  });
  it.each([19, 1001, 12.5, Number.NaN])('refuses an alt-text length limit of %s', (altTextLimit) => {
    expect(settingsProblem(asked({}, { altTextLimit }))).toBe('The alt-text length limit must be a whole number from 20 to 1000.');
  });
  it.each([20, 125, 1000])('accepts an alt-text length limit of %s', (altTextLimit) => {
    expect(settingsProblem(asked({}, { altTextLimit }))).toBeNull();
  });
});

describe('withDefaults', () => {
  it('gives settings stored before alt text existed its defaults: low detail, 125 characters, the page\'s language', () => {
    expect(withDefaults({ dailyBudget: 3 })).toMatchObject({ altTextDetail: 'low', altTextLimit: 125, altTextLanguage: '' });
  });
  it('fills fields an older stored copy lacks', () => {
    expect(withDefaults({ dailyBudget: 3 })).toEqual({ ...DEFAULT_SETTINGS, dailyBudget: 3 });
    expect(withDefaults(null)).toEqual(DEFAULT_SETTINGS);
  });
  it('gives a profile the fields of its preset that it lacks, and an active profile that exists', () => {
    const partial = { id: 'o', name: 'Home', preset: 'ollama', baseUrl: 'http://10.0.0.5:11434/v1' } as Profile;
    const settings = withDefaults({ profiles: [partial], activeProfileId: 'gone' });
    expect(settings.profiles).toEqual([{ ...profileFromPreset('ollama', 'o', 'Home'), baseUrl: 'http://10.0.0.5:11434/v1' }]);
    expect(settings.activeProfileId).toBe('o');
    expect(withDefaults({ profiles: [] }).profiles).toEqual(DEFAULT_SETTINGS.profiles);
  });
});

describe('resolveSettings', () => {
  const two = { ...DEFAULT_SETTINGS, profiles: [profileFromPreset('openai', 'a'), profileFromPreset('ollama', 'b')], activeProfileId: 'b' };
  it('asks with the active profile, or with the one named while it exists', () => {
    expect(resolveSettings(two).profile.id).toBe('b');
    expect(resolveSettings(two, 'a').profile.id).toBe('a');
    expect(resolveSettings(two, 'deleted').profile.id).toBe('b');
  });
  it('carries the global settings and nothing of the stored list', () => {
    const settings = resolveSettings({ ...two, dailyBudget: 4 });
    expect(settings.dailyBudget).toBe(4);
    expect(settings).not.toHaveProperty('profiles');
    expect(settings).not.toHaveProperty('activeProfileId');
  });
});
