/**
 * Page side: what the content script answers. Adds the frame's offset to screenshot boxes, reads
 * pictures with the page's cookies, and in Firefox uses the browser's own record of the element.
 */
import { browser } from 'wxt/browser';
import type { ContentRequests, Handlers } from '../messages';
import { answerFrameOffsetQueries, frameOffset } from './frame-offset';
import { createTargetTracker } from './locate';
import { blobToDataUrl } from './read-pixels';

type MenusWithTarget = { getTargetElement?: (id: number) => Element | null };

export function createContentHandlers(win: Window): Handlers<ContentRequests> {
  const tracker = createTargetTracker(win.document);
  answerFrameOffsetQueries(win);
  return {
    describeTarget: async ({ reason, targetElementId }) => {
      // Firefox knows exactly which element the menu was opened on.
      const menus = (browser as unknown as { menus?: MenusWithTarget }).menus;
      const chosen = targetElementId !== undefined ? (menus?.getTargetElement?.(targetElementId) ?? undefined) : undefined;
      const described = await tracker.describe(reason, chosen);
      if (described?.source.kind !== 'capture') return described;
      const offset = await frameOffset(win);
      const { rect } = described.source;
      return { ...described, source: { ...described.source, rect: { ...rect, x: rect.x + offset.x, y: rect.y + offset.y } } };
    },
    readBytes: async ({ url }) => {
      const response = await fetch(url, { credentials: 'include' });
      if (!response.ok) throw new Error(`The page could not load the picture either (HTTP ${response.status}).`);
      return { dataUrl: await blobToDataUrl(await response.blob()) };
    },
  };
}
