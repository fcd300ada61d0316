import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beginRequest, endRequest, stopRequest } from '../../utils/ask/active-requests';
import type { Conversation } from '../../utils/ask/conversation';
import { loadConversation, markStreaming, updateTurn } from '../../utils/ask/conversation-store';
import { recoverInterrupted } from '../../utils/ask/recover-interrupted';
import { askFollowUp, createConversation } from '../../utils/ask/start';
import { conversationItem, latestConversationIdItem, ledgerItem, streamingConversationsItem } from '../../utils/storage';
import { apiKeys } from '../../utils/api-key-store';
import { FIRST_PROFILE_ID } from '../../utils/settings';
import { storeOptions, useProvider } from './provider';
import { DEFAULT_REPLY, FakeOpenAI } from '../fake-openai/server';
import { useFakeServer } from './fake-server';
import { held } from '../e2e/support/held';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };

beforeEach(async () => {
  await useProvider(server);
});

async function conversation(id: string): Promise<Conversation> {
  const stored = await loadConversation(id);
  if (!stored) throw new Error(`conversation ${id} is not stored`);
  return stored;
}

/** Resolves when the stored conversation satisfies `done`, by watching storage, not by sleeping. */
function waitForConversation(id: string, done: (c: Conversation) => boolean): Promise<Conversation> {
  const item = conversationItem(id);
  return new Promise((resolve) => {
    const check = (c: Conversation | null) => {
      if (c && done(c)) {
        unwatch();
        resolve(c);
      }
    };
    const unwatch = item.watch(check);
    void item.getValue().then(check);
  });
}

describe('a picture on the user\'s own network, shown by a public page', () => {
  // The fake server is on 127.0.0.1, a private address; the page claims to be on the internet.
  const hidden = () => ({ kind: 'image' as const, url: server.url.replace(/\/v1$/, '/pictures/red.png'), pageUrl: 'https://news.example/story', pageTitle: 'News' });
  const pictureFetched = () => server.requests.some((r) => r.method === 'GET' && r.path === '/pictures/red.png');

  it('is not read, nothing is sent, and the user is asked; once they say so, it is read', async () => {
    const { conversation: created, answer } = await createConversation({ picture: hidden() });
    await answer();
    const refused = (await conversation(created.id)).turns[0]!;
    expect(refused.status).toBe('error');
    expect(refused.error?.kind).toBe('private-picture');
    expect(refused.error?.message).toContain(`This picture is at ${new URL(server.url).host}, on your own computer or network, but the page (news.example)`);
    expect(pictureFetched()).toBe(false);
    expect(server.asks).toHaveLength(0);
    expect((await ledgerItem.getValue()).entries).toEqual([]);

    const { pageRequestHandlers } = await import('../../utils/background/page-requests');
    await pageRequestHandlers.retry({ conversationId: created.id, turnId: refused.id, reason: 'private' }, {});
    await server.waitForGet('/pictures/red.png');
    expect((await conversation(created.id)).image.privateAllowed).toBe(true);
    const after = await waitForConversation(created.id, (c) => c.turns[0]!.status !== 'streaming');
    expect(after.turns[0]!.error?.kind).not.toBe('private-picture');
  });

  it('makes no thumbnail from it either', async () => {
    const { thumbnailFor } = await import('../../utils/ask/thumbnails');
    expect(await thumbnailFor(hidden())).toBeUndefined();
    expect(pictureFetched()).toBe(false);
  });
});

