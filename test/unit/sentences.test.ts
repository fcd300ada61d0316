import { describe, expect, it } from 'vitest';
import { completeSentences } from '../../components/popup/SentenceAnnouncer';

describe('completeSentences', () => {
  it.each([
    ['A cat sits', 0, '', 0],
    ['A cat sits. It is gin', 0, 'A cat sits.', 12],
    ['A cat sits. It is ginger! And', 12, 'It is ginger!', 26],
    ['Is it asleep? Yes.', 0, 'Is it asleep? Yes.', 18],
    ['一只猫。它在睡觉', 0, '一只猫。', 4],
    ['Version 2.5 is out', 0, '', 0],
  ])('%j from %i: %j', (text, from, sentences, next) => {
    expect(completeSentences(text, from)).toEqual({ sentences, next });
  });
});
