/**
 * The first user message, the same for both APIs: the picture first, then the question. Several
 * pictures are each preceded by their number, and the question says how they are numbered, so the
 * answer can speak of "picture 2". Built the same way every turn, so it stays byte-identical.
 */
export type FirstPart = { type: 'image'; url: string } | { type: 'text'; text: string };

export function picturesFirst(imageUrls: readonly string[], question: string): FirstPart[] {
  if (imageUrls.length === 1) return [{ type: 'image', url: imageUrls[0]! }, { type: 'text', text: question }];
  const numbered = imageUrls.flatMap((url, i): FirstPart[] => [
    { type: 'text', text: `Picture ${i + 1}:` },
    { type: 'image', url },
  ]);
  const guide = `There are ${imageUrls.length} pictures, numbered 1 to ${imageUrls.length} in the order given. Refer to them by their numbers.`;
  return [...numbered, { type: 'text', text: `${guide}\n\n${question}` }];
}