describe('asking about a picture', () => {
  it('streams the answer into the stored conversation and records the usage', async () => {
    const { conversation: created, answer } = await createConversation({ picture });
    expect(await latestConversationIdItem.getValue()).toBe(created.id);
    await answer({ flushMs: 5 });

    const stored = await conversation(created.id);
    expect(stored.turns).toHaveLength(1);
    expect(stored.turns[0]).toMatchObject({
      question: "What's in this image?",
      answer: DEFAULT_REPLY.text,
      status: 'done',
      usage: { input: 1234, output: 56, cachedInput: 0, reasoning: 0 },
    });
    expect(stored.turns[0]!.cost).toBeCloseTo((1234 * 0.4 + 56 * 1.6) / 1e6, 12);

    const ledger = (await ledgerItem.getValue()).entries;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ conversationId: created.id, kind: 'question', model: 'gpt-4.1-mini', input: 1234, output: 56, profileId: FIRST_PROFILE_ID, profileName: 'OpenAI' });

    const request = server.asks[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-test-key');
    expect(request.path).toBe('/v1/chat/completions');
    expect(await streamingConversationsItem.getValue()).toEqual([]);
  });

  it('writes partial text while the answer is still streaming', async () => {
    server.reply({ text: 'one two three four five six seven eight', chunkDelayMs: 30 });
    const { conversation: created, answer } = await createConversation({ picture });
    const running = answer({ flushMs: 5 });
    const partial = await waitForConversation(created.id, (c) => c.turns[0]!.answer.length > 0);
    expect(partial.turns[0]!.status).toBe('streaming');
    expect(partial.turns[0]!.answer.length).toBeLessThan('one two three four five six seven eight'.length);
    await running;
    expect((await conversation(created.id)).turns[0]!.answer).toBe('one two three four five six seven eight');
  });

  it('sends nothing and says so when there is no API key', async () => {
    await apiKeys.set('first', null);
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error).toEqual({ kind: 'no-key', message: 'Add your API key in the options to ask about pictures. Nothing was sent.' });
    expect(server.requests).toHaveLength(0);
  });

  it('reports an HTTP error with its status and the server\'s message', async () => {
    server.reply({ status: 401, error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error?.status).toBe(401);
    expect(turn.error?.message).toContain('401 Unauthorized: Incorrect API key provided.');
    expect((await ledgerItem.getValue()).entries).toEqual([]);
  });

  it.each(['chat', 'responses'] as const)('an error in the body of a 200 (LM Studio) is that error, not an empty answer (%s)', async (api) => {
    await storeOptions(server, { profile: { api } });
    server.reply({ errorIn200: 'Model does not support images. Please use a model that does.' });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error).toEqual({
      kind: 'settings',
      message: 'The model cannot see pictures: Model does not support images. Please use a model that does. Choose a model that takes images in the options.',
    });
    expect(server.asks).toHaveLength(1);
    expect((await ledgerItem.getValue()).entries).toEqual([]);
  });

  it('keeps what arrived and marks the answer cut when the connection breaks', async () => {
    // The delay lets the first chunks reach the client; a socket broken before any byte is a
    // connection failure, which the SDK retries instead.
    let breakConnection = () => {};
    const broken = new Promise<void>((resolve) => (breakConnection = resolve));
    server.reply({ text: 'alpha beta gamma delta', chunkDelayMs: 20, cut: { afterChunks: 2, how: 'destroy', after: broken } });
    const { conversation: created, answer } = await createConversation({ picture });
    const running = answer({ flushMs: 5 });
    // Broken once the first words are stored: those are what arrived.
    await waitForConversation(created.id, (c) => c.turns[0]!.answer === 'alpha beta ');
    breakConnection();
    await running;
    expect(server.asks).toHaveLength(1);
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('cut');
    expect(turn.answer).toBe('alpha beta ');
    expect(turn.note).toBe('The answer was cut off: the connection broke before the server finished. What arrived is shown.');
  });

  it('marks an answer cut when the stream ends without the server finishing', async () => {
    server.reply({ text: 'alpha beta gamma delta', cut: { afterChunks: 3, how: 'end' } });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer({ flushMs: 5 });
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn).toMatchObject({ status: 'cut', answer: 'alpha beta gamma ' });
    expect(turn.note).toBe('The answer was cut off: the connection ended before the server finished. What arrived is shown.');
  });

  it('abandons an answer when the server goes silent in the middle of it', async () => {
    // The first word, then silence until the test ends. The guard counts from the request too, so
    // it is long enough for the first word to arrive on a busy machine.
    const silence = held();
    server.reply({ text: 'slow words here', pause: { afterChunks: 1, until: silence.until } });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer({ flushMs: 5, idleMs: 1_500 });
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('cut');
    expect(turn.note).toBe('The answer was cut off: The server stopped sending in the middle of the answer, so it was abandoned.');
  });

  it('speaks the Responses API when chosen', async () => {
    await storeOptions(server, { profile: { api: 'responses' } });
    server.reply({ text: 'Through responses.', usage: { input: 900, output: 12, cachedInput: 100 } });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn).toMatchObject({ status: 'done', answer: 'Through responses.', usage: { input: 900, output: 12, cachedInput: 100 } });
    expect(server.asks[0]!.path).toBe('/v1/responses');
  });
});

