/**
 * Alt text for one picture: from the menu item, the keyboard command, or the popup's button for
 * the picture of the conversation on screen. The turn asks in the page's language, with its
 * context, at low detail; a picture of text that low detail may have left unreadable is read
 * again at high detail, once.
 */
import type { PanelOpening } from '../background/panel-opening';
import { showNotice } from '../badge';
import { t } from '../shared/i18n';
import { currentSettings } from '../profiles/current-settings';
import type { Detail, Settings } from '../settings';
import { choiceOf, newTurn, type PictureRef, type Turn } from '../ask/conversation';
import { loadConversation, updateConversation } from '../ask/conversation-store';
import type { ResolvedPicture } from '../ask/resolve-target';
import { answerWithPopup } from '../ask/answer-with-popup';
import { beginConversation, startTurn, type AskReads } from '../ask/start';
import { wantsHighDetail } from './request';

/** A turn that asks for alt text for `picture`. */
export function altTextTurn(settings: Settings, picture: PictureRef, choices: { detail?: Detail; reason?: string } = {}): Turn {
  const detail = choices.detail ?? settings.altTextDetail;
  const context = picture.context ?? { lang: '', pageTitle: picture.pageTitle ?? '' };
  return {
    ...newTurn(t('altTextQuestion'), choiceOf(settings, detail)),
    altText: {
      context,
      // The user's choice, else the language the page declares for the picture.
      language: settings.altTextLanguage || context.lang,
      limit: settings.altTextLimit,
      structured: true,
      ...(choices.reason ? { reason: choices.reason } : {}),
    },
  };
}

/** After an alt-text turn: read a picture of text again at high detail when low may have been too small. */
async function readAgainIfText(conversationId: string, turnId: string): Promise<void> {
  const conversation = await loadConversation(conversationId);
  const turn = conversation?.turns.find((x) => x.id === turnId);
  const result = turn?.altText?.result;
  if (!conversation || !turn || !result || turn.status !== 'done') return;
  if (!wantsHighDetail(result, turn.detail, conversation.image)) return;
  const { done } = await askAltText(conversationId, { detail: 'high', reason: t('altReadAgainHigh') });
  await done;
}

/**
 * "Generate alt text" from the menu or the keyboard: a new conversation about the picture.
 * `reads`: the ask's reads, when its caller started them beside finding the picture (readForAsk).
 * `panel`: the side panel's opening for the ask, which then shows it instead of the popup.
 */
export async function generateAltText(resolved: ResolvedPicture | null, where: 'menu' | 'command', reads?: Promise<AskReads>, panel?: PanelOpening): Promise<void> {
  if (!resolved) {
    await showNotice(where === 'menu' ? t('noPictureMenu') : t('noPictureCommand'), panel);
    return;
  }
  let turnId = '';
  const begun = await beginConversation(
    resolved,
    (settings, picture) => {
      const turn = altTextTurn(settings, picture);
      turnId = turn.id;
      return turn;
    },
    reads,
  );
  await answerWithPopup(begun, panel);
  await readAgainIfText(begun.conversation.id, turnId);
}

/** The popup's "Generate alt text": a new alt-text turn about the conversation's picture. */
export async function askAltText(
  conversationId: string,
  choices: { detail?: Detail; reason?: string } = {},
): Promise<{ done: Promise<void> }> {
  let turnId = '';
  const started = await startTurn(conversationId, async () => {
    const settings = await currentSettings();
    const updated = await updateConversation(conversationId, (c) => {
      const turn = altTextTurn(settings, c.image, choices);
      turnId = turn.id;
      return { ...c, turns: [...c.turns, turn] };
    });
    if (!updated) throw new Error(t('conversationGone'));
    return turnId;
  });
  // The follow-up at high detail is chained only for turns asked at low detail, so it ends.
  return { done: started.done.then(() => (choices.detail === 'high' ? undefined : readAgainIfText(conversationId, turnId))) };
}
