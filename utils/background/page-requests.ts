/** What the popup and the options page may ask of the background. */
import { applyAll, applyRow, auditPage, cancelAudit, describeAll, editRow, pageTab, skipRow, undoRow } from '../alt-text/audit';
import { askAltText } from '../alt-text/one-picture';
import { browseStateOf, setBrowse, undoBrowse } from '../alt-text/describe-as-browse';
import { applyTurnAlt, fillTurnField, focusedField, undoTurnAlt } from '../alt-text/write-back';
import { stopRequest } from '../ask/active-requests';
import { recoverInterrupted } from '../ask/recover-interrupted';
import { bringAddress, bringFiles } from '../ask/bring-picture';
import { askAboutRegion } from '../ask/region';
import { ALREADY_OPEN, NO_PANEL } from './panel-opening';
import { reportFailure } from './report-failure';
import { askComparison, clearTray, moveInTray, removeFromTray } from '../ask/compare';
import { allowPrivatePictures } from '../ask/conversation';
import { updateConversation } from '../ask/conversation-store';
import { clearHistory, deleteConversation, openConversation } from '../ask/history';
import { askFollowUp, editTurn, retryTurn } from '../ask/start';
import { resetSpend } from '../cost/record-spend';
import type { Handlers, PageRequests } from '../shared/messages';
import { originOf } from '../api-key-origin';
import { t } from '../shared/i18n';
import { deleteProfile } from '../profiles/delete-profile';
import { setActiveProfile } from '../profiles/profile-store';
import { testConnection } from '../profiles/test-connection';
import { profileById, withDefaults } from '../settings';
import { settingsItem } from '../storage';
import { apiKeys } from '../api-key-store';
import type { Browser } from 'wxt/browser';

// Asks reply as soon as the turn is stored; the answer streams on in the background.
export const pageRequestHandlers: Handlers<PageRequests> = {
  ask: async ({ conversationId, question, detail }) => {
    await askFollowUp(conversationId, question, detail ? { detail } : {});
  },
  retry: async ({ conversationId, turnId, reason }) => {
    if (reason === 'private') {
      // The user has seen the sentence and chosen to read the pictures from their own network.
      await updateConversation(conversationId, allowPrivatePictures);
      await retryTurn(conversationId, turnId, {});
      return;
    }
    await retryTurn(conversationId, turnId, reason === 'budget' ? { ignoreBudget: true } : { bypassCache: true });
  },
  edit: async ({ conversationId, turnId, question }) => {
    await editTurn(conversationId, turnId, question);
  },
  // Nothing to stop means no worker is writing the answer any more (the browser stopped the one
  // that was): Stop then ends it as interrupted rather than leaving it "still writing".
  stop: async ({ conversationId }) => {
    if (!stopRequest(conversationId)) await recoverInterrupted([conversationId]);
  },
  checkAnswering: ({ conversationId }) => recoverInterrupted([conversationId]),
  openConversation: ({ conversationId }) => openConversation(conversationId),
  deleteConversation: ({ conversationId }) => deleteConversation(conversationId),
  clearHistory: () => clearHistory(),
  compareAsk: async ({ question }) => {
    await askComparison(question);
  },
  compareRemove: ({ id }) => removeFromTray(id),
  compareMove: ({ id, by }) => moveInTray(id, by),
  compareClear: () => clearTray(),
  resetSpend: () => resetSpend(),
  // The key belongs to one profile and is bound to the server that profile's stored settings name
  // at that moment (the options page saves the profile first): it goes nowhere else, not to another
  // profile's server nor to a base URL typed later, until it is saved again.
  saveApiKey: async ({ profileId, apiKey }) => {
    const profile = profileById(withDefaults(await settingsItem.getValue()), profileId);
    if (!profile) throw new Error(t('profileGone'));
    await apiKeys.set(profileId, apiKey.trim() ? { key: apiKey.trim(), origin: originOf(profile.baseUrl) } : null);
  },
  keyStatus: async ({ profileId }) => {
    const saved = await apiKeys.get(profileId);
    return saved?.key ? { hasKey: true, origin: saved.origin } : { hasKey: false, origin: '' };
  },
  // The saved key is looked up here and never returned: the page gets only the sentence and the models.
  testConnection: async ({ profileId, preset, baseUrl, apiKey }) => testConnection({ preset, baseUrl, apiKey }, await apiKeys.get(profileId)),
  chooseProfile: async ({ profileId }) => {
    await setActiveProfile(profileId);
  },
  deleteProfile: ({ profileId }) => deleteProfile(profileId),
  altText: async ({ conversationId, detail }) => {
    const { done } = await askAltText(conversationId, detail ? { detail } : {});
    done.catch((error: unknown) => console.error('Alt text failed after it started.', error));
  },
  applyAlt: ({ conversationId, turnId, text }) => applyTurnAlt(conversationId, turnId, text),
  undoAlt: ({ conversationId, turnId }) => undoTurnAlt(conversationId, turnId),
  focusedField: ({ conversationId }) => focusedField(conversationId),
  fillField: ({ conversationId, turnId, text }) => fillTurnField(conversationId, turnId, text),
  auditPage: async () => {
    await auditPage(await pageTab(), false);
  },
  auditDescribeAll: async () => {
    // The reply comes once the run has started; the popup follows it through storage.
    const { done } = await describeAll();
    done.catch((error: unknown) => console.error('The page audit failed.', error));
  },
  auditCancel: () => {
    cancelAudit();
  },
  auditApply: ({ auditId, rowId }) => applyRow(auditId, rowId),
  auditApplyAll: ({ auditId }) => applyAll(auditId),
  auditUndo: ({ auditId, rowId }) => undoRow(auditId, rowId),
  auditEdit: ({ auditId, rowId, text }) => editRow(auditId, rowId, text),
  auditSkip: ({ auditId, rowId, skip }) => skipRow(auditId, rowId, skip),
  bringFiles: async ({ files }) => {
    const { done, to } = await bringFiles(files);
    done.catch((error: unknown) => console.error('Answering about a brought picture failed.', error));
    return { to };
  },
  bringAddress: async ({ address }) => {
    const { done } = await bringAddress(address);
    done.catch((error: unknown) => console.error('Answering about an address failed.', error));
  },
  askRegion: async (_payload, sender) => {
    // The reply comes at once: the popup closes so the user can draw on the page. The side panel
    // stays open beside it, and the answer (or what went wrong) is shown there, not in the popup.
    const panel = fromSidePanel(sender) ? ALREADY_OPEN : NO_PANEL;
    const tab = await pageTab();
    askAboutRegion(tab, { panel }).catch((error: unknown) => reportFailure('Selecting a region', error, panel));
  },
  browseState: async () => browseStateOf(await pageTab()),
  browseToggle: async ({ on }) => setBrowse(await pageTab(), on),
  browseUndo: async () => undoBrowse(await pageTab()),
};

/** Whether a request came from the side panel's page, which shows answers itself while it is open. */
function fromSidePanel(sender: Browser.runtime.MessageSender): boolean {
  return sender.url !== undefined && URL.canParse(sender.url) && new URL(sender.url).pathname === '/sidepanel.html';
}
