/** The lint every alt text passes, in the UI's four languages, and the answer parser before it. */
import { describe, expect, it } from 'vitest';
import { altLength, lintAltText } from '../../utils/alt-text/lint';
import { parseAltTextAnswer } from '../../utils/alt-text/parse';

const lint = (alt: string, extra: Partial<Parameters<typeof lintAltText>[0]> = {}) => lintAltText({ alt, limit: 125, ...extra });

describe('openings a screen reader makes redundant', () => {
  it.each([
    // English
    ['Image of a red fox in the snow', 'A red fox in the snow', 'Image of'],
    ['An image of a red fox', 'A red fox', 'An image of'],
    ['picture of two cats on a sofa', 'Two cats on a sofa', 'picture of'],
    ['Photo of the harbour at dawn', 'The harbour at dawn', 'Photo of'],
    ['A photograph of Mont Blanc', 'Mont Blanc', 'A photograph of'],
    ['This image shows a bar chart of sales', 'A bar chart of sales', 'This image shows'],
    ['Picture showing a crowded market', 'A crowded market', 'Picture showing'],
    // French
    ['Image de deux chats sur un canapé', 'Deux chats sur un canapé', 'Image de'],
    ['Une photo de la plage', 'La plage', 'Une photo de'],
    ['Photographie d’un phare breton', 'Un phare breton', 'Photographie d’'],
    ['Cette image montre un marché', 'Un marché', 'Cette image montre'],
    // Russian: only forms that leave a correct sentence behind
    ['На фото кот спит на подоконнике', 'Кот спит на подоконнике', 'На фото'],
    ['На изображении горы и озеро', 'Горы и озеро', 'На изображении'],
    ['Изображение: рыжий кот', 'Рыжий кот', 'Изображение:'],
    // Chinese
    ['图片：一只橙色的猫', '一只橙色的猫', '图片：'],
    ['图片显示一座桥', '一座桥', '图片显示'],
    ['这是一张日落的图片', '日落', '这是一张…的图片'],
  ])('%s → %s', (alt, text, removed) => {
    const result = lint(alt);
    expect(result.text).toBe(text);
    expect(result.changes).toEqual([{ kind: 'removed-opening', removed }]);
  });

  it.each([
    'Photo booth at the fair',
    'Picture frame on a brick wall',
    'Image editing software, open on a laptop',
    'Изображение кота на обложке журнала',
    'Photomaton à la fête',
    '一只猫在睡觉',
  ])('keeps "%s": the word is part of what it says, or removing it would break the sentence', (alt) => {
    const result = lint(alt);
    expect(result.text).toBe(alt);
    expect(result.changes).toEqual([]);
  });

  it('does not remove an opening that is all there is', () => {
    expect(lint('Image of').text).toBe('Image of');
  });
});

describe('what the lint flags and leaves to the user', () => {
  it.each([
    ['IMG_1234.jpg on a table', { kind: 'file-name', detail: 'IMG_1234.jpg' }],
    ['Sunset, DSC0042', { kind: 'file-name', detail: 'DSC0042' }],
    ['A chart from report-final.png', { kind: 'file-name', detail: 'report-final.png' }],
    ['See https://example.com/cat for more', { kind: 'url', detail: 'https://example.com/cat' }],
    ['Visit www.example.com today', { kind: 'url', detail: 'www.example.com' }],
  ])('%s', (alt, warning) => {
    expect(lint(alt).warnings).toContainEqual(warning);
  });

  it("flags the picture's own file name", () => {
    expect(lint('A picture named harbour_dawn.webp', { pictureUrl: 'https://example.com/img/harbour_dawn.webp' }).warnings).toContainEqual({ kind: 'file-name', detail: 'harbour_dawn.webp' });
  });

  it('flags a copy of the caption, whatever its case, spacing and full stop', () => {
    expect(lint('Boats in the harbour at dawn.', { caption: 'boats in the  harbour at dawn' }).warnings).toEqual([{ kind: 'equals-caption' }]);
    expect(lint('Fishing boats moored at dawn', { caption: 'Boats in the harbour at dawn' }).warnings).toEqual([]);
  });

  it('flags a text over the limit, counting characters as people do, and never cuts it', () => {
    const long = `${'A long description '.repeat(7)}ends here.`;
    const result = lint(long);
    expect(result.text).toBe(long);
    expect(result.warnings).toEqual([{ kind: 'too-long', length: long.length, limit: 125 }]);
    // Ten flags of two code points each, and Chinese characters, are ten and six characters.
    expect(altLength('🇫🇷'.repeat(10))).toBe(10);
    expect(lint('一只橙色的猫', { limit: 5 }).warnings).toEqual([{ kind: 'too-long', length: 6, limit: 5 }]);
    expect(lint('一只橙色的猫', { limit: 6 }).warnings).toEqual([]);
  });

  it('flags an empty text', () => {
    expect(lint('  ').warnings).toEqual([{ kind: 'empty' }]);
  });
});

