import { useCallback, useEffect, useMemo } from 'preact/hooks';
import { t } from '../../utils/shared/i18n';
import { profilePrice } from '../../utils/profiles/profile-prices';
import { DEFAULT_SETTINGS, resolveSettings, withDefaults } from '../../utils/settings';
import { EMPTY_LEDGER, withUnsaved } from '../../utils/cost/ledger';
import {
  auditItem,
  compareTrayItem, conversationIndexItem, conversationItem, latestConversationIdItem, ledgerItem, noticeItem, priceOverridesItem, settingsItem, unsavedSpendItem,
} from '../../utils/storage';
import { useStorageValue } from '../shared/useStorageValue';
import { OpenInSidePanel } from '../sidepanel/OpenInSidePanel';
import { isToolbarPopup } from '../sidepanel/is-toolbar-popup';
import { useFileAsk } from '../sidepanel/useFileAsk';
import { BringPicture, usePasteAndDrop } from './BringPicture';
import { ConversationView } from './ConversationView';
import { DescribeAsBrowseToggle } from './DescribeAsBrowseToggle';
import { EmptyState } from './EmptyState';
import { lazy } from './lazy';
import { ProfileSwitcher } from './ProfileSwitcher';
import { SpendMeter } from './SpendMeter';
import { useBroughtStatus } from './useBroughtStatus';
import { useFollowedView } from './useFollowedView';
import { useShownConversationId } from './useShownConversationId';
import { ViewNav } from './ViewNav';
import type { Surface } from '../shared/surface';
import './popup.css';

// Views the first paint seldom shows: their code loads when they are first shown.
const AuditView = lazy(() => import('./AuditView').then((module) => module.AuditView));
const CompareView = lazy(() => import('./CompareView').then((module) => module.CompareView));
const HistoryView = lazy(() => import('./HistoryView').then((module) => module.HistoryView));

/**
 * The popup's views, in the toolbar popup or the side panel: the latest conversation, the comparison
 * tray, the history and the page audit, as storage holds them.
 */
export function App({ surface = 'popup' }: { surface?: Surface }) {
  const latestId = useStorageValue(latestConversationIdItem);
  const shownId = useShownConversationId(surface, latestId);
  const item = useMemo(() => (shownId ? conversationItem(shownId) : null), [shownId]);
  const conversation = useStorageValue(item);
  const ledger = withUnsaved(useStorageValue(ledgerItem) ?? EMPTY_LEDGER, useStorageValue(unsavedSpendItem) ?? []);
  const stored = withDefaults(useStorageValue(settingsItem) ?? DEFAULT_SETTINGS);
  // The next question is asked of the active profile: its model and its prices make the estimates.
  const settings = resolveSettings(stored);
  const price = profilePrice(useStorageValue(priceOverridesItem), settings.profile, settings.profile.model);
  const notice = useStorageValue(noticeItem);
  const tray = useStorageValue(compareTrayItem) ?? [];
  const index = useStorageValue(conversationIndexItem) ?? [];
  const audit = useStorageValue(auditItem);
  const { brought, say } = useBroughtStatus(conversation);
  const loading = shownId === undefined || (shownId && conversation === undefined) || audit === undefined;
  const newestTray = tray.reduce((latest, entry) => Math.max(latest, entry.addedAt), 0);
  const { view, setView } = useFollowedView(loading ? null : { conversationAt: conversation?.createdAt ?? 0, trayAt: newestTray, auditAt: audit?.createdAt ?? 0 });
  const onBrought = useCallback((to: 'conversation' | 'compare') => setView(to), [setView]);
  usePasteAndDrop(say, onBrought);
  // Firefox's toolbar popup sent the person here to open a file (it closes under the file chooser).
  const fileAsked = useFileAsk(surface === 'sidepanel');
  useEffect(() => {
    if (fileAsked) setView('conversation');
  }, [fileAsked, setView]);

  const mainClass = surface === 'sidepanel' ? 'popup panel' : 'popup';
  if (view === null) return <main class={mainClass} aria-busy="true" />;

  // A notice newer than the conversation is what the user just did ("no picture there").
  const freshNotice = notice && notice.at > (conversation?.createdAt ?? 0) ? notice.message : null;
  return (
    <main class={mainClass}>
      <h1 class="visually-hidden">{t('extName')}</h1>
      <div class="top">
        <ViewNav view={view} trayCount={tray.length} onView={setView} />
        {surface === 'popup' ? <OpenInSidePanel closeAfter={isToolbarPopup()} /> : null}
      </div>
      <ProfileSwitcher settings={stored} say={say} />
      {freshNotice ? <p role="alert" class="notice">{freshNotice}</p> : null}
      {/* What happened to a picture brought by paste, drop, file or address: said, and read out. */}
      <p role="status" class="muted brought">{brought?.kind === 'status' ? brought.message : ''}</p>
      <p role="alert" class="error brought">{brought?.kind === 'error' ? brought.message : ''}</p>
      {view === 'compare' ? <CompareView tray={tray} onAsked={() => setView('conversation')} /> : null}
      {view === 'history' ? (
        <HistoryView index={index} ledger={ledger} notice={notice && !freshNotice ? notice.message : null} onOpen={() => setView('conversation')} />
      ) : null}
      {view === 'audit' ? <AuditView audit={audit ?? null} settings={settings} price={price} /> : null}
      {view === 'conversation' && conversation ? (
        <>
          <ConversationView
            conversation={conversation}
            ledger={ledger}
            settings={settings}
            price={price}
            showProvider={stored.profiles.length > 1}
            footer={
              <details class="bring-more">
                <summary>{t('bringAnother')}</summary>
                <BringPicture say={say} stepAside={surface === 'popup'} fileAsked={fileAsked} />
              </details>
            }
          />
        </>
      ) : null}
      {view === 'conversation' && !conversation ? (
        <>
          <EmptyState />
          <BringPicture say={say} stepAside={surface === 'popup'} fileAsked={fileAsked} />
          <SpendMeter conversationId={null} ledger={ledger} settings={settings} />
        </>
      ) : null}
      {/* With the page's alt text, and in the empty popup; never under an answer, which keeps its room. */}
      {view === 'audit' || (view === 'conversation' && !conversation) ? <DescribeAsBrowseToggle /> : null}
    </main>
  );
}
