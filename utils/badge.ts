/** The toolbar badge that says an answer is waiting when the browser would not open the popup. */
import { refreshSpendBadge } from './cost/spend-badge';
import { t } from './i18n';
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

/** Opens the popup; where the browser refuses (no focused window, no gesture), shows the badge. */
export async function revealAnswer(): Promise<'popup' | 'badge'> {
  try {
    await toolbarAction().openPopup();
    return 'popup';
  } catch (error) {
    console.info('The popup could not be opened; the badge says an answer is waiting.', error);
    await showAnswerWaiting();
    return 'badge';
  }
}

/**
 * Something the user must read that belongs to no conversation ("no picture there", a failure
 * before anything was asked): said in the popup (opened if the browser allows) and on the badge.
 */
export async function showNotice(message: string): Promise<void> {
  await noticeItem.setValue({ message, at: Date.now() });
  if ((await revealAnswer()) === 'popup') return;
  const action = toolbarAction();
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  await action.setBadgeText({ text: '?' });
  await action.setTitle({ title: message });
}
