/**
 * One picture of the page audit (and of "describe as I browse"), described: its pixels or address
 * read from the page, prepared as for any question, asked for alt text through the one request
 * runner (request-runner.ts: the cache, the budget, the spend, the two mended retries), the answer
 * parsed and linted. A picture of text that low detail
 * may have left unreadable is asked again at high detail.
 */
import { browser } from 'wxt/browser';
import { cachedAnswer } from '../ask/answer-cache';
import { serverCacheKey } from '../ask/server-cache-key';
import { thumbnailFor } from '../ask/thumbnails';
import type { PictureRef } from '../ask/conversation';
import { pictureInput, pictureRule, type PictureInput } from '../ask/picture-input';
import { budgetProblem } from '../ask/preflight';
import { runRequest, type Attempt, type StreamSink } from '../ask/request-runner';
import { captureBox } from '../image/capture';
import { ImageError } from '../shared/image-error';
import { rememberSource } from '../image/source-store';
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import type { Detail, Settings } from '../settings';
import type { Connection } from '../vision/client';
import { VisionError } from '../vision/errors';
import type { Usage, VisionRequest } from '../vision/types';
import type { Audit, AuditRow } from './audit-record';
import { altTextAsk, altTextResult, wantsHighDetail } from './request';
import type { AltTextResult } from '../shared/alt-text-types';

export type RowOutcome =
  | { kind: 'done'; result: AltTextResult; usage?: Usage; cost?: number | null; cached: boolean; detail: Detail; thumbnail?: string }
  | { kind: 'error'; message: string }
  | { kind: 'stopped'; why: 'cancel' | 'budget'; message?: string };

export interface RunContext {
  audit: Audit;
  /** The global settings and the profile that describes the pictures. */
  settings: Settings;
  connection: Connection;
  signal: AbortSignal;
  /**
   * Whether to make the row a thumbnail for the audit view when the request did not (a picture
   * sent by its address is downloaded once for it). Describe as I browse shows no rows: false.
   */
  thumbnails: boolean;
}

/** Where the row's pixels are kept in session storage when the page had to read them itself. */
export const sourceKeyOf = (row: Pick<AuditRow, 'id'>) => `audit:${row.id}`;

/** The picture as the ask pipeline takes it: its address, or its pixels read by the page and kept. */
async function pictureOf({ audit }: RunContext, row: AuditRow): Promise<PictureRef> {
  const { url, kind, width, height } = row.picture;
  const base: PictureRef = { kind, width, height, pageUrl: audit.pageUrl, pageTitle: audit.pageTitle, page: { tabId: audit.tabId, frameId: audit.frameId } };
  if (url && !url.startsWith('data:') && !url.startsWith('blob:')) return { ...base, url };
  let dataUrl = url?.startsWith('data:') ? url : undefined;
  if (!dataUrl) {
    const source = await sendToContent(audit.tabId, audit.frameId, 'readPicture', { elementId: row.id });
    if (source.kind === 'url' && !source.url.startsWith('data:')) return { ...base, url: source.url };
    if (source.kind === 'url') dataUrl = source.url;
    else if (source.kind === 'data') dataUrl = source.dataUrl;
    else dataUrl = await captureBox(await browser.tabs.get(audit.tabId), source.rect, source.devicePixelRatio);
  }
  await rememberSource(sourceKeyOf(row), dataUrl);
  return base;
}

/** thumbnail: made from the bytes prepared for the request, when the picture went as bytes. */
type Asked = { kind: 'answer'; answer: string; usage?: Usage; cost?: number | null; cached: boolean; thumbnail?: string } | Exclude<RowOutcome, { kind: 'done' }>;

/** One try of a row's request: asked for JSON or plain text, the picture by its address or as bytes. */
interface RowAttempt extends Attempt {
  structured: boolean;
  forceBytes?: string;
  thumbnail?: string;
}

/** The try asked as `how` says; or, when the picture cannot be sent, why. */
async function rowAttempt(ctx: RunContext, row: AuditRow, picture: PictureRef, detail: Detail, how: { structured: boolean; forceBytes?: string }): Promise<RowAttempt | { unsendable: string }> {
  const { settings, connection, signal } = ctx;
  const { profile } = settings;
  const context = row.picture.context;
  const { forceBytes, structured } = how;
  let input: PictureInput;
  try {
    input = await pictureInput(sourceKeyOf(row), picture, 0, { model: profile.model, detail }, pictureRule(profile), { signal, ...(forceBytes ? { forceBytes } : {}) });
  } catch (error) {
    if (error instanceof ImageError) return { unsendable: error.message };
    throw error;
  }
  const parts = altTextAsk({ context, language: settings.altTextLanguage || context.lang, limit: settings.altTextLimit, structured }, row.picture.kind);
  const request: VisionRequest = { model: profile.model, detail, imageUrls: [input.imageUrl], history: [], ...parts };
  const key = await serverCacheKey(connection.baseUrl, connection.api, request);
  const thumbnail = input.sentAs === 'bytes' ? { thumbnail: input.prepared.thumbnail } : {};
  return { request, key, byAddress: input.sentAs === 'url', structured, ...(forceBytes ? { forceBytes } : {}), ...thumbnail };
}

