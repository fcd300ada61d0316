/**
 * The one request runner (request-runner.ts): the order every request to the model follows, cache
 * → budget → send → stream → cost → remember, and its two mended retries (the bytes when the server
 * cannot download an address, plain text when it refuses structured output), each seen through a
 * conversation's turn and through a row of the page audit, the two kinds of caller it serves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { altTextTurn } from '../../utils/alt-text/one-picture';
import type { Audit, AuditRow } from '../../utils/alt-text/audit-record';
import { describeRow } from '../../utils/alt-text/audit-row';
import { apiKeys } from '../../utils/api-key-store';
import { cacheKey } from '../../utils/ask/answer-cache';
import { loadConversation } from '../../utils/ask/conversation-store';
import { connectionProblem } from '../../utils/ask/preflight';
import { runRequest, type Attempt, type RequestSide } from '../../utils/ask/request-runner';
import { createConversation } from '../../utils/ask/start';
import { currentSettings } from '../../utils/profiles/current-settings';
import { answerCacheItem, ledgerItem } from '../../utils/storage';
import type { VisionRequest } from '../../utils/vision/types';
import { useFakeServer } from './fake-server';
import { useProvider } from './provider';

const RED_PNG = readFileSync(resolve(import.meta.dirname, '../fixtures/images/red.png'));
const RED_DATA_URL = `data:image/png;base64,${RED_PNG.toString('base64')}`;

// The unit tests' Node has no image decoder and reaches no web host: the picture fetched for the
// bytes retry is the fixture, and "prepared" as it is.
vi.mock('../../utils/image/fetch-bytes', async (original) => ({
  ...(await original<typeof import('../../utils/image/fetch-bytes')>()),
  fetchPictureBytes: () => Promise.resolve(new Uint8Array(RED_PNG)),
}));
vi.mock('../../utils/image/prepare', async (original) => ({
  ...(await original<typeof import('../../utils/image/prepare')>()),
  thumbnailOfBytes: () => Promise.resolve(RED_DATA_URL),
  prepareImage: (bytes: Uint8Array) =>
    Promise.resolve({
      dataUrl: RED_DATA_URL, mime: 'image/png', width: 8, height: 8, bytes: bytes.length,
      original: { type: 'image/png', width: 8, height: 8, bytes: bytes.length }, notes: [], thumbnail: RED_DATA_URL,
    }),
}));

const server = useFakeServer();
const PICTURE_URL = 'https://example.com/harbour.jpg';
const picture = { kind: 'image' as const, url: PICTURE_URL, pageUrl: 'https://example.com/news', pageTitle: 'Harbour news' };
const altAnswer = JSON.stringify({ alt: 'Boats in a harbour', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' });
const plainAnswer = 'ALT: Boats in a harbour\nKIND: informative\nDECORATIVE: no';

type ChatBody = {
  messages: { content: string | { type: string; image_url?: { url: string } }[] }[];
  response_format?: unknown;
};
const pictureSent = (n: number) =>
  (server.asks[n]!.body as ChatBody).messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).find((part) => part.type === 'image_url')?.image_url?.url;

describe('the order of a request', () => {
  /** A side that notes each step the runner takes, and when the ledger and the answer cache are written. */
  async function watchedSide(steps: string[], cached: boolean, overBudget: boolean) {
    const profile = await useProvider(server, { profile: { model: 'gpt-4o' } });
    const settings = await currentSettings();
    const preflight = connectionProblem(settings, await apiKeys.get(profile.id));
    if (!('connection' in preflight)) throw new Error(preflight.refusal.message);
    ledgerItem.watch(() => steps.push('cost'));
    answerCacheItem.watch(() => steps.push('remember'));
    const side: RequestSide<Attempt> = {
      connection: preflight.connection,
      signal: new AbortController().signal,
      lookUp: async () => {
        steps.push('cache');
        return cached ? { answer: 'From the cache', at: 1 } : undefined;
      },
      budget: async () => {
        steps.push('budget');
        return overBudget ? { kind: 'budget', message: 'Over budget' } : null;
      },
      remember: true,
      ledger: { conversationId: 'c1', kind: 'question', model: 'gpt-4o', profile },
      pictures: [{ width: 800, height: 600 }],
      mend: async () => null,
      listen: () => {
        steps.push(`send (${server.asks.length} asked so far)`);
        let first = true;
        return {
          delta: () => void (first && steps.push('stream'), (first = false)),
          end: async () => void steps.push('end'),
        };
      },
      billed: () => false,
    };
    return side;
  }
  const request: VisionRequest = { model: 'gpt-4o', detail: 'low', imageUrls: [PICTURE_URL], history: [], question: 'What is this?' };
  const attempt = async (): Promise<Attempt> => ({ request, key: await cacheKey('chat', request), byAddress: true });

  it('looks in the cache, then at the budget, then sends, streams, records the cost and only then remembers the answer', async () => {
    const steps: string[] = [];
    const end = await runRequest(await attempt(), await watchedSide(steps, false, false));
    expect(end.kind).toBe('answered');
    await vi.waitFor(() => expect(steps).toContain('remember'));
    expect(steps).toEqual(['cache', 'budget', 'send (0 asked so far)', 'stream', 'end', 'cost', 'remember']);
    expect(server.asks).toHaveLength(1);
  });

  it('answers from the cache without looking at the budget or sending anything', async () => {
    const steps: string[] = [];
    const end = await runRequest(await attempt(), await watchedSide(steps, true, true));
    expect(end).toMatchObject({ kind: 'cached', answer: 'From the cache' });
    expect(steps).toEqual(['cache']);
    expect(server.asks).toHaveLength(0);
  });

  it('sends nothing, and bills nothing, past a budget', async () => {
    const steps: string[] = [];
    const end = await runRequest(await attempt(), await watchedSide(steps, false, true));
    expect(end).toMatchObject({ kind: 'over-budget', refusal: { message: 'Over budget' } });
    expect(steps).toEqual(['cache', 'budget']);
    expect(server.asks).toHaveLength(0);
    expect((await ledgerItem.getValue()).entries).toHaveLength(0);
  });
});

