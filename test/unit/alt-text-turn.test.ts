/**
 * An alt-text turn through the real pipeline against the fake server: what it sends (the page's
 * context, its language, structured output, no earlier turns), what the answer becomes (parsed and
 * linted), the fallback when structured output is refused, and the read at high detail for text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { altTextTurn, askAltText } from '../../utils/alt-text/one-picture';
import type { Conversation } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { askFollowUp, createConversation } from '../../utils/ask/start';
import { ledgerItem } from '../../utils/storage';
import { useProvider } from './provider';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const picture = {
  kind: 'image' as const,
  url: 'https://example.com/harbour.jpg',
  pageUrl: 'https://example.com/news',
  pageTitle: 'Harbour news',
  width: 2000,
  height: 1500,
  context: { lang: 'fr', pageTitle: 'Harbour news', caption: 'Les bateaux à l’aube', heading: 'Le port' },
};

type ChatBody = {
  messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string; detail: string } }[] }[];
  response_format?: { type: string; json_schema: { name: string; strict: boolean; schema: unknown } };
};

beforeEach(async () => {
  // gpt-4o counts tiles, so a low-detail address goes as the address: no download in a unit test.
  await useProvider(server, { profile: { model: 'gpt-4o' } });
});

async function stored(id: string): Promise<Conversation> {
  const conversation = await loadConversation(id);
  if (!conversation) throw new Error(`conversation ${id} is not stored`);
  return conversation;
}

const json = (fields: Record<string, unknown>) =>
  JSON.stringify({ alt: '', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '', ...fields });

describe('an alt-text turn', () => {
  it('sends the picture at low detail with the page context, its language and a JSON schema, and stores the linted result', async () => {
    server.reply({ text: json({ alt: 'Photo de bateaux de pêche au port' }) });
    const { conversation, answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();

    const body = server.asks[0]!.body as ChatBody;
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'alt_text', strict: true } });
    const [system, user] = body.messages;
    expect(system).toMatchObject({ role: 'system' });
    expect(String(system!.content)).toContain('French');
    const parts = user!.content as { type: string; text?: string; image_url?: { url: string; detail: string } }[];
    expect(parts[0]).toEqual({ type: 'image_url', image_url: { url: picture.url, detail: 'low' } });
    expect(parts[1]!.text).toContain('Les bateaux à l’aube');
    expect(parts[1]!.text).toContain('Le port');

    const turn = (await stored(conversation.id)).turns[0]!;
    expect(turn.status).toBe('done');
    expect(turn.altText?.result).toMatchObject({ alt: 'Photo de bateaux de pêche au port', kind: 'informative', language: 'fr' });
    expect(turn.altText?.result?.lint.text).toBe('Bateaux de pêche au port');
    expect(turn.altText?.result?.lint.changes).toEqual([{ kind: 'removed-opening', removed: expect.stringMatching(/^Photo de/i) as unknown as string }]);
    expect((await ledgerItem.getValue()).entries[0]).toMatchObject({ conversationId: conversation.id, input: 1234, output: 56 });
  });

  it('writes in the language the user chose over the page\'s own', async () => {
    await useProvider(server, { profile: { model: 'gpt-4o' }, settings: { altTextLanguage: 'ru' } });
    server.reply({ text: json({ alt: 'Лодки в порту' }) });
    const { answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    const system = (server.asks[0]!.body as ChatBody).messages[0]!;
    expect(String(system.content)).toContain('Russian');
    expect(String(system.content)).not.toContain('French');
  });

  it('asks again in plain text when the server refuses structured output, and reads the labelled answer', async () => {
    server.reply({ status: 400, error: { message: "'response_format' is not supported", param: 'response_format' } });
    server.reply({ text: 'ALT: Fishing boats in a harbour\nKIND: informative\nDECORATIVE: no' });
    const { conversation, answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    expect(server.asks).toHaveLength(2);
    expect((server.asks[1]!.body as ChatBody).response_format).toBeUndefined();
    const turn = (await stored(conversation.id)).turns[0]!;
    expect(turn.altText).toMatchObject({ structured: false, result: { alt: 'Fishing boats in a harbour' } });
    // Only the answered request is billed: the refusal cost nothing.
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
  });

  // Alt text used to be recorded as kind "question", so the CSV and the roll-ups could not tell it apart.
  it('is recorded in the ledger as alt text, not as a question, both from the menu and from the popup\'s button', async () => {
    server.reply({ text: 'A harbour.' });
    server.reply({ text: json({ alt: 'Boats in a harbour' }) });
    server.reply({ text: json({ alt: 'Boats at dawn' }) });
    const asked = await createConversation({ picture });
    await asked.answer();
    const { done } = await askAltText(asked.conversation.id);
    await done;
    const fromMenu = await createConversation({ picture: { ...picture, url: 'https://example.com/other.jpg' } }, (settings, p) => altTextTurn(settings, p));
    await fromMenu.answer();
    expect((await ledgerItem.getValue()).entries.map((e) => [e.conversationId, e.kind])).toEqual([
      [asked.conversation.id, 'question'],
      [asked.conversation.id, 'alt-text'],
      [fromMenu.conversation.id, 'alt-text'],
    ]);
  });

  it('is recorded as alt text after the plain-text fallback too', async () => {
    server.reply({ status: 400, error: { message: "'response_format' is not supported", param: 'response_format' } });
    server.reply({ text: 'ALT: Fishing boats in a harbour\nKIND: informative\nDECORATIVE: no' });
    const { answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    expect((await ledgerItem.getValue()).entries.map((e) => e.kind)).toEqual(['alt-text']);
  });

  it('does not take an unrelated 400 for a refusal of structured output', async () => {
    server.reply({ status: 400, error: { message: 'Invalid image.', code: 'invalid_image_format' } });
    const { conversation, answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    expect(server.asks).toHaveLength(1);
    expect((await stored(conversation.id)).turns[0]!.status).toBe('error');
  });

  it('reads a picture of text again at high detail, once', async () => {
    server.reply({ text: 'A sign on a door.' });
    server.reply({ text: json({ alt: 'Opening hours', kind: 'text' }) });
    server.reply({ text: json({ alt: 'Open Monday to Friday, 9 to 5', kind: 'text' }) });
    const { conversation, answer } = await createConversation({ picture });
    await answer();
    // The popup's button: a new alt-text turn about the conversation's picture, then the high read.
    const { done } = await askAltText(conversation.id);
    await done;
    const details = server.asks.slice(1).map((a) => ((a.body as ChatBody).messages[1]!.content as { image_url?: { detail: string } }[])[0]!.image_url?.detail);
    expect(details).toEqual(['low', 'high']);
    expect(server.asks).toHaveLength(3);
    const turns = (await stored(conversation.id)).turns.filter((t) => t.status === 'done');
    expect(turns.at(-1)?.altText).toMatchObject({ reason: 'The picture is mostly text, so it was read again at high detail.', result: { alt: 'Open Monday to Friday, 9 to 5' } });
  });

  it('is left out of a later follow-up, which asks about the picture afresh', async () => {
    server.reply({ text: json({ alt: 'Boats' }) });
    const { conversation, answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    server.reply({ text: 'They are blue.' });
    const { done } = await askFollowUp(conversation.id, 'What colour are the boats?');
    await done;
    const body = server.asks[1]!.body as ChatBody;
    expect(body.response_format).toBeUndefined();
    expect(body.messages.filter((m) => m.role === 'assistant')).toEqual([]);
  });
});
