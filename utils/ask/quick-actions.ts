/** The one-click questions, and the user's own ones from the options. */
export interface CustomAction {
  label: string;
  prompt: string;
}

type BuiltIn = {
  id: string;
  /** Message key of the button's label. */
  label: 'actionDescribe' | 'actionReadText' | 'actionIdentify' | 'actionExplain' | 'actionTranslate';
  prompt(): string;
};

export const BUILT_IN_ACTIONS: readonly BuiltIn[] = [
  { id: 'describe', label: 'actionDescribe', prompt: () => 'Describe this picture in detail, for someone who cannot see it.' },
  { id: 'read', label: 'actionReadText', prompt: () => 'Read out all the text in this picture, exactly as written, in reading order.' },
  { id: 'identify', label: 'actionIdentify', prompt: () => 'What is this? Identify the main subject: the object, species, place, artwork or product.' },
  {
    id: 'explain',
    label: 'actionExplain',
    prompt: () => 'Explain this picture. If it is a chart or diagram, say what it shows and what it means; if it is a meme, explain the joke.',
  },
  { id: 'translate', label: 'actionTranslate', prompt: () => 'Translate all the text in this picture. Give the original text, then its translation.' },
];

/** The user's actions, as typed in the options: one per line, "Label: question". */
export function parseCustomActions(text: string): CustomAction[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon > 0
        ? { label: line.slice(0, colon).trim(), prompt: line.slice(colon + 1).trim() }
        : { label: line.slice(0, 24), prompt: line };
    })
    .filter((action) => action.label && action.prompt);
}
