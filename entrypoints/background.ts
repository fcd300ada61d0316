import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { recoverAudit } from '../utils/alt-text/audit';
import { followBrowseSettings } from '../utils/alt-text/describe-as-browse';
import { forgetIncognitoIfNoneOpen } from '../utils/ask/incognito';
import { acceptLiveText } from '../utils/ask/live-text';
import { recoverInterrupted } from '../utils/ask/recover-interrupted';
import { tidyLedger } from '../utils/cost/record-spend';
import { refreshSpendBadge } from '../utils/cost/spend-badge';
import { followAnswerSurface } from '../utils/background/answer-surface';
import { onCommand } from '../utils/background/commands';
import { contentScriptRequestHandlers } from '../utils/background/content-script-requests';
import { welcome } from '../utils/background/first-run';
import { onMenuClicked, registerMenus } from '../utils/background/menus';
import { pageRequestHandlers } from '../utils/background/page-requests';
import { closeStorageToPages } from '../utils/background/storage-access';
import { withPayloadChecks } from '../utils/message-payloads';
import { pageMaySend } from '../utils/message-senders';
import { createMessageListener, isOwnContentScript, type ContentScriptRequests, type PageRequests } from '../utils/shared/messages';
import { removeRetiredItems, settingsItem } from '../utils/storage';

export default defineBackground(() => {
  // First, before anything is read or written: the key's storage is closed to content scripts.
  closeStorageToPages().catch((error: unknown) => console.error('Could not close the extension storage to content scripts.', error));
  // Read at once: a menu item chosen soon after must know, without waiting, whether to open the side panel.
  followAnswerSurface();
  browser.runtime.onInstalled.addListener((details) => {
    void registerMenus();
    welcome(details).catch((error: unknown) => console.error('Could not open the options on the first run.', error));
  });
  browser.runtime.onStartup.addListener(() => void registerMenus());
  browser.contextMenus.onClicked.addListener(onMenuClicked);
  browser.commands.onCommand.addListener(onCommand);
  browser.windows.onRemoved.addListener(() => {
    forgetIncognitoIfNoneOpen().catch((error: unknown) => console.error('Could not forget what the private windows left.', error));
  });
  browser.runtime.onMessage.addListener(createMessageListener<PageRequests>(withPayloadChecks(pageRequestHandlers), pageMaySend));
  browser.runtime.onMessage.addListener(createMessageListener<ContentScriptRequests>(contentScriptRequestHandlers, isOwnContentScript));
  // An open popup's port, through which it gets an answer's words as they stream.
  browser.runtime.onConnect.addListener(acceptLiveText);
  // The contract's test hook: the very listeners registered above, so tests drive the real code.
  Object.assign(globalThis, { testApi: { onMenuClicked, onCommand } });
  settingsItem.watch(() => void refreshSpendBadge());
  // "Describe as I browse" turned on or off anywhere (popup, keyboard, options): the tabs follow.
  followBrowseSettings();
  recoverInterrupted().catch((error: unknown) => console.error('Could not mark the answers an earlier worker left unfinished.', error));
  recoverAudit().catch((error: unknown) => console.error('Could not mark an interrupted page audit.', error));
  removeRetiredItems().catch((error: unknown) => console.error('Could not remove what earlier versions stored.', error));
  tidyLedger().catch((error: unknown) => console.error('Could not fold old spend into monthly totals.', error));
});
