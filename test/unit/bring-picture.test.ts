/** Pictures brought to the popup: what is refused before anything is read or sent, and where the rest go. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { bringAddress, bringFiles } from '../../utils/ask/bring-picture';
import { compareTrayItem, conversationItem, latestConversationIdItem } from '../../utils/storage';
import { useProvider } from './provider';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const red = `data:image/png;base64,${readFileSync(resolve(import.meta.dirname, '../fixtures/images/red.png')).toString('base64')}`;

beforeEach(async () => {
  await useProvider(server);
});

describe('bringFiles', () => {
  it.each([
    ['something that is not a data URL', [{ dataUrl: 'https://example.com/cat.jpg', name: 'cat.jpg' }], /not a file the extension can read/],
    ['nothing at all', [], /No picture came with that/],
    ['a text file', [{ dataUrl: `data:text/plain;base64,${btoa('eggs, milk')}`, name: 'notes.txt' }], /not a picture format/],
    ['an empty file', [{ dataUrl: 'data:image/png;base64,', name: 'empty.png' }], /empty \(0 bytes\)/],
    ['one bad file among good ones', [{ dataUrl: red, name: 'red.png' }, { dataUrl: 'data:image/png;base64,', name: 'empty.png' }], /empty \(0 bytes\)/],
  ])('refuses %s, and sends nothing', async (_, files, words) => {
    await expect(bringFiles(files)).rejects.toThrow(words);
    expect(server.asks).toHaveLength(0);
    expect(await compareTrayItem.getValue()).toEqual([]);
  });

  it('puts several pictures in the comparison tray, in order, and asks nothing yet', async () => {
    const { to } = await bringFiles([{ dataUrl: red, name: 'one.png' }, { dataUrl: red, name: 'two.png' }]);
    expect(to).toBe('compare');
    expect((await compareTrayItem.getValue()).map((entry) => entry.picture.pageTitle)).toEqual(['one.png', 'two.png']);
    expect(server.asks).toHaveLength(0);
  });

  it('starts a conversation about one picture, its size known for the estimate and its bytes kept apart', async () => {
    const { to, done } = await bringFiles([{ dataUrl: red, name: 'red.png' }]);
    // Node has no image decoder, so the answer itself is checked end to end (any-picture.e2e.ts).
    await done;
    expect(to).toBe('conversation');
    const conversation = await conversationItem((await latestConversationIdItem.getValue())!).getValue();
    expect(conversation?.image).toEqual({ kind: 'image', pageTitle: 'red.png', width: 64, height: 48 });
  });
});

describe('bringAddress', () => {
  it.each(['not an address', 'javascript:alert(1)', 'ftp://example.com/cat.jpg', 'file:///etc/passwd'])('refuses "%s" before reading anything', async (address) => {
    await expect(bringAddress(address)).rejects.toThrow(/is not a picture’s web address/);
    expect(server.requests).toHaveLength(0);
  });
});
