/** Pixels read from the page, kept for a conversation's follow-ups in session storage only. */
import { serialize } from '../serialize';
import { pictureSourcesItem } from '../storage';

/** Session storage holds about 10 MB; the newest few conversations' pictures are enough. */
export const KEEP_SOURCES = 8;

export function rememberSource(conversationId: string, dataUrl: string): Promise<void> {
  return serialize('picture-sources', async () => {
    const sources = { ...(await pictureSourcesItem.getValue()), [conversationId]: { dataUrl, at: Date.now() } };
    const ids = Object.keys(sources).sort((a, b) => sources[b]!.at - sources[a]!.at);
    for (const old of ids.slice(KEEP_SOURCES)) delete sources[old];
    await pictureSourcesItem.setValue(sources);
  });
}

export async function loadSource(conversationId: string): Promise<string | undefined> {
  return (await pictureSourcesItem.getValue())[conversationId]?.dataUrl;
}