describe.each(['chat', 'responses'] as const)('through the %s API', (api) => {
  beforeEach(async () => {
    await storeOptions(server, { profile: { api } });
  });

  it('Stop ends the request at the server, keeps the text so far, and bills what was generated as an estimate, not as nothing', async () => {
    server.reply({ text: 'w '.repeat(200), chunkDelayMs: 20 });
    const { conversation: created, answer } = await createConversation({ picture });
    const running = answer({ flushMs: 5 });
    await waitForConversation(created.id, (c) => c.turns[0]!.answer.length > 0);
    expect(stopRequest(created.id)).toBe(true);
    await running;
    expect(await server.asks[0]!.closed).toBe('aborted');
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('stopped');
    expect(turn.answer.length).toBeGreaterThan(0);
    expect(turn.answer.length).toBeLessThan(400);
    const [entry] = (await ledgerItem.getValue()).entries;
    expect(entry).toMatchObject({ estimated: true });
    expect(entry!.output).toBeGreaterThan(0);
  });

  it('an answer that hit the length limit is marked cut and not kept to be given again', async () => {
    server.reply({ text: 'a long answer', finishReason: 'length' });
    const first = await createConversation({ picture });
    await first.answer();
    const cut = (await conversation(first.conversation.id)).turns[0]!;
    expect(cut).toMatchObject({ status: 'cut', note: 'The answer was cut off: the model reached its length limit.' });
    expect(cut.usage?.input).toBe(1234);
    const second = await createConversation({ picture });
    await second.answer();
    expect(server.asks).toHaveLength(2);
    expect((await conversation(second.conversation.id)).turns[0]!.cached).toBeUndefined();
  });

  it('a whole answer is kept: the same question again is answered from it, free', async () => {
    const first = await createConversation({ picture });
    await first.answer();
    const second = await createConversation({ picture });
    await second.answer();
    expect(server.asks).toHaveLength(1);
    expect((await conversation(second.conversation.id)).turns[0]).toMatchObject({ cached: true, cost: 0, answer: DEFAULT_REPLY.text });
  });
});

