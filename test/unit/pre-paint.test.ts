// @vitest-environment happy-dom
/**
 * The pre-paint (components/shared/pre-paint.ts): the stored answer in the page before the App's
 * code has loaded. Data is written through the items of utils/storage.ts and read by the pre-paint
 * through the raw storage API, so a key that drifts from the items fails here; the model's words
 * must arrive as text, never as markup.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Conversation, Turn } from '../../utils/ask/conversation';
import { auditItem, compareTrayItem, conversationItem, latestConversationIdItem } from '../../utils/storage';
import type { Audit } from '../../utils/alt-text/audit-record';
import { LAST_SHOWN_KEY, opensOnConversation, prePaint, rememberTurnsTop, turnWords } from '../../components/shared/pre-paint';

const HOSTILE = '<img src="x" onerror="globalThis.ran = true"><b>bold</b> & <script>globalThis.ran = true</script>';

function turn(fields: Partial<Turn>): Turn {
  return { id: 't1', question: 'What is this?', answer: 'A red rectangle.', status: 'done', model: 'gpt-4.1-mini', detail: 'auto', api: 'chat', startedAt: 1, ...fields };
}

function conversation(id: string, turns: Turn[], createdAt = 1_000): Conversation {
  return { id, createdAt, image: { kind: 'image', url: 'https://example.com/a.png' }, turns };
}

async function store(value: Conversation): Promise<void> {
  await conversationItem(value.id).setValue(value);
  await latestConversationIdItem.setValue(value.id);
}

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  history.replaceState(null, '', '/popup.html');
  document.body.innerHTML = '<div id="app"></div>';
  root = document.getElementById('app')!;
});
afterEach(() => {
  delete (globalThis as { ran?: boolean }).ran;
});

const log = () => root.querySelector('[role="log"]');

describe('prePaint', () => {
  it('paints the stored turns as text: markup in an answer stays the words it was', async () => {
    await store(conversation('c1', [turn({ question: '<i>why</i>?', answer: HOSTILE })]));
    await prePaint(root, 'popup', fakeBrowser);
    expect(log()?.getAttribute('aria-label')).toBe('Answer');
    // Hidden from screen readers (and from tests finding the App's log by its name): the App replaces it.
    expect(root.querySelector('main')?.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('.question')?.textContent).toBe('<i>why</i>?');
    expect(root.querySelector('.answer')?.textContent).toBe(HOSTILE);
    expect(root.querySelectorAll('img, b, i, script')).toHaveLength(0);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
  });

  it('is laid out with the App\'s classes, in the side panel\'s main box there', async () => {
    await store(conversation('c1', [turn({})]));
    await prePaint(root, 'sidepanel', { ...fakeBrowser, windows: { getCurrent: async () => ({ incognito: false }) } });
    expect(root.querySelector('main')?.className).toBe('popup panel');
    expect(root.querySelector('main > .turns[role="log"] > article.turn > p.question + div.answer.answer-text')).not.toBeNull();
  });

  it('paints every turn, and no JSON for an alt-text turn', async () => {
    const altText = { context: { title: '' }, language: '', limit: 125, structured: true } as unknown as Turn['altText'];
    await store(conversation('c1', [turn({ id: 't1', answer: 'First answer.' }), turn({ id: 't2', question: 'Alt text', answer: '{"alt":"x"}', altText })]));
    await prePaint(root, 'popup', fakeBrowser);
    expect([...root.querySelectorAll('.question')].map((p) => p.textContent)).toEqual(['What is this?', 'Alt text']);
    expect([...root.querySelectorAll('.answer')].map((p) => p.textContent)).toEqual(['First answer.']);
  });

  it('reads a private window\'s conversation from session storage', async () => {
    await store(conversation('incognito-c2', [turn({ answer: 'Only in memory.' })]));
    await prePaint(root, 'popup', fakeBrowser);
    expect(log()?.textContent).toContain('Only in memory.');
  });

  it.each([
    ['an ordinary window', false, 'c1', true],
    ['an ordinary window', false, 'incognito-c2', false],
    ['a private window', true, 'incognito-c2', true],
    ['a private window', true, 'c1', false],
  ])('in the side panel of %s, paints the latest conversation %s only when it is of the window\'s kind', async (_, incognito, id, painted) => {
    await store(conversation(id, [turn({ answer: 'Stored words.' })]));
    const api = { ...fakeBrowser, windows: { getCurrent: async () => ({ incognito }) } };
    await prePaint(root, 'sidepanel', api);
    expect(Boolean(log()?.textContent?.includes('Stored words.'))).toBe(painted);
  });

  it('paints a private conversation in a popup, which is opened in the window the person is in', async () => {
    await store(conversation('incognito-c2', [turn({ answer: 'Stored words.' })]));
    const api = { ...fakeBrowser, windows: { getCurrent: async () => ({ incognito: false }) } };
    await prePaint(root, 'popup', api);
    expect(log()?.textContent).toContain('Stored words.');
  });

  it.each([
    ['the conversation shown last time', 'c1'],
    ['an older conversation', 'c0'],
    ['nothing yet', null],
  ])('paints the latest conversation when the page showed %s before', async (_, guess) => {
    await store(conversation('c0', [turn({ answer: 'Old answer.' })], 500));
    await store(conversation('c1', [turn({ answer: 'New answer.' })]));
    if (guess) localStorage.setItem(LAST_SHOWN_KEY, guess);
    await prePaint(root, 'popup', fakeBrowser);
    expect(log()?.textContent).toContain('New answer.');
    expect(log()?.textContent).not.toContain('Old answer.');
  });

  it('paints nothing when nothing is stored, or the latest conversation is gone', async () => {
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.childNodes).toHaveLength(0);
    await latestConversationIdItem.setValue('gone');
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.childNodes).toHaveLength(0);
  });

  it('leaves the page alone when the App has rendered first', async () => {
    await store(conversation('c1', [turn({})]));
    root.innerHTML = '<main class="popup">the App</main>';
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.innerHTML).toBe('<main class="popup">the App</main>');
  });

  it('paints nothing when the App opens on a newer audit or tray, or on a view asked for', async () => {
    await store(conversation('c1', [turn({})], 1_000));
    await auditItem.setValue({ createdAt: 2_000 } as Audit);
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.childNodes).toHaveLength(0);

    await auditItem.setValue(null);
    await compareTrayItem.setValue([{ id: 'p1', picture: { kind: 'image', url: 'https://example.com/b.png' }, addedAt: 3_000 }]);
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.childNodes).toHaveLength(0);

    await compareTrayItem.setValue([]);
    history.replaceState(null, '', '/popup.html?view=history');
    await prePaint(root, 'popup', fakeBrowser);
    expect(root.childNodes).toHaveLength(0);

    history.replaceState(null, '', '/popup.html?view=conversation');
    await prePaint(root, 'popup', fakeBrowser);
    expect(log()?.textContent).toContain('A red rectangle.');
  });
});

describe('opensOnConversation, as useFollowedView.ts chooses the first view', () => {
  it.each([
    ['nothing newer', null, 1_000, 0, 0, true],
    ['a newer audit', null, 1_000, 2_000, 0, false],
    ['an audit at the same moment (the audit wins a tie)', null, 1_000, 1_000, 0, false],
    ['an older audit', null, 2_000, 1_000, 0, true],
    ['a picture added to the tray since', null, 1_000, 0, 2_000, false],
    ['a tray added to at the same moment', null, 1_000, 0, 1_000, false],
    ['an older tray', null, 2_000, 0, 1_000, true],
    ['?view=conversation over a newer audit', 'conversation', 1_000, 2_000, 0, true],
    ['?view=history', 'history', 2_000, 0, 0, false],
    ['?view=audit', 'audit', 2_000, 0, 0, false],
    ['?view=compare', 'compare', 2_000, 0, 0, false],
    ['an unknown ?view=', 'nonsense', 2_000, 0, 0, true],
  ])('%s', (_, requested, conversationAt, auditAt, trayAt, expected) => {
    expect(opensOnConversation(requested, conversationAt, auditAt, trayAt)).toBe(expected);
  });
});

describe('turnWords', () => {
  it.each([null, 'text', { turns: 'no' }, { turns: [{ answer: 'no question' }] }])('is null for what is not a conversation: %j', (value) => {
    expect(turnWords(value)).toBeNull();
  });
});

describe('where the words are painted', () => {
  it('puts the answer box where the App\'s began last time, so the words do not jump when it renders', async () => {
    await store(conversation('c1', [turn({})]));
    localStorage.setItem('prePaint:turnsTop:popup', '77');
    await prePaint(root, 'popup', fakeBrowser);
    expect((log() as HTMLElement).style.marginTop).toBe('77px');
  });

  it('keeps the App\'s answer box position per surface, and only from the conversation view', async () => {
    root.innerHTML = '<main class="popup"><nav></nav><div class="turns" role="log"></div></main>';
    rememberTurnsTop(root, 'sidepanel');
    expect(localStorage.getItem('prePaint:turnsTop:sidepanel')).toBe('0');
    expect(localStorage.getItem('prePaint:turnsTop:popup')).toBeNull();
    localStorage.setItem('prePaint:turnsTop:popup', '77');
    root.innerHTML = '<main class="popup"><section class="history"></section></main>';
    rememberTurnsTop(root, 'popup');
    expect(localStorage.getItem('prePaint:turnsTop:popup')).toBe('77');
  });
});
