import { useEffect, useState } from 'preact/hooks';
import { conversationTitle, reachedServer, siteOf, type Conversation } from '../../utils/ask/conversation';
import { formatUsd } from '../../utils/cost/format';
import { conversationTotals, type Ledger } from '../../utils/cost/ledger';
import { plural, t } from '../../utils/shared/i18n';
import { sendToBackground } from '../../utils/shared/messages';
import { conversationItem } from '../../utils/storage';

function matches(conversation: Conversation, words: string): boolean {
  if (!words) return true;
  const haystack = [conversation.image.pageTitle, conversation.image.alt, siteOf(conversation), ...conversation.turns.flatMap((t) => [t.question, t.answer])]
    .join(' ')
    .toLowerCase();
  return words.toLowerCase().split(/\s+/).every((word) => haystack.includes(word));
}

/** Recent conversations: search, open, delete, clear all. */
export function HistoryView(props: { index: readonly string[]; ledger: Ledger; notice: string | null; onOpen(): void }) {
  const { index, ledger, notice, onOpen } = props;
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  useEffect(() => {
    Promise.all(index.map((id) => conversationItem(id).getValue())).then(
      (loaded) => setConversations(loaded.filter((c): c is Conversation => c !== null)),
      report,
    );
  }, [index]);

  const costOf = (id: string) => conversationTotals(ledger, id).cost;
  const shown = (conversations ?? []).filter((c) => reachedServer(c) && matches(c, search.trim()));

  return (
    <section class="history">
      <h2>{t('historyTitle')}</h2>
      {notice ? <p class="muted">{notice}</p> : null}
      <label for="history-search">{t('searchHistory')}</label>
      <input id="history-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      {conversations === null ? <p aria-busy="true">{t('loading')}</p> : null}
      {conversations !== null && shown.length === 0 ? <p>{search ? t('noMatches') : t('historyEmpty')}</p> : null}
      <ul class="history-list">
        {shown.map((c) => {
          // Only the background's thumbnail: the web address would tell the site at each look.
          const thumb = c.image.thumbnail;
          const title = conversationTitle(c);
          const site = siteOf(c);
          return (
            <li key={c.id}>
              {thumb ? <img src={thumb} alt="" /> : <span class="placeholder" />}
              <div class="history-text">
                <button type="button" class="link" onClick={() => sendToBackground('openConversation', { conversationId: c.id }).then(onOpen, report)}>
                  {title}
                </button>
                <span class="muted">
                  {site ? `${site} · ` : ''}
                  {new Date(c.createdAt).toLocaleString()} · {formatUsd(costOf(c.id))}
                  {c.comparison ? ` · ${plural('comparedPictures', c.comparison.length)}` : ''}
                </span>
              </div>
              <button type="button" aria-label={t('deleteConversation', title)} onClick={() => sendToBackground('deleteConversation', { conversationId: c.id }).catch(report)}>
                {t('delete')}
              </button>
            </li>
          );
        })}
      </ul>
      {index.length > 0 ? (
        confirming ? (
          <p role="group" aria-label={t('confirmClear')}>
            {t('clearAllQuestion')}{' '}
            <button type="button" class="danger" onClick={() => sendToBackground('clearHistory', undefined).then(() => setConfirming(false), report)}>{t('clearAll')}</button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
          </p>
        ) : (
          <p><button type="button" onClick={() => setConfirming(true)}>{t('clearAllEllipsis')}</button></p>
        )
      ) : null}
      <p role="status" class="error">{problem}</p>
    </section>
  );
}