describe('a turn from its first moment', () => {
  it('can be stopped while its picture is still being fetched: nothing is sent or billed', async () => {
    await storeOptions(server, { profile: { sendImagesAs: 'bytes' } });
    server.pictureDelayMs = 5_000;
    const slow = { ...picture, url: server.url.replace(/\/v1$/, '/pictures/red.png'), pageUrl: server.url };
    const { conversation: created, answer } = await createConversation({ picture: slow });
    const running = answer();
    await server.waitForGet('/pictures/red.png');
    expect(stopRequest(created.id)).toBe(true);
    await running;
    expect((await conversation(created.id)).turns[0]).toMatchObject({ status: 'stopped', note: 'Stopped.' });
    expect(server.asks).toHaveLength(0);
    expect((await ledgerItem.getValue()).entries).toEqual([]);
    expect(await streamingConversationsItem.getValue()).toEqual([]);
  });

  it('refuses a follow-up while the first answer is still preparing its picture', async () => {
    await storeOptions(server, { profile: { sendImagesAs: 'bytes' } });
    server.pictureDelayMs = 5_000;
    const slow = { ...picture, url: server.url.replace(/\/v1$/, '/pictures/red.png'), pageUrl: server.url };
    const { conversation: created, answer } = await createConversation({ picture: slow });
    const running = answer();
    await expect(askFollowUp(created.id, 'And?')).rejects.toThrow(/still coming/);
    stopRequest(created.id);
    await running;
    expect((await conversation(created.id)).turns).toHaveLength(1);
  });

  it('ends in words, not spinning forever, when something nobody foresaw goes wrong', async () => {
    // A fault in the settings themselves (a stored value of the wrong type) is such a thing.
    await storeOptions(server, { settings: { answerLanguage: 42 as unknown as string } });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error?.message).toMatch(/^Something went wrong while asking: /);
    expect(await streamingConversationsItem.getValue()).toEqual([]);
  });

  it('clears only the marks it recovered: an answer started meanwhile keeps its own', async () => {
    const { conversation: old } = await createConversation({ picture });
    await streamingConversationsItem.setValue([old.id]);
    const recovering = recoverInterrupted();
    await markStreaming('asked-just-now', true);
    await recovering;
    expect(await streamingConversationsItem.getValue()).toEqual(['asked-just-now']);
  });

  it('leaves alone an answer this worker is giving', async () => {
    const { conversation: created } = await createConversation({ picture });
    await streamingConversationsItem.setValue([created.id]);
    const controller = beginRequest(created.id);
    try {
      await recoverInterrupted();
    } finally {
      endRequest(created.id, controller);
    }
    expect((await conversation(created.id)).turns[0]!.status).toBe('streaming');
    expect(await streamingConversationsItem.getValue()).toEqual([created.id]);
  });

  it('asked about one conversation (the popup shows it still writing), marks that one only', async () => {
    const { conversation: shown } = await createConversation({ picture });
    const { conversation: other } = await createConversation({ picture });
    await streamingConversationsItem.setValue([shown.id, other.id]);
    await recoverInterrupted([shown.id]);
    expect((await conversation(shown.id)).turns[0]!.error?.kind).toBe('interrupted');
    expect((await conversation(other.id)).turns[0]!.status).toBe('streaming');
    expect(await streamingConversationsItem.getValue()).toEqual([other.id]);
  });
});

describe('follow-ups', () => {
  it('re-send the picture and the earlier turns, the first message unchanged', async () => {
    server.reply({ text: 'A ginger cat.' }).reply({ text: 'It is asleep.' });
    const { conversation: created, answer } = await createConversation({ picture });
    await answer();
    await (await askFollowUp(created.id, 'Is it asleep?', {}, { flushMs: 5 })).done;
    const done = await conversation(created.id);
    expect(done.turns.map((t) => t.answer)).toEqual(['A ginger cat.', 'It is asleep.']);

    const [firstBody, secondBody] = server.asks.map((r) => r.body as { messages: unknown[] });
    expect(JSON.stringify(secondBody!.messages[0])).toBe(JSON.stringify(firstBody!.messages[0]));
    expect(secondBody!.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'A ginger cat.' },
      { role: 'user', content: 'Is it asleep?' },
    ]);
  });

  it('are refused while an answer is still coming', async () => {
    server.reply({ text: 'w '.repeat(100), chunkDelayMs: 20 });
    const { conversation: created, answer } = await createConversation({ picture });
    const running = answer({ flushMs: 5 });
    await server.waitForAsk(1);
    await expect(askFollowUp(created.id, 'And?')).rejects.toThrow(/still coming/);
    stopRequest(created.id);
    await running;
  });

  it('must say something', async () => {
    const { conversation: created } = await createConversation({ picture });
    await expect(askFollowUp(created.id, '   ')).rejects.toThrow('Type a question first.');
  });
});

describe('the spend ledger', () => {
  it('keeps every entry when 20 answers finish at once', async () => {
    const asks = await Promise.all(Array.from({ length: 20 }, () => createConversation({ picture })));
    await Promise.all(asks.map(({ answer }) => answer()));
    const ledger = (await ledgerItem.getValue()).entries;
    expect(ledger).toHaveLength(20);
    expect(new Set(ledger.map((e) => e.conversationId)).size).toBe(20);
    expect(ledger.reduce((sum, e) => sum + e.input, 0)).toBe(20 * 1234);
  });
});