/** A row's text is not shown as it arrives: only the whole answer is parsed and shown. */
const unheard: StreamSink = { delta: () => undefined, end: async () => undefined };

/** One request for alt text through the request runner, with the same refusals mended as a question's: bytes for an address, plain text for JSON. */
async function ask(ctx: RunContext, row: AuditRow, picture: PictureRef, detail: Detail): Promise<Asked> {
  const { settings, signal, audit } = ctx;
  const first = await rowAttempt(ctx, row, picture, detail, { structured: true });
  if ('unsendable' in first) return { kind: 'error', message: first.unsendable };
  let unsendable: string | undefined;
  const end = await runRequest(first, {
    connection: ctx.connection,
    signal,
    lookUp: cachedAnswer,
    budget: () => budgetProblem(settings),
    // A private window's answers are not remembered: they would outlive the window.
    remember: !audit.incognito,
    ledger: { conversationId: `audit:${audit.id}`, kind: 'audit', model: settings.profile.model, profile: settings.profile },
    pictures: [row.picture],
    async mend(mend, refused) {
      const how = mend === 'plain' ? { structured: false, ...(refused.forceBytes ? { forceBytes: refused.forceBytes } : {}) } : { structured: refused.structured, forceBytes: t('noteRetriedWithBytes') };
      const next = await rowAttempt(ctx, row, picture, detail, how);
      if ('unsendable' in next) unsendable = next.unsendable;
      return 'unsendable' in next ? null : next;
    },
    listen: () => unheard,
    // Stopped mid-answer: it was being generated, so it is billed as far as it got.
    billed: (_error, answer) => signal.aborted && answer !== '',
  });
  const thumbnail = (attempt: RowAttempt) => (attempt.thumbnail ? { thumbnail: attempt.thumbnail } : {});
  switch (end.kind) {
    case 'cached':
      return { kind: 'answer', answer: end.answer, cached: true, cost: 0, ...thumbnail(end.attempt) };
    case 'over-budget':
      return { kind: 'stopped', why: 'budget', message: end.refusal.message };
    case 'unsent':
      return unsendable ? { kind: 'error', message: unsendable } : { kind: 'stopped', why: 'cancel' };
    case 'answered':
      if (!end.whole) return { kind: 'error', message: t('auditAnswerCut') };
      return { kind: 'answer', answer: end.answer, usage: end.spend.usage, cost: end.spend.cost, cached: false, ...thumbnail(end.attempt) };
    case 'failed':
      if (signal.aborted) return { kind: 'stopped', why: 'cancel' };
      if (!(end.error instanceof VisionError)) throw end.error;
      console.info(`Alt text for a picture of ${audit.pageUrl} failed.`, end.error);
      return { kind: 'error', message: end.error.message };
  }
}

export async function describeRow(ctx: RunContext, row: AuditRow): Promise<RowOutcome> {
  let picture: PictureRef;
  try {
    picture = await pictureOf(ctx, row);
  } catch (error) {
    console.info('The page could not give the picture.', error);
    return { kind: 'error', message: error instanceof ImageError ? error.message : t('auditCannotRead') };
  }
  const context = row.picture.context;
  const language = ctx.settings.altTextLanguage || context.lang;
  let detail = ctx.audit.detail;
  let asked = await ask(ctx, row, picture, detail);
  if (asked.kind !== 'answer') return asked;
  let result = altTextResult(asked.answer, { context, language, limit: ctx.settings.altTextLimit }, row.picture.url);
  let usage = asked.usage;
  let cost = asked.cost;
  if (wantsHighDetail(result, detail, row.picture)) {
    const again = await ask(ctx, row, picture, 'high');
    if (again.kind === 'answer') {
      detail = 'high';
      result = altTextResult(again.answer, { context, language, limit: ctx.settings.altTextLimit }, row.picture.url);
      usage = sumUsage(usage, again.usage);
      cost = cost === null || again.cost === null ? null : (cost ?? 0) + (again.cost ?? 0);
      asked = { ...again, cached: asked.cached && again.cached };
    }
  }
  // Sent as its address, the picture was never read: downloaded once now (as thumbnails.ts does for
  // conversations), so that the audit view has something of its own to show.
  const thumbnail = asked.thumbnail ?? (row.thumbnail || !ctx.thumbnails ? undefined : await thumbnailFor(picture));
  return { kind: 'done', result, cached: asked.cached, detail, ...(usage ? { usage } : {}), ...(cost !== undefined ? { cost } : {}), ...(thumbnail ? { thumbnail } : {}) };
}

function sumUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  return { input: a.input + b.input, cachedInput: a.cachedInput + b.cachedInput, output: a.output + b.output, reasoning: a.reasoning + b.reasoning };
}
