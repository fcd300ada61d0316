/**
 * One profile's key never reaches another profile's server. Two fake servers record every request
 * (headers and bodies); profile A points at one with key sk-A, profile B at the other with sk-B,
 * and questions go through the real pipeline while the user switches between them.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../utils/ask/conversation';
import { loadConversation } from '../../utils/ask/conversation-store';
import { askFollowUp, createConversation, retryTurn } from '../../utils/ask/start';
import { apiKeys } from '../../utils/api-key-store';
import { t } from '../../utils/shared/i18n';
import { pageRequestHandlers } from '../../utils/background/page-requests';
import { changeSettings } from '../../utils/profiles/profile-store';
import { DEFAULT_SETTINGS, profileFromPreset, type Profile } from '../../utils/settings';
import { settingsItem } from '../../utils/storage';
import { FakeOpenAI, type RecordedRequest } from '../fake-openai/server';
import { useFakeServer } from './fake-server';

const serverA = useFakeServer();
const serverB = new FakeOpenAI();
beforeAll(async () => {
  await serverB.start();
});
afterAll(async () => {
  await serverB.stop();
});
beforeEach(() => serverB.reset());
afterEach(() => {
  expect(serverB.violations).toEqual([]);
});

const picture = { kind: 'image' as const, url: 'https://example.com/cat.jpg', pageUrl: 'https://example.com/', pageTitle: 'Cats' };
const sender = {} as never;

/** Everything a request carried, as one text: a key anywhere in it is found. */
const carried = (request: RecordedRequest) => JSON.stringify([request.headers, request.body]);
/** Whether any request that reached `server` carried `key`. */
const reached = (server: FakeOpenAI, key: string) => server.requests.some((request) => carried(request).includes(key));

let profileA: Profile;
let profileB: Profile;

beforeEach(async () => {
  profileA = { ...profileFromPreset('openai', 'a', 'Work'), baseUrl: serverA.url, model: 'gpt-4.1-mini' };
  profileB = { ...profileFromPreset('custom', 'b', 'Home'), baseUrl: serverB.url, model: 'gpt-4o' };
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [profileA, profileB], activeProfileId: 'a' });
  // Each key as the options save it: through the background, bound to its own profile's server.
  await pageRequestHandlers.saveApiKey({ profileId: 'a', apiKey: 'sk-A' }, sender);
  await pageRequestHandlers.saveApiKey({ profileId: 'b', apiKey: 'sk-B' }, sender);
});

async function stored(id: string): Promise<Conversation> {
  const found = await loadConversation(id);
  if (!found) throw new Error(`conversation ${id} is not stored`);
  return found;
}

async function ask(): Promise<Conversation> {
  const { conversation, answer } = await createConversation({ picture });
  await answer();
  return stored(conversation.id);
}

describe('two profiles, two servers', () => {
  it('a switch takes effect on the next question: it goes to the second server with its own key, and the first gets nothing more', async () => {
    const first = await ask();
    expect(serverA.asks).toHaveLength(1);
    expect(serverA.asks[0]!.headers.authorization).toBe('Bearer sk-A');
    expect(first.turns[0]).toMatchObject({ status: 'done', profileId: 'a', profileName: 'Work', model: 'gpt-4.1-mini' });

    await pageRequestHandlers.chooseProfile({ profileId: 'b' }, sender);
    // A follow-up in the same conversation, then a new conversation: both are the new profile's.
    const { done } = await askFollowUp(first.id, 'And the colour?');
    await done;
    const second = await ask();
    expect(serverA.asks).toHaveLength(1);
    expect(serverB.asks).toHaveLength(2);
    for (const request of serverB.asks) expect(request.headers.authorization).toBe('Bearer sk-B');
    expect((serverB.asks[0]!.body as { model: string }).model).toBe('gpt-4o');
    expect((await stored(first.id)).turns[1]).toMatchObject({ status: 'done', profileId: 'b', profileName: 'Home', model: 'gpt-4o' });
    expect(second.turns[0]).toMatchObject({ status: 'done', profileId: 'b' });

    expect(reached(serverB, 'sk-A')).toBe(false);
    expect(reached(serverA, 'sk-B')).toBe(false);
  });

  it('the same picture and question asked after a switch reach the new server, not the first one\'s remembered answer', async () => {
    // Same model on both, so only the server tells the two requests apart.
    await changeSettings((s) => ({ ...s, profiles: s.profiles.map((p) => ({ ...p, model: 'gpt-4o' })) }));
    await ask();
    await pageRequestHandlers.chooseProfile({ profileId: 'b' }, sender);
    const again = await ask();
    expect(again.turns[0]!.cached).toBeUndefined();
    expect(serverB.asks).toHaveLength(1);
    expect(serverA.asks).toHaveLength(1);
  });

  it('Ask again sends a turn to the profile it was asked of, even after a switch', async () => {
    const first = await ask();
    await pageRequestHandlers.chooseProfile({ profileId: 'b' }, sender);
    const { done } = await retryTurn(first.id, first.turns[0]!.id, { bypassCache: true });
    await done;
    expect(serverA.asks).toHaveLength(2);
    expect(serverA.asks[1]!.headers.authorization).toBe('Bearer sk-A');
    expect(serverB.requests).toHaveLength(0);
  });

  it('a turn whose profile was deleted is answered by the active one, with that one\'s key, and says so', async () => {
    const first = await ask();
    await pageRequestHandlers.chooseProfile({ profileId: 'b' }, sender);
    await pageRequestHandlers.deleteProfile({ profileId: 'a' }, sender);
    expect(await apiKeys.get('a')).toBeNull();
    const { done } = await retryTurn(first.id, first.turns[0]!.id, { bypassCache: true });
    await done;
    expect(serverA.asks).toHaveLength(1);
    expect(serverB.asks[0]!.headers.authorization).toBe('Bearer sk-B');
    expect((await stored(first.id)).turns[0]).toMatchObject({ status: 'done', profileId: 'b', profileName: 'Home', model: 'gpt-4o' });
  });
});