describe('the API key', () => {
  it('goes only to the server it was saved for: a base URL changed later gets nothing', async () => {
    const elsewhere = new FakeOpenAI();
    await elsewhere.start();
    try {
      await storeOptions(elsewhere);
      const { conversation: created, answer } = await createConversation({ picture });
      await answer();
      expect(elsewhere.requests).toEqual([]);
      const turn = (await conversation(created.id)).turns[0]!;
      expect(turn.status).toBe('error');
      expect(turn.error?.message).toBe(
        `Your API key was saved for ${new URL(server.url).host}, and the base URL now points to ${new URL(elsewhere.url).host}. Save the key again in the options to send it there. Nothing was sent.`,
      );
    } finally {
      await elsewhere.stop();
    }
  });

  it('does not follow a redirect to another server', async () => {
    const elsewhere = new FakeOpenAI();
    await elsewhere.start();
    try {
      server.reply({ redirectTo: `${elsewhere.url}/chat/completions` });
      const { conversation: created, answer } = await createConversation({ picture });
      await answer();
      expect(elsewhere.requests).toEqual([]);
      // Refused at once: a redirect is not a dropped connection to be tried again.
      expect(server.asks).toHaveLength(1);
      const turn = (await conversation(created.id)).turns[0]!;
      expect(turn.status).toBe('error');
      expect(turn.error?.message).toBe(
        `${new URL(server.url).host} tried to send the request on to another address, and your API key does not follow it there. Set the base URL to the address the server really answers at.`,
      );
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('a storage write that fails', () => {
  /** Makes writes of the conversation's streamed text fail: once, or every time (a full disk). */
  function failTextWrites(conversationId: string, times: number) {
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let failures = 0;
    return vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      const stored = items[`conversation:${conversationId}`] as Conversation | undefined;
      if (stored?.turns[0]?.answer && failures < times) {
        failures += 1;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return set(items);
    });
  }

  it('in the middle of an answer does not end it: the next write carries the whole text', async () => {
    server.reply({ text: 'one two three four five six', chunkDelayMs: 20 });
    const { conversation: created, answer } = await createConversation({ picture });
    const spy = failTextWrites(created.id, 1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let warnings: unknown[][];
    try {
      await answer({ flushMs: 5 });
    } finally {
      warnings = [...warn.mock.calls];
      spy.mockRestore();
      warn.mockRestore();
    }
    expect(warnings).toContainEqual([expect.stringContaining('Could not store the answer so far'), expect.any(Error)]);
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn).toMatchObject({ status: 'done', answer: 'one two three four five six' });
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
  });

  it('every time still records what the answer cost, and says what went wrong', async () => {
    server.reply({ text: 'one two three four', chunkDelayMs: 20 });
    const { conversation: created, answer } = await createConversation({ picture });
    const spy = failTextWrites(created.id, Infinity);
    const quiet = [vi.spyOn(console, 'warn').mockImplementation(() => undefined), vi.spyOn(console, 'error').mockImplementation(() => undefined)];
    try {
      await answer({ flushMs: 5 });
    } finally {
      spy.mockRestore();
      for (const mock of quiet) mock.mockRestore();
    }
    const ledger = (await ledgerItem.getValue()).entries;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ conversationId: created.id, input: 1234, output: 56 });
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error?.message).toBe(
      'Something went wrong while asking: The extension’s storage in this browser is full. Delete old conversations in History, or reset the spend record in the options, then ask again.',
    );
  });
});

describe('a worker that starts again', () => {
  it('marks answers the previous worker left streaming as interrupted, keeping their text', async () => {
    const { conversation: created } = await createConversation({ picture });
    await streamingConversationsItem.setValue([created.id]);
    await recoverInterrupted();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.status).toBe('error');
    expect(turn.error?.kind).toBe('interrupted');
    expect(await streamingConversationsItem.getValue()).toEqual([]);
  });

  it('ends an answer that waited for Chrome\'s model download as no longer downloading', async () => {
    const { conversation: created } = await createConversation({ picture });
    await updateTurn(created.id, created.turns[0]!.id, (turn) => ({ ...turn, downloading: 0.42 }));
    await streamingConversationsItem.setValue([created.id]);
    await recoverInterrupted();
    const turn = (await conversation(created.id)).turns[0]!;
    expect(turn.error?.kind).toBe('interrupted');
    expect(turn.finishedAt).toEqual(expect.any(Number));
    expect(turn.downloading, 'a finished turn still waiting for a download').toBeUndefined();
  });
});
