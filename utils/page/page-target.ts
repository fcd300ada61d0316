/**
 * Page side: what the content script answers. Adds the frame's offset to screenshot boxes, reads
 * pictures with the page's cookies, and in Firefox uses the browser's own record of the element.
 */
import { browser } from 'wxt/browser';
import type { ContentRequests, Handlers } from '../shared/messages';
import { answerFrameOffsetQueries, frameOffset, placeInTop } from './frame-offset';
import { applyAltText, fieldLabel, fillField, trackAltFields, undoAltText } from './alt-text/apply';
import { createElementRegistry } from './alt-text/element-registry';
import { scanPage } from './alt-text/scan';
import { t } from '../shared/i18n';
import { createTargetTracker, readPictureOf } from './locate';
import { selectRegion } from './region-select';
import { blobToDataUrl } from './read-pixels';
import { readCapped } from '../shared/read-capped';
import { DOWNLOAD_TIMEOUT_MS, MAX_PICTURE_BYTES } from '../shared/picture-limit';

const withoutHash = (address: string) => address.split('#')[0];

type MenusWithTarget = { getTargetElement?: (id: number) => Element | null };

/** Every request but "Describe as I browse"'s own, which entrypoints/content.ts adds beside these. */
export type PictureRequests = Omit<ContentRequests, 'browseSet' | 'browseAnnounce'>;

/** `registry`: the page's handles for its elements, shared with "Describe as I browse" so both name the same pictures. */
export function createContentHandlers(win: Window, registry = createElementRegistry()): Handlers<PictureRequests> {
  const tracker = createTargetTracker(win.document, registry);
  const altFields = trackAltFields(win.document);
  const frames = answerFrameOffsetQueries(win);
  const element = (elementId: string): Element => {
    const found = registry.byId(elementId);
    if (!found) throw new Error(t('pagePictureGone'));
    return found;
  };
  return {
    describeTarget: async ({ reason, targetElementId, frameSecret }) => {
      // Firefox knows exactly which element the menu was opened on.
      const menus = (browser as unknown as { menus?: MenusWithTarget }).menus;
      const chosen = targetElementId !== undefined ? (menus?.getTargetElement?.(targetElementId) ?? undefined) : undefined;
      const described = await tracker.describe(reason, chosen);
      if (typeof described !== 'object' || described?.source.kind !== 'capture') return described;
      // In the top window's pixels, and never past this frame's visible box: an oversized element
      // must not get the page around the frame photographed (and its description written back here).
      const place = await frameOffset(win, frameSecret);
      return { ...described, source: { kind: 'capture', rect: placeInTop(described.source.rect, place), devicePixelRatio: place.devicePixelRatio } };
    },
    expectFrameQuestion: ({ secret }) => frames.expect(secret),
    readBytes: async ({ url, documentUrl }) => {
      // The frame may hold another site by now: that site's cookies must not fetch the old picture.
      if (documentUrl !== undefined && withoutHash(win.location.href) !== withoutHash(documentUrl)) throw new Error(t('pageMovedOn'));
      // The same limits as the extension's own download: a page cannot flood the worker this way.
      const response = await fetch(url, { credentials: 'include', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      if (!response.ok) throw new Error(t('pageCouldNotLoad', response.status));
      const bytes = await readCapped(response, MAX_PICTURE_BYTES);
      const type = response.headers.get('content-type') ?? '';
      return { dataUrl: await blobToDataUrl(new Blob([bytes as Uint8Array<ArrayBuffer>], { type })) };
    },
    scanPage: () => scanPage(win.document, registry),
    readPicture: ({ elementId }) => readPictureOf(element(elementId)),
    applyAlt: ({ elementId, text }) => applyAltText(element(elementId), text),
    undoAlt: ({ elementId }) => {
      if (!undoAltText(element(elementId))) throw new Error(t('pageNothingToUndo'));
    },
    // Only a field beside the picture, in its own document: a frame's picture must not be written,
    // under a button named with another document's words, into a field of the page around it.
    focusedAltField: ({ elementId }) => {
      const field = registry.byId(elementId) ? altFields.focused() : null;
      return field ? { label: fieldLabel(field) } : null;
    },
    selectRegion: (payload) =>
      selectRegion(win, {
        instructions: payload?.noPicture ? `${t('regionNoPictureHere')} ${t('regionInstructions')}` : t('regionInstructions'),
        label: t('regionLabel'),
      }),
    fillFocusedField: ({ text, elementId }) => {
      // Throws unless the picture is in this very document (see focusedAltField).
      element(elementId);
      const field = altFields.focused();
      if (!field) throw new Error(t('pageNoAltField'));
      fillField(field, text);
      return { label: fieldLabel(field) };
    },
  };
}
