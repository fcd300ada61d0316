/**
 * One picture of the page audit, described: its pixels or address read from the page, prepared
 * as for any question, asked for alt text (from the cache when the same request was answered
 * before), the spend recorded, the answer parsed and linted. A picture of text that low detail
 * may have left unreadable is asked again at high detail.
 */
import { browser } from 'wxt/browser';
import { cachedAnswer, rememberAnswer } from '../ask/answer-cache';
import { serverCacheKey } from '../ask/server-cache-key';
import { thumbnailFor } from '../ask/thumbnails';
import type { PictureRef } from '../ask/conversation';
import { pictureInput, pictureRule, type PictureInput } from '../ask/picture-input';
import { budgetProblem } from '../ask/preflight';
import { estimateUsage } from '../cost/estimate-usage';
import { recordSpend } from '../cost/record-spend';
import { captureBox } from '../image/capture';
import { ImageError } from '../shared/image-error';
import { rememberSource } from '../image/source-store';
import { isDownloadFailure } from '../image/transport';
import { t } from '../shared/i18n';
import { sendToContent } from '../shared/messages';
import type { Detail, Settings } from '../settings';
import { streamAnswer, type Connection } from '../vision/client';
import { VisionError } from '../vision/errors';
import type { Usage, VisionRequest } from '../vision/types';
import { isFormatRefusal, requestCost } from '../ask/stream-turn';
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

async function recordCost(ctx: RunContext, usage: Usage, estimated: boolean, reported?: number): Promise<number | null> {
  const { profile } = ctx.settings;
  const model = profile.model;
  const cost = await requestCost(profile, model, usage, reported);
  await recordSpend({ at: Date.now(), conversationId: `audit:${ctx.audit.id}`, kind: 'audit', model, profileId: profile.id, profileName: profile.name, ...usage, cost, ...(estimated ? { estimated: true } : {}) });
  return cost;
}

/** thumbnail: made from the bytes prepared for the request, when the picture went as bytes. */
type Asked = { kind: 'answer'; answer: string; usage?: Usage; cost?: number | null; cached: boolean; thumbnail?: string } | Exclude<RowOutcome, { kind: 'done' }>;

/** One request for alt text, with the same refusals mended as a question's: bytes for an address, plain text for JSON. */
async function ask(ctx: RunContext, row: AuditRow, picture: PictureRef, detail: Detail): Promise<Asked> {
  const { settings, connection, signal, audit } = ctx;
  const { profile } = settings;
  const context = row.picture.context;
  const target = { model: profile.model, detail };
  let structured = true;
  let forceBytes: string | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let input: PictureInput;
    try {
      input = await pictureInput(sourceKeyOf(row), picture, 0, target, pictureRule(profile), { signal, ...(forceBytes ? { forceBytes } : {}) });
    } catch (error) {
      if (error instanceof ImageError) return { kind: 'error', message: error.message };
      throw error;
    }
    const thumbnail = input.sentAs === 'bytes' ? { thumbnail: input.prepared.thumbnail } : {};
    const parts = altTextAsk({ context, language: settings.altTextLanguage || context.lang, limit: settings.altTextLimit, structured }, row.picture.kind);
    const request: VisionRequest = { model: profile.model, detail, imageUrls: [input.imageUrl], history: [], ...parts };
    const key = await serverCacheKey(connection.baseUrl, connection.api, request);
    const hit = await cachedAnswer(key);
    if (hit) return { kind: 'answer', answer: hit.answer, cached: true, cost: 0, ...thumbnail };
    const overBudget = await budgetProblem(settings);
    if (overBudget) return { kind: 'stopped', why: 'budget', message: overBudget.message };
    if (signal.aborted) return { kind: 'stopped', why: 'cancel' };

    let answer = '';
    try {
      const outcome = await streamAnswer(connection, request, { signal, onDelta: (text) => (answer += text) });
      if (signal.aborted) throw new VisionError('aborted', t('errStopped'));
      const usage = outcome.usage ?? estimateUsage(request, answer, [row.picture]);
      const cost = await recordCost(ctx, usage, !outcome.usage, outcome.reportedCost);
      const complete = outcome.complete && !outcome.endedEarlyBecause;
      // A private window's answers are not remembered: they would outlive the window.
      if (complete && !audit.incognito) await rememberAnswer(key, { answer, ...(outcome.usage ? { usage: outcome.usage } : {}), at: Date.now() });
      if (!complete) return { kind: 'error', message: t('auditAnswerCut') };
      return { kind: 'answer', answer, usage, cost, cached: false, ...thumbnail };
    } catch (error) {
      if (signal.aborted) {
        // Stopped mid-answer: it was being generated, so it is billed as far as it got.
        if (answer) await recordCost(ctx, estimateUsage(request, answer, [row.picture]), true);
        return { kind: 'stopped', why: 'cancel' };
      }
      if (!(error instanceof VisionError)) throw error;
      if (!answer && structured && isFormatRefusal(error)) {
        structured = false;
        continue;
      }
      if (!answer && input.sentAs === 'url' && isDownloadFailure(error)) {
        forceBytes = t('noteRetriedWithBytes');
        continue;
      }
      console.info(`Alt text for a picture of ${audit.pageUrl} failed.`, error);
      return { kind: 'error', message: error.message };
    }
  }
  return { kind: 'error', message: t('errUnknown', 'no answer after three tries') };
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
