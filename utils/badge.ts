/** The toolbar badge that says an answer is waiting when the browser would not open the popup. */
import { NO_PANEL, type PanelOpening } from './background/panel-opening';
import { refreshSpendBadge } from './cost/spend-badge';
import { t } from './shared/i18n';
import { sidePanelIsOpen } from './side-panel';
import { noticeItem } from './storage';
import { toolbarAction } from './toolbar-action';

export async function showAnswerWaiting(): Promise<void> {
  const action = toolbarAction();
  await action.setBadgeBackgroundColor({ color: '#1a73e8' });
  await action.setBadgeText({ text: '1' });
  await action.setTitle({ title: t('badgeAnswerWaiting') });
}

/** The popup is open, so nothing is waiting any more; the spend shows again if it is turned on. */
export async function clearAnswerWaiting(): Promise<void> {
  const action = toolbarAction();
  await action.setBadgeText({ text: '' });
  await action.setTitle({ title: t('actionTitle') });
  await refreshSpendBadge();
}

/**
 * How long openPopup may take before the badge is shown instead. It settles in well under a second
 * where there is a window; with none (seen in headless Chromium once its last tab had closed) it
 * never settled at all.
 */
export const POPUP_OPEN_LIMIT_MS = 5_000;

/** openPopup, or a rejection once it has taken longer than `limitMs`. */
async function openPopupWithin(limitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The popup had not opened after ${limitMs / 1000} s.`)), limitMs);
  });
  try {
    await Promise.race([toolbarAction().openPopup(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the popup; where the browser refuses (no focused window, no gesture) or does not answer in
 * time, shows the badge. A popup that opens later still clears the badge itself (popup/main.tsx).
 * `panel`: the side panel's opening for this ask (answer-surface.ts); once it has opened, the
 * answer is shown there, and no popup is opened over it; nor over a side panel already open.
 */
export async function revealAnswer(panel: PanelOpening = NO_PANEL): Promise<'panel' | 'popup' | 'badge'> {
  if (await panel) return 'panel';
  // A side panel the person opened themselves already shows the newest answer.
  const panelOpen = await sidePanelIsOpen().catch((error: unknown) => {
    console.info('Could not tell whether the side panel is open; the popup is opened.', error);
    return false;
  });
  if (panelOpen) return 'panel';
  try {
    await openPopupWithin(POPUP_OPEN_LIMIT_MS);
    return 'popup';
  } catch (error) {
    console.info('The popup could not be opened; the badge says an answer is waiting.', error);
    await showAnswerWaiting();
    return 'badge';
  }
}

/**
 * Something the user must read that belongs to no conversation ("no picture there", a failure
 * before anything was asked): said in the side panel when it opened for the ask (`panel`), else in
 * the popup (opened if the browser allows), else on the badge.
 */
export async function showNotice(message: string, panel: PanelOpening = NO_PANEL): Promise<void> {
  await noticeItem.setValue({ message, at: Date.now() });
  if ((await revealAnswer(panel)) !== 'badge') return;
  const action = toolbarAction();
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  await action.setBadgeText({ text: '?' });
  await action.setTitle({ title: message });
}
