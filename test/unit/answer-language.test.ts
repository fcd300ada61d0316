import { describe, expect, it } from 'vitest';
import { answerInstruction, languageName, nativeLanguageName } from '../../utils/ask/answer-language';

describe('answerInstruction', () => {
  it.each([
    ['', 'fr-FR', 'Answer in French.'],
    ['', 'zh-CN', 'Answer in Chinese (China).'],
    ['ru', 'en-US', 'Answer in Russian.'],
    ['', 'en-GB', undefined],
    ['en', 'fr', undefined],
  ])('chosen "%s" with a %s browser: %s', (chosen, browserLanguage, instruction) => {
    expect(answerInstruction(chosen, browserLanguage)).toBe(instruction);
  });

  it('names languages in English for the model and in themselves for the list', () => {
    expect(languageName('de')).toBe('German');
    expect(nativeLanguageName('fr')).toBe('français');
  });
});
