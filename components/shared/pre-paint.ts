/**
 * The stored answer, painted before the popup's (or the side panel's) code has loaded: one round
 * of reads through the browser's own storage API, and the turns' words put in as text, in a box
 * with the App's own classes and accessible name. The App's code loads after it
 * (entrypoints/popup/main.tsx) and renders over it (components/popup/mount.tsx).
 *
 * This file and the one helper it imports are the page's first JavaScript (with WXT's own small
 * chunk), so it imports nothing that loads WXT's storage or the browser polyfill. The keys below
 * are those utils/storage.ts defines, less the "local:" or "session:" WXT drops from an item's key
 * (test/unit/pre-paint.test.ts writes through those items and reads through this file, so the two
 * cannot drift apart unnoticed).
 */
import { isIncognito } from '../../utils/ask/conversation';
import type { Surface } from './surface';

/** The conversation the page showed last time, so it can be read in the first round (first-paint.ts keeps it). */
export const LAST_SHOWN_KEY = 'popup:lastConversationId';

/**
 * How far below the top of its page's content the App's answer box began last time, in px, per
 * surface (rememberTurnsTop): the pre-paint puts its words there, so they do not jump down by the
 * height of the views and the picture header when the App renders above them.
 */
const turnsTopKey = (surface: Surface) => `prePaint:turnsTop:${surface}`;

const LATEST_ID = 'latestConversationId';
const AUDIT = 'audit';
const COMPARE_TRAY = 'compareTray';
const conversationKey = (id: string) => `conversation:${id}`;

interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** What the pre-paint uses of the browser's API: `browser` in Firefox, `chrome` in Chrome (both promise-based in MV3). */
export interface PrePaintApi {
  storage: { local: StorageArea; session: StorageArea };
  i18n: { getMessage(key: string): string };
  windows: { getCurrent(): Promise<{ incognito: boolean }> };
}

/** One turn as the pre-paint shows it: the question, and the answer's words (empty for alt text, whose card the App draws). */
export interface TurnWords {
  question: string;
  answer: string;
}

