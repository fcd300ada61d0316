import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsProblem, withDefaults } from '../../utils/settings';

describe('settingsProblem', () => {
  it('accepts the defaults and local servers', () => {
    expect(settingsProblem(DEFAULT_SETTINGS)).toBeNull();
    expect(settingsProblem({ ...DEFAULT_SETTINGS, baseUrl: 'http://localhost:11434/v1' })).toBeNull();
  });
  it.each([
    ['api.openai.com/v1', /is not a web address/],
    ['ftp://example.com/v1', /must start with https:\/\/ or http:\/\//],
  ])('refuses the base URL %s', (baseUrl, words) => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, baseUrl })).toMatch(words);
  });
  it.each(['http://192.168.1.20:1234/v1', 'http://127.0.0.1:8000/v1', 'http://ollama.local/v1', 'http://gpu-box:8000/v1'])(
    'accepts plain http to a server on this computer or the own network: %s',
    (baseUrl) => expect(settingsProblem({ ...DEFAULT_SETTINGS, baseUrl })).toBeNull(),
  );
  it('refuses plain http over the internet, where the key would travel in the clear', () => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, baseUrl: 'http://api.openai.com/v1' })).toBe(
      'The base URL api.openai.com uses plain http:// over the internet, where your API key could be read on the way. Use https://, or http:// only for a server on this computer or your own network.',
    );
  });
  it('needs a model and a default question', () => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, model: ' ' })).toBe('Choose a model, for example gpt-4.1-mini.');
    expect(settingsProblem({ ...DEFAULT_SETTINGS, defaultQuestion: '' })).toBe('The default question cannot be empty.');
  });
  it.each([19, 1001, 12.5, Number.NaN])('refuses an alt-text length limit of %s', (altTextLimit) => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, altTextLimit })).toBe('The alt-text length limit must be a whole number from 20 to 1000.');
  });
  it.each([20, 125, 1000])('accepts an alt-text length limit of %s', (altTextLimit) => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, altTextLimit })).toBeNull();
  });
});

describe('withDefaults', () => {
  it('gives settings stored before alt text existed its defaults: low detail, 125 characters, the page\'s language', () => {
    expect(withDefaults({ model: 'gpt-4o' })).toMatchObject({ altTextDetail: 'low', altTextLimit: 125, altTextLanguage: '' });
  });
  it('fills fields an older stored copy lacks', () => {
    expect(withDefaults({ model: 'gpt-4o' })).toEqual({ ...DEFAULT_SETTINGS, model: 'gpt-4o' });
    expect(withDefaults(null)).toEqual(DEFAULT_SETTINGS);
  });
});
