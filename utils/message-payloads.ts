/**
 * The shape of each request the background takes from its pages, checked when it arrives: the
 * types in messages.ts hold only for code compiled with them, and a message is whatever its sender
 * put in it. Checked with valibot (small, tree-shaken schemas whose output types are checked
 * against the protocol). What a payload means (a file too large, an address that is not one) is
 * for the handlers, which say it in words.
 */
import * as v from 'valibot';
import { t } from './shared/i18n';
import { MessageError, type Handlers, type PageRequests } from './shared/messages';
import { PRESET_IDS } from './profiles/presets';

/** Conversation, turn, audit and row ids are short generated strings. */
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
/** Questions, alt text and addresses: bounded, but far beyond anything a person types. */
const text = v.pipe(v.string(), v.maxLength(100_000));
const detail = v.picklist(['auto', 'low', 'high']);
const nothing = v.undefined();

export const PAGE_REQUEST_PAYLOADS: { readonly [K in keyof PageRequests]: v.GenericSchema<unknown, PageRequests[K]['payload']> } = {
  ask: v.strictObject({ conversationId: id, question: text, detail: v.optional(detail) }),
  retry: v.strictObject({ conversationId: id, turnId: id, reason: v.picklist(['budget', 'again', 'private']) }),
  edit: v.strictObject({ conversationId: id, turnId: id, question: text }),
  openConversation: v.strictObject({ conversationId: id }),
  deleteConversation: v.strictObject({ conversationId: id }),
  clearHistory: nothing,
  compareAsk: v.strictObject({ question: text }),
  compareRemove: v.strictObject({ id }),
  compareMove: v.strictObject({ id, by: v.picklist([-1, 1]) }),
  compareClear: nothing,
  resetSpend: nothing,
  stop: v.strictObject({ conversationId: id }),
  checkAnswering: v.strictObject({ conversationId: id }),
  saveApiKey: v.strictObject({ profileId: id, apiKey: v.pipe(v.string(), v.maxLength(1000)) }),
  keyStatus: v.strictObject({ profileId: id }),
  // The base URL as typed: whether it is an address the key may go to is the handler's to say.
  testConnection: v.strictObject({ profileId: id, preset: v.picklist(PRESET_IDS), baseUrl: v.pipe(v.string(), v.maxLength(2000)), apiKey: v.pipe(v.string(), v.maxLength(1000)) }),
  chooseProfile: v.strictObject({ profileId: id }),
  deleteProfile: v.strictObject({ profileId: id }),
  altText: v.strictObject({ conversationId: id, detail: v.optional(detail) }),
  applyAlt: v.strictObject({ conversationId: id, turnId: id, text }),
  undoAlt: v.strictObject({ conversationId: id, turnId: id }),
  focusedField: v.strictObject({ conversationId: id }),
  fillField: v.strictObject({ conversationId: id, turnId: id, text }),
  auditPage: nothing,
  auditDescribeAll: nothing,
  auditCancel: nothing,
  auditApply: v.strictObject({ auditId: id, rowId: id }),
  auditApplyAll: v.strictObject({ auditId: id }),
  auditUndo: v.strictObject({ auditId: id, rowId: id }),
  auditEdit: v.strictObject({ auditId: id, rowId: id, text }),
  auditSkip: v.strictObject({ auditId: id, rowId: id, skip: v.boolean() }),
  // The size of each file is the handler's to judge, with a sentence that says the limit.
  bringFiles: v.strictObject({ files: v.pipe(v.array(v.strictObject({ dataUrl: v.string(), name: v.pipe(v.string(), v.maxLength(1000)) })), v.maxLength(100)) }),
  bringAddress: v.strictObject({ address: text }),
  askRegion: nothing,
  browseState: nothing,
  browseToggle: v.strictObject({ on: v.boolean() }),
  browseUndo: nothing,
};

/** The handlers, each refusing a payload of the wrong shape with a sentence before it runs. */
export function withPayloadChecks(handlers: Handlers<PageRequests>): Handlers<PageRequests> {
  const checked: Record<string, (payload: unknown, sender: never) => unknown> = {};
  for (const [type, handler] of Object.entries(handlers) as [keyof PageRequests, (payload: unknown, sender: never) => unknown][]) {
    checked[type] = (payload, sender) => {
      if (!v.safeParse(PAGE_REQUEST_PAYLOADS[type], payload).success) throw new MessageError(t('badRequest', type));
      return handler(payload, sender);
    };
  }
  return checked as unknown as Handlers<PageRequests>;
}
