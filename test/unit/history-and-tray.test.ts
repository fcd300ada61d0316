import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addToTray, moveInTray, removeFromTray, TRAY_LIMIT } from '../../utils/ask/compare';
import { conversationTitle, newConversation, newTurn, reachedServer, siteOf, type Conversation, type Turn, type TurnError } from '../../utils/ask/conversation';
import { saveNewConversation } from '../../utils/ask/conversation-store';
import { clearHistory, deleteConversation, HISTORY_LIMIT } from '../../utils/ask/history';
import { parseCustomActions } from '../../utils/ask/quick-actions';
import { compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, noticeItem } from '../../utils/storage';

const picture = (n: number) => ({ kind: 'image' as const, url: `https://example.com/${n}.png` });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('history', () => {
  it(`keeps the ${HISTORY_LIMIT} newest conversations, removes the oldest, and says so`, async () => {
    const ids: string[] = [];
    for (let i = 0; i <= HISTORY_LIMIT; i += 1) {
      const conversation = newConversation([picture(i)]);
      ids.push(conversation.id);
      await saveNewConversation(conversation);
    }
    const index = await conversationIndexItem.getValue();
    expect(index).toHaveLength(HISTORY_LIMIT);
    expect(index[0]).toBe(ids.at(-1));
    expect(index).not.toContain(ids[0]);
    expect(await conversationItem(ids[0]!).getValue()).toBeNull();
    expect(await conversationItem(ids[1]!).getValue()).not.toBeNull();
    expect((await noticeItem.getValue())?.message).toBe('History keeps the 100 most recent conversations, so the oldest one was removed.');
  });

  it('deletes one conversation, and the popup falls back to the next newest', async () => {
    const older = newConversation([picture(1)]);
    const newer = newConversation([picture(2)]);
    await saveNewConversation(older);
    await saveNewConversation(newer);
    await deleteConversation(newer.id);
    expect(await conversationIndexItem.getValue()).toEqual([older.id]);
    expect(await latestConversationIdItem.getValue()).toBe(older.id);
    expect(await conversationItem(newer.id).getValue()).toBeNull();
  });

  it('clears everything', async () => {
    await saveNewConversation(newConversation([picture(1)]));
    await clearHistory();
    expect(await conversationIndexItem.getValue()).toEqual([]);
    expect(await latestConversationIdItem.getValue()).toBeNull();
  });
});

describe('the comparison tray', () => {
  it('keeps the user\'s order, moves and removes pictures', async () => {
    for (const n of [1, 2, 3]) await addToTray({ picture: picture(n) });
    const [a, b, c] = await compareTrayItem.getValue();
    await moveInTray(c!.id, -1);
    expect((await compareTrayItem.getValue()).map((e) => e.id)).toEqual([a!.id, c!.id, b!.id]);
    await moveInTray(a!.id, -1); // already first: nothing moves
    await removeFromTray(c!.id);
    expect((await compareTrayItem.getValue()).map((e) => e.picture.url)).toEqual(['https://example.com/1.png', 'https://example.com/2.png']);
  });

  it(`holds ${TRAY_LIMIT} pictures at most, and says so`, async () => {
    for (let n = 0; n < TRAY_LIMIT; n += 1) await addToTray({ picture: picture(n) });
    await expect(addToTray({ picture: picture(99) })).rejects.toThrow(`The comparison holds ${TRAY_LIMIT} pictures at most.`);
  });
});

describe('parseCustomActions', () => {
  it('reads "Label: question" lines and skips blank ones', () => {
    expect(parseCustomActions('Colours: Which colours are in it?\n\n  Count: How many people are there?  ')).toEqual([
      { label: 'Colours', prompt: 'Which colours are in it?' },
      { label: 'Count', prompt: 'How many people are there?' },
    ]);
  });
});

describe('history entries as the list shows them', () => {
  const settings = { model: 'gpt-4o', detail: 'low' as const, api: 'chat' as const };
  const asked = (answer: string, fields: Partial<Turn> = {}): Conversation => {
    const conversation = newConversation([{ ...picture(1), pageUrl: 'https://news.example.org/story?id=4' }]);
    conversation.turns.push({ ...newTurn("What's in this image?", settings), answer, status: 'done', ...fields });
    return conversation;
  };

  it('are named by the answer\'s opening words, not the question they mostly share', () => {
    expect(conversationTitle(asked('**A red fox** crossing a road.\n\n- at dusk'))).toBe('A red fox crossing a road.');
    expect(conversationTitle(asked('- Soft textures\n- Warm light'))).toBe('Soft textures');
    expect(conversationTitle(asked('1. A cat\n2. A dog'))).toBe('A cat');
    expect(conversationTitle(asked('## Three cats\n\n> on a sofa'))).toBe('Three cats');
    expect(conversationTitle(asked('3 cats on a sofa.'))).toBe('3 cats on a sofa.');
    expect(conversationTitle(asked(''))).toBe("What's in this image?");
    const long = conversationTitle(asked('word '.repeat(40)));
    expect(long.length).toBe(90);
    expect(long.endsWith('…')).toBe(true);
  });

  it('show the site the picture came from, and none for a file', () => {
    expect(siteOf(asked('x'))).toBe('news.example.org');
    expect(siteOf(newConversation([picture(1)]))).toBe('');
    expect(siteOf(newConversation([{ ...picture(1), pageUrl: 'not an address' }]))).toBe('');
  });

  it('leave out an attempt refused before anything was sent, and keep one the server answered or failed', () => {
    const refused = (kind: TurnError['kind']) => asked('', { status: 'error', error: { kind, message: 'x' } });
    for (const kind of ['no-key', 'settings', 'budget', 'image'] as const) expect(reachedServer(refused(kind))).toBe(false);
    for (const kind of ['http', 'network', 'timeout', 'interrupted'] as const) expect(reachedServer(refused(kind))).toBe(true);
    expect(reachedServer(asked('An answer.'))).toBe(true);
    expect(reachedServer(asked('', { status: 'streaming' }))).toBe(true);
  });
});