describe('a base URL typed later', () => {
  it('does not get the profile\'s key, nor the key another profile saved for that very server', async () => {
    // Profile B now points at A's server, and B's key is not saved again: B's key was saved for
    // B's server, and A's key belongs to A. Neither goes.
    await changeSettings((s) => ({ ...s, profiles: s.profiles.map((p) => (p.id === 'b' ? { ...p, baseUrl: serverA.url } : p)), activeProfileId: 'b' }));
    const refused = await ask();
    expect(refused.turns[0]!.error).toEqual({
      kind: 'no-key',
      message: `Your API key was saved for ${new URL(serverB.url).host}, and the base URL now points to ${new URL(serverA.url).host}. Save the key again in the options to send it there. Nothing was sent.`,
    });
    expect(serverA.requests).toHaveLength(0);
    expect(serverB.requests).toHaveLength(0);
  });

  it('a base URL that only starts with the key\'s server (its origin as a user name before another host) does not get the key', async () => {
    // Profile A's key was saved for server A. "http://127.0.0.1:PORT@127.0.0.1:OTHER/v1" begins with
    // that origin, but its host is server B's: the key must be refused, not sent there.
    const a = new URL(serverA.url);
    const b = new URL(serverB.url);
    const disguised = `${a.origin}@${b.host}/v1`;
    expect(new URL(disguised).host).toBe(b.host);
    await changeSettings((s) => ({ ...s, profiles: s.profiles.map((p) => (p.id === 'a' ? { ...p, baseUrl: disguised } : p)) }));
    const refused = await ask();
    expect(refused.turns[0]!.error).toEqual({
      kind: 'no-key',
      message: `Your API key was saved for ${a.host}, and the base URL now points to ${b.host}. Save the key again in the options to send it there. Nothing was sent.`,
    });
    expect(serverA.requests).toHaveLength(0);
    expect(serverB.requests).toHaveLength(0);
  });

  it('a key saved while the base URL was no address belongs to no server: it is asked for again, and goes nowhere', async () => {
    await apiKeys.set('a', { key: 'sk-unbound', origin: '' });
    const refused = await ask();
    expect(refused.turns[0]!.error).toEqual({ kind: 'no-key', message: t('errNoKey') });
    expect(serverA.requests).toHaveLength(0);
    expect(serverB.requests).toHaveLength(0);
  });

  it('on a profile that needs no key and has none, goes without any key: never with another profile\'s', async () => {
    const local: Profile = { ...profileFromPreset('ollama', 'c', 'Laptop'), baseUrl: serverA.url, model: 'gemma3', sendImagesAs: 'url' };
    await changeSettings((s) => ({ ...s, profiles: [...s.profiles, local], activeProfileId: 'c' }));
    const answered = await ask();
    expect(answered.turns[0]).toMatchObject({ status: 'done', profileId: 'c' });
    expect(serverA.asks).toHaveLength(1);
    expect(serverA.asks[0]!.headers.authorization).toBeUndefined();
    expect(reached(serverA, 'sk-A')).toBe(false);
    expect(reached(serverA, 'sk-B')).toBe(false);
  });
});