describe('parseAltTextAnswer', () => {
  const answer = { alt: 'Boats at dawn', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' };

  it.each([
    ['plain JSON', JSON.stringify(answer)],
    ['a ```json fence', `\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``],
    ['prose around the JSON', `Here you go: ${JSON.stringify(answer)} Hope it helps.`],
    ['camelCase fields', JSON.stringify({ altText: 'Boats at dawn', kind: 'informative' })],
    ['the labelled plain form', 'ALT: Boats at dawn\nKIND: informative\nDECORATIVE: no'],
    ['labels in bold', '**ALT:** Boats at dawn\n**KIND:** informative\n**Decorative:** no'],
    ['free text', 'Alt text: "Boats at dawn"'],
  ])('reads %s', (_, text) => {
    expect(parseAltTextAnswer(text)).toMatchObject({ alt: 'Boats at dawn', kind: 'informative', decorative: false });
  });

  it.each([
    ['ALT and KIND only', 'ALT: Boats at dawn\nKIND: informative'],
    ['ALT alone', 'ALT: Boats at dawn'],
    ['every label but DECORATIVE', 'ALT: Boats at dawn\nKIND: informative\nREASON:\nLONG:\nSHORTER: Boats'],
    ['a list of bold labels without DECORATIVE', '- **ALT:** Boats at dawn\n- **KIND:** informative'],
  ])('reads the labelled plain form without a DECORATIVE line (%s): the alt alone, not the whole answer', (_, text) => {
    expect(parseAltTextAnswer(text)).toMatchObject({ alt: 'Boats at dawn', kind: 'informative', decorative: false });
  });

  it('reads a DECORATIVE line without an ALT line as decorative', () => {
    expect(parseAltTextAnswer('DECORATIVE: yes\nREASON: a divider')).toMatchObject({ alt: '', kind: 'decorative', decorative: true, reason: 'a divider' });
  });

  it('reads a long description over several lines and a shorter version', () => {
    const parsed = parseAltTextAnswer('ALT: Sales chart, up 20 % in 2025\nKIND: complex\nDECORATIVE: no\nLONG: Quarterly sales.\nQ1 10, Q2 12.\nSHORTER: Sales up 20 %');
    expect(parsed).toMatchObject({ kind: 'complex', longDescription: 'Quarterly sales.\nQ1 10, Q2 12.', shorter: 'Sales up 20 %' });
  });

  it('takes an unknown kind as informative, and decorative and its kind as agreeing', () => {
    expect(parseAltTextAnswer(JSON.stringify({ ...answer, kind: 'photo' })).kind).toBe('informative');
    expect(parseAltTextAnswer(JSON.stringify({ ...answer, decorative: true }))).toMatchObject({ kind: 'decorative', decorative: true, alt: '' });
    expect(parseAltTextAnswer(JSON.stringify({ ...answer, kind: 'decorative' }))).toMatchObject({ decorative: true, alt: '' });
  });

  it('never throws on nonsense', () => {
    for (const text of ['', '{', '{"alt": 42}', '[1,2]', 'null']) expect(() => parseAltTextAnswer(text)).not.toThrow();
    expect(parseAltTextAnswer('{"alt": 42}').alt).toBe('');
  });
});
