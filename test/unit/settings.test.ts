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
  it('needs a model and a default question', () => {
    expect(settingsProblem({ ...DEFAULT_SETTINGS, model: ' ' })).toBe('Choose a model, for example gpt-4.1-mini.');
    expect(settingsProblem({ ...DEFAULT_SETTINGS, defaultQuestion: '' })).toBe('The default question cannot be empty.');
  });
});

describe('withDefaults', () => {
  it('fills fields an older stored copy lacks', () => {
    expect(withDefaults({ model: 'gpt-4o' })).toEqual({ ...DEFAULT_SETTINGS, model: 'gpt-4o' });
    expect(withDefaults(null)).toEqual(DEFAULT_SETTINGS);
  });
});