function extensionApi(): PrePaintApi {
  const scope = globalThis as { browser?: PrePaintApi; chrome?: PrePaintApi };
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('No extension API in this page.');
  return api;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const createdAt = (value: unknown): number => (isRecord(value) && typeof value.createdAt === 'number' ? value.createdAt : 0);

/**
 * The words of a stored conversation's turns, or null when the value is not one. Read defensively:
 * the value comes straight from storage, without the migrations WXT would run on it.
 */
export function turnWords(conversation: unknown): TurnWords[] | null {
  if (!isRecord(conversation) || !Array.isArray(conversation.turns)) return null;
  const turns: TurnWords[] = [];
  for (const turn of conversation.turns as unknown[]) {
    if (!isRecord(turn) || typeof turn.question !== 'string') return null;
    // An alt-text turn's answer is the JSON the suggestion arrived as; the App shows it as a card.
    const answer = typeof turn.answer === 'string' && !turn.altText ? turn.answer : '';
    turns.push({ question: turn.question, answer });
  }
  return turns;
}

/**
 * Whether the App opens on the conversation, by its own rule (useFollowedView.ts): a view asked for in the
 * address (`?view=audit`); otherwise what the person did last, a tie going to the audit, then to
 * the comparison tray. Painting the conversation when the App then shows another view would be a
 * flash of the wrong thing.
 */
export function opensOnConversation(requested: string | null, conversationAt: number, auditAt: number, newestTrayAt: number): boolean {
  if (requested === 'conversation') return true;
  if (requested === 'compare' || requested === 'history' || requested === 'audit') return false;
  const latest = Math.max(conversationAt, auditAt, newestTrayAt);
  if (auditAt > 0 && auditAt === latest) return false;
  return !(newestTrayAt > 0 && newestTrayAt === latest);
}

/**
 * The latest conversation's id and the turns the App will show first, read in one round (the
 * latest id, the conversation shown last time, the audit and the tray together); a second read only
 * when the latest conversation is not the one shown last time. Null when the App will show
 * something else, or nothing is stored.
 */
export async function readShownTurns(api: PrePaintApi, guess: string | null, requested: string | null): Promise<{ id: string; turns: TurnWords[] } | null> {
  const areaOf = (id: string) => (isIncognito(id) ? api.storage.session : api.storage.local);
  const guessIn = (incognito: boolean) => (guess && isIncognito(guess) === incognito ? [conversationKey(guess)] : []);
  const [local, session] = await Promise.all([
    api.storage.local.get([LATEST_ID, ...guessIn(false)]),
    api.storage.session.get([AUDIT, COMPARE_TRAY, ...guessIn(true)]),
  ]);
  const latest = local[LATEST_ID];
  if (typeof latest !== 'string' || !latest) return null;
  const key = conversationKey(latest);
  const conversation = latest === guess ? (isIncognito(latest) ? session : local)[key] : (await areaOf(latest).get([key]))[key];
  const tray = Array.isArray(session[COMPARE_TRAY]) ? (session[COMPARE_TRAY] as unknown[]) : [];
  const newestTrayAt = tray.reduce<number>((newest, entry) => Math.max(newest, isRecord(entry) && typeof entry.addedAt === 'number' ? entry.addedAt : 0), 0);
  if (!opensOnConversation(requested, createdAt(conversation), createdAt(session[AUDIT]), newestTrayAt)) return null;
  const turns = turnWords(conversation);
  return turns && turns.length > 0 ? { id: latest, turns } : null;
}

/**
 * Whether the side panel's window is a private one, as the App asks it (useShownConversationId.ts):
 * a panel stays on screen, so it shows a private window's conversation only in a private window, and
 * an ordinary one only in an ordinary window. Not knowing, the window counts as ordinary.
 */
async function inPrivateWindow(api: PrePaintApi): Promise<boolean> {
  try {
    return (await api.windows.getCurrent()).incognito;
  } catch (error) {
    console.error('Could not tell whether the side panel is in a private window; it pre-paints no private conversation.', error);
    return false;
  }
}

/**
 * Puts the turns into `root` as the App lays them out (ConversationView's `.turns` log and
 * TurnView's question and answer), as text only: the words are the model's, untrusted, and the
 * markdown renderer has not loaded. Busy, as the App's own page is until its data is in; not
 * focusable, since the App replaces it within moments and a focus there would be lost. `top` is
 * where the App's box began last time, below the page's padding (null when not known).
 */
export function paintTurns(root: HTMLElement, turns: readonly TurnWords[], surface: Surface, label: string, top: number | null): void {
  const page = root.ownerDocument;
  const main = page.createElement('main');
  main.className = surface === 'sidepanel' ? 'popup panel' : 'popup';
  main.setAttribute('aria-busy', 'true');
  // A picture for the eyes while the App loads, which replaces it within moments: screen readers
  // (and tests, which find the answer by its role and name) meet only the App's own log.
  main.setAttribute('aria-hidden', 'true');
  const log = page.createElement('div');
  log.className = 'turns';
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', label);
  log.setAttribute('aria-live', 'off');
  for (const turn of turns) {
    const article = page.createElement('article');
    article.className = 'turn';
    const question = page.createElement('p');
    question.className = 'question';
    question.textContent = turn.question;
    article.append(question);
    if (turn.answer) {
      // The App's plain form of an answer, before its renderer loads (AnswerText.tsx): same classes, same wrapping.
      const answer = page.createElement('div');
      answer.className = 'answer answer-text';
      answer.textContent = turn.answer;
      article.append(answer);
    }
    log.append(article);
  }
  main.append(log);
  root.append(main);
  // Set before anything is measured, so the frame lays the page out once.
  if (top !== null && top > 0) log.style.marginTop = `${top}px`;
  // The newest turn in view, as the App places it: its start at the top when the turns overflow.
  const newest = log.lastElementChild;
  if (turns.length > 1 && newest && log.scrollHeight > log.clientHeight) {
    log.scrollTop = newest.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
  }
}

/** Keeps where the App's answer box begins (after its render, mount.tsx), for the next pre-paint. */
export function rememberTurnsTop(root: HTMLElement, surface: Surface): void {
  const main = root.querySelector('main');
  const log = main?.querySelector('.turns');
  // Another view than the conversation: where the box was last time still stands.
  if (!main || !log) return;
  // Measured from where the pre-paint's box starts: the page's content edge, inside its border and padding.
  const content = main.getBoundingClientRect().top + main.clientTop + (parseFloat(getComputedStyle(main).paddingTop) || 0);
  localStorage.setItem(turnsTopKey(surface), String(Math.round(log.getBoundingClientRect().top - content)));
}

/**
 * The next frame drawn: its animation-frame callbacks run just before it is drawn, and a task
 * queued from one runs after it, so whatever starts then (the App's code loading) cannot hold the
 * frame back. A hidden page draws no frames.
 */
function frameDrawn(page: Document): Promise<void> {
  const view = page.defaultView;
  if (page.visibilityState === 'hidden' || !view) return Promise.resolve();
  return new Promise((drawn) => view.requestAnimationFrame(() => view.setTimeout(drawn, 0)));
}

/**
 * Reads and paints the stored answer into `root`, unless the App has rendered there first (then
 * what it shows is newer than anything this read). Resolves once what it painted has been drawn,
 * at once when it painted nothing: the moment to load the App. With the App loaded as soon as the
 * read came back instead, that frame came later: the words were painted 146, 143 and 144 ms after
 * navigation (medians of three interleaved runs of 15 to 20 pages, 2 cores, load 5 to 17) against
 * 138, 109 and 130 ms after the frame.
 */
export async function prePaint(root: HTMLElement, surface: Surface, api: PrePaintApi = extensionApi()): Promise<void> {
  const page = root.ownerDocument;
  const requested = new URLSearchParams(page.location.search).get('view');
  const [shown, privateWindow] = await Promise.all([
    readShownTurns(api, localStorage.getItem(LAST_SHOWN_KEY), requested),
    // A popup shows the latest conversation wherever it is opened; a side panel only one of its window's kind.
    surface === 'sidepanel' ? inPrivateWindow(api) : null,
  ]);
  if (!shown || root.firstChild) return;
  if (privateWindow !== null && isIncognito(shown.id) !== privateWindow) return;
  const { turns } = shown;
  const top = Number(localStorage.getItem(turnsTopKey(surface)) ?? NaN);
  paintTurns(root, turns, surface, api.i18n.getMessage('answerLog') || 'Answer', Number.isFinite(top) ? top : null);
  await frameDrawn(page);
}
