/**
 * Which profile paid: every way the extension spends (a question, an alt-text turn, a row of the
 * page audit) records the profile asked, by its stable id and by the name it had then, in the
 * ledger and so in the CSV. The profile here is not the first one, so a default cannot pass for it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { altTextTurn } from '../../utils/alt-text/one-picture';
import type { Audit, AuditRow } from '../../utils/alt-text/audit-record';
import { describeRow } from '../../utils/alt-text/audit-row';
import { apiKeys } from '../../utils/api-key-store';
import { connectionProblem } from '../../utils/ask/preflight';
import { askFollowUp, createConversation } from '../../utils/ask/start';
import { ledgerToCsv } from '../../utils/cost/csv';
import { currentSettings } from '../../utils/profiles/current-settings';
import { DEFAULT_SETTINGS, profileFromPreset } from '../../utils/settings';
import { ledgerItem, settingsItem } from '../../utils/storage';
import { useFakeServer } from './fake-server';

const server = useFakeServer();
const picture = { kind: 'image' as const, url: 'https://example.com/harbour.jpg', pageUrl: 'https://example.com/news', pageTitle: 'Harbour news' };
const altAnswer = JSON.stringify({ alt: 'Boats in a harbour', kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '' });

beforeEach(async () => {
  // Two profiles; the second, "Home", is in use. gpt-4o counts tiles, so pictures go as addresses: no download here.
  const work = { ...profileFromPreset('openai', 'first', 'Work'), baseUrl: 'https://work.example/v1', model: 'gpt-4o' };
  const home = { ...profileFromPreset('custom', 'p-home', 'Home'), baseUrl: server.url, model: 'gpt-4o' };
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, profiles: [work, home], activeProfileId: home.id });
  await apiKeys.set(home.id, { key: 'sk-home', origin: new URL(server.url).origin });
});

const profilesInLedger = async () => (await ledgerItem.getValue()).entries.map((e) => [e.kind, e.profileId, e.profileName]);

describe('the profile each request was spent with', () => {
  it('is recorded for a question and its follow-up, and exported at the end of each CSV row', async () => {
    const { conversation, answer } = await createConversation({ picture });
    await answer();
    await (await askFollowUp(conversation.id, 'And the boats?')).done;
    expect(await profilesInLedger()).toEqual([['question', 'p-home', 'Home'], ['question', 'p-home', 'Home']]);
    const rows = ledgerToCsv(await ledgerItem.getValue()).split('\r\n');
    expect(rows[1]!.endsWith(',Home,p-home')).toBe(true);
  });

  it('is recorded for an alt-text turn', async () => {
    server.reply({ text: altAnswer });
    const { answer } = await createConversation({ picture }, (settings, p) => altTextTurn(settings, p));
    await answer();
    expect(await profilesInLedger()).toEqual([['alt-text', 'p-home', 'Home']]);
  });

  it('is recorded for a row of the page audit', async () => {
    server.reply({ text: altAnswer });
    const settings = await currentSettings();
    const preflight = connectionProblem(settings, await apiKeys.get(settings.profile.id));
    if (!('connection' in preflight)) throw new Error(`No connection: ${preflight.refusal.message}`);
    const audit: Audit = {
      id: 'audit-1', createdAt: Date.now(), tabId: 1, frameId: 0, pageUrl: picture.pageUrl, pageTitle: picture.pageTitle, lang: 'en',
      model: 'gpt-4o', detail: 'low', rows: [], decorative: [], examined: 1, scanMs: 1, run: { state: 'running' },
    };
    const row: AuditRow = {
      id: 'p0', status: 'running',
      picture: { elementId: 'p0', kind: 'image', url: picture.url, currentAlt: null, need: { needs: true, reason: 'missing' }, width: 800, height: 600, context: { lang: 'en', pageTitle: picture.pageTitle } },
    };
    const outcome = await describeRow({ audit, settings, connection: preflight.connection, signal: new AbortController().signal, thumbnails: false }, row);
    expect(outcome.kind).toBe('done');
    expect(await profilesInLedger()).toEqual([['audit', 'p-home', 'Home']]);
  });
});