/** Alt text for the picture as a conversation's turn; returns the stored turn. */
async function asTurn() {
  const { conversation, answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
  await answer();
  return (await loadConversation(conversation.id))!.turns[0]!;
}

/** Alt text for the picture as a row of the page audit; returns the row's outcome. */
async function asAuditRow() {
  const settings = await currentSettings();
  const preflight = connectionProblem(settings, await apiKeys.get(settings.profile.id));
  if (!('connection' in preflight)) throw new Error(preflight.refusal.message);
  const audit: Audit = {
    id: 'audit-1', createdAt: Date.now(), tabId: 1, frameId: 0, pageUrl: picture.pageUrl, pageTitle: picture.pageTitle, lang: 'en',
    model: 'gpt-4o', detail: 'low', rows: [], decorative: [], examined: 1, scanMs: 1, run: { state: 'running' },
  };
  const row: AuditRow = {
    id: 'p0', status: 'running',
    picture: { elementId: 'p0', kind: 'image', url: PICTURE_URL, currentAlt: null, need: { needs: true, reason: 'missing' }, width: 800, height: 600, context: { lang: 'en', pageTitle: picture.pageTitle } },
  };
  return describeRow({ audit, settings, connection: preflight.connection, signal: new AbortController().signal, thumbnails: false }, row);
}

const callers = [
  ['a conversation\'s turn', async () => (await asTurn()).altText?.result?.alt],
  ['a row of the page audit', async () => {
    const outcome = await asAuditRow();
    return outcome.kind === 'done' ? outcome.result.alt : `not done: ${JSON.stringify(outcome)}`;
  }],
] as const;

describe.each(callers)('the retries, for %s', (_caller, describeIt) => {
  it('sends the bytes, once, when the server could not download the picture\'s address', async () => {
    // gpt-4o counts tiles, so a low-detail address goes as the address first.
    await useProvider(server, { profile: { model: 'gpt-4o' } });
    server.reply({ status: 400, error: { message: `Timeout while downloading ${PICTURE_URL}.`, code: 'invalid_image_url' } });
    server.reply({ text: altAnswer });
    expect(await describeIt()).toBe('Boats in a harbour');
    expect(server.asks).toHaveLength(2);
    expect(pictureSent(0)).toBe(PICTURE_URL);
    expect(pictureSent(1)).toBe(RED_DATA_URL);
    // The refused request cost nothing: one line in the ledger.
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
  });

  it('asks for plain text, once, when the server refuses structured output', async () => {
    await useProvider(server, { profile: { model: 'gpt-4o' } });
    server.reply({ status: 400, error: { message: "'response_format' is not supported", param: 'response_format' } });
    server.reply({ text: plainAnswer });
    expect(await describeIt()).toBe('Boats in a harbour');
    expect(server.asks).toHaveLength(2);
    expect((server.asks[0]!.body as ChatBody).response_format).toBeDefined();
    expect((server.asks[1]!.body as ChatBody).response_format).toBeUndefined();
    expect((await ledgerItem.getValue()).entries).toHaveLength(1);
  });

  it('mends both refusals, one after the other, and gives up after that', async () => {
    await useProvider(server, { profile: { model: 'gpt-4o' } });
    server.reply({ status: 400, error: { message: "'response_format' is not supported", param: 'response_format' } });
    server.reply({ status: 400, error: { message: `Timeout while downloading ${PICTURE_URL}.`, code: 'invalid_image_url' } });
    server.reply({ status: 400, error: { message: "'response_format' is not supported", param: 'response_format' } });
    expect(await describeIt()).not.toBe('Boats in a harbour');
    expect(server.asks).toHaveLength(3);
    expect(pictureSent(2)).toBe(RED_DATA_URL);
    expect((server.asks[2]!.body as ChatBody).response_format).toBeUndefined();
  });
});
