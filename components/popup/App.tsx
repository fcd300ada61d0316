import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../utils/i18n';
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
import { EmptyState } from './EmptyState';
import { lazy } from './lazy';
import { ProfileSwitcher } from './ProfileSwitcher';
import { SpendMeter } from './SpendMeter';
import './popup.css';

// Views the first paint seldom shows: their code loads when they are first shown.
const AuditView = lazy(() => import('./AuditView').then((module) => module.AuditView));
const CompareView = lazy(() => import('./CompareView').then((module) => module.CompareView));
const HistoryView = lazy(() => import('./HistoryView').then((module) => module.HistoryView));

type View = 'conversation' | 'compare' | 'history' | 'audit';
const VIEWS: readonly View[] = ['conversation', 'compare', 'history', 'audit'];

/** `popup.html?view=audit` opens a view directly (the contract's address for the latest audit). */
function requestedView(): View | null {
  const asked = new URLSearchParams(location.search).get('view');
  return VIEWS.find((view) => view === asked) ?? null;
}

/** Where the views are shown: the toolbar popup (at most 600 px tall) or the browser's side panel. */
export type Surface = 'popup' | 'sidepanel';

/** The popup: the latest conversation, the comparison tray, and the history, as storage holds them. */
export function App({ surface = 'popup' }: { surface?: Surface }) {
  const latestId = useStorageValue(latestConversationIdItem);
  const item = useMemo(() => (latestId ? conversationItem(latestId) : null), [latestId]);
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
  // The view the person chose, and when: what they do after it (a new conversation, a picture added
  // to the tray, an audit) is shown instead, so a side panel left open follows their right-clicks.
  const [choice, setChoice] = useState<{ view: View; at: number } | null>(() => {
    const asked = requestedView();
    return asked ? { view: asked, at: Date.now() } : null;
  });
  const setView = useCallback((view: View) => setChoice({ view, at: Date.now() }), []);
  // `before`: the conversation shown when what a status is about began ("Asking…" after "Reading…"
  // keeps it), so that the conversation a brought picture started is told from the one shown before.
  const [brought, setBrought] = useState<{ message: string; kind: 'status' | 'error'; before: string | null } | null>(null);
  const shownId = conversation?.id ?? null;
  const say = useCallback(
    (message: string, kind: 'status' | 'error') => setBrought((previous) => ({ message, kind, before: previous?.kind === 'status' ? previous.before : shownId })),
    [shownId],
  );
  const onBrought = useCallback((to: 'conversation' | 'compare') => setView(to), [setView]);
  usePasteAndDrop(say, onBrought);
  // A status is over once a newer conversation than that has its answer: "Asking about the
  // picture…" stayed on screen after the answer had arrived.
  const broughtOver = brought?.kind === 'status' && !!conversation && conversation.id !== brought.before && conversation.turns.every((turn) => turn.status !== 'streaming');
  useEffect(() => {
    if (broughtOver) setBrought(null);
  }, [broughtOver]);

  const loading = latestId === undefined || (latestId && conversation === undefined) || audit === undefined;
  // Open on what the user did last: an audit, a picture added to the tray, or a conversation.
  const newestTray = tray.reduce((latest, entry) => Math.max(latest, entry.addedAt), 0);
  const latest = Math.max(conversation?.createdAt ?? 0, newestTray, audit?.createdAt ?? 0);
  const lastDone: View = audit && audit.createdAt === latest ? 'audit' : newestTray === latest && newestTray > 0 ? 'compare' : 'conversation';
  const view: View | null = loading ? null : choice && choice.at >= latest ? choice.view : lastDone;
  // The view the first render with the data shows is kept as if chosen, until something newer happens
  // (emptying the tray does not send the person elsewhere).
  useEffect(() => {
    if (choice === null && view !== null) setChoice({ view, at: latest });
  }, [choice, view, latest]);
  // Firefox's toolbar popup sent the person here to open a file (it closes under the file chooser).
  const fileAsked = useFileAsk(surface === 'sidepanel');
  useEffect(() => {
    if (fileAsked) setView('conversation');
  }, [fileAsked, setView]);

  const mainClass = surface === 'sidepanel' ? 'popup panel' : 'popup';
  if (loading || view === null) return <main class={mainClass} aria-busy="true" />;

  // A notice newer than the conversation is what the user just did ("no picture there").
  const freshNotice = notice && notice.at > (conversation?.createdAt ?? 0) ? notice.message : null;
  const tabs: [View, string][] = [
    ['conversation', t('viewConversation')],
    ['compare', tray.length > 0 ? t('viewCompareCount', tray.length) : t('viewCompare')],
    ['history', t('viewHistory')],
    ['audit', t('viewAudit')],
  ];
  return (
    <main class={mainClass}>
      <h1 class="visually-hidden">{t('extName')}</h1>
      <div class="top">
        <nav aria-label={t('views')} class="views">
          {tabs.map(([name, label]) => (
            <button key={name} type="button" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)}>
              {label}
            </button>
          ))}
        </nav>
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
    </main>
  );
}
