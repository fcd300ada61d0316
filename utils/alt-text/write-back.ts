/**
 * Writing alt text back where it is needed: into the live picture (Apply, with Undo) or into the
 * alt-text field the user has focused in a CMS or a social site (Fill). The page side does the
 * writing (utils/page/alt-text/apply.ts); here the background finds the page and remembers what it did.
 */
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import type { PictureRef } from '../ask/conversation';
import { loadConversation, updateTurn } from '../ask/conversation-store';

/** Longer than any alt text should be; a guard against a page message carrying a novel. */
export const MAX_ALT_LENGTH = 2000;

function checkedText(text: unknown): string {
  if (typeof text !== 'string') throw new Error(t('altNotText'));
  const trimmed = text.trim();
  if (trimmed.length > MAX_ALT_LENGTH) throw new Error(t('altTooLongToApply', MAX_ALT_LENGTH));
  return trimmed;
}

/** Where the conversation's picture lives in a page, or a sentence saying why it cannot be reached. */
async function pageOf(conversationId: string): Promise<Required<NonNullable<PictureRef['page']>>> {
  const conversation = await loadConversation(conversationId);
  if (!conversation) throw new Error(t('conversationGone'));
  const page = conversation.image.page;
  if (!page?.elementId) throw new Error(t('altNoPage'));
  return { tabId: page.tabId, frameId: page.frameId, elementId: page.elementId };
}

/** Runs a page request, turning "no such tab / no content script" into the sentence a person needs. */
async function inPage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The browser's own words when the tab is closed or the page was left: not useful to a person.
    if (/no tab|receiving end does not exist|could not establish connection|frame/i.test(message)) throw new Error(t('altPageGone'));
    throw error;
  }
}

export async function applyTurnAlt(conversationId: string, turnId: string, text: unknown): Promise<void> {
  const alt = checkedText(text);
  const { tabId, frameId, elementId } = await pageOf(conversationId);
  const { how } = await inPage(() => sendToContent(tabId, frameId, 'applyAlt', { elementId, text: alt }));
  await updateTurn(conversationId, turnId, (turn) =>
    turn.altText ? { ...turn, altText: { ...turn.altText, applied: { text: alt, how, at: Date.now() } } } : turn,
  );
}

export async function undoTurnAlt(conversationId: string, turnId: string): Promise<void> {
  const { tabId, frameId, elementId } = await pageOf(conversationId);
  await inPage(() => sendToContent(tabId, frameId, 'undoAlt', { elementId }));
  await updateTurn(conversationId, turnId, (turn) => {
    if (!turn.altText) return turn;
    const { applied: _undone, ...rest } = turn.altText;
    return { ...turn, altText: rest };
  });
}

/**
 * The focused alt-text field in the picture's own document, if the user has one focused there. Never
 * another frame's: the picture of an ad frame would be written into the page's field (or the page's
 * picture into a frame's), under a button that names the field with its own document's words.
 */
export async function focusedField(conversationId: string): Promise<{ label: string } | null> {
  const { tabId, frameId, elementId } = await pageOf(conversationId);
  // A page that is gone simply has none.
  return sendToContent(tabId, frameId, 'focusedAltField', { elementId }).catch((error: unknown) => {
    console.info('No focused alt-text field could be found in the page.', error);
    return null;
  });
}

export async function fillTurnField(conversationId: string, turnId: string, text: unknown): Promise<{ label: string }> {
  const alt = checkedText(text);
  const { tabId, frameId, elementId } = await pageOf(conversationId);
  const filled = await inPage(() => sendToContent(tabId, frameId, 'fillFocusedField', { text: alt, elementId }));
  await updateTurn(conversationId, turnId, (turn) =>
    turn.altText ? { ...turn, altText: { ...turn.altText, applied: { text: alt, how: 'field', at: Date.now() } } } : turn,
  );
  return filled;
}
