/**
 * "Describe as I browse", page side: while it is on for this page, each picture that needs alt
 * text (the audit's own scan and decisions) is reported to the background as it comes near the
 * view, once; pictures never scrolled to are never reported, so never sent. Pictures the page adds
 * later are watched too. What the background says back is spoken politely, where the screen
 * reader is.
 */
import type { ElementRegistry } from './element-registry';
import { altNeedOf, factsOf } from './needs-alt';
import { scanPage } from './scan';
import type { BrowseReport, ScannedPicture } from '../../shared/alt-text-types';
import { MAX_PICTURES_PER_REPORT } from '../../shared/describe-as-browse-settings';

/** How far outside the view a picture counts as coming into it: enough to be ready as it scrolls in, no more. */
export const NEAR_VIEW_MARGIN = '200px 0px';

/** Marks the page's polite live region, so it is found again rather than added twice. */
export const ANNOUNCER_MARK = 'data-ask-about-image-announcer';

const ANNOUNCE_AFTER_MS = 100;

/**
 * Pictures the page adds are looked for at most this often: a page that never stops adding nodes
 * (a live feed, a ticker, a rotating ad) still gets its new pictures watched.
 */
const RESCAN_AFTER_MS = 300;

export interface BrowseWatcher {
  set(on: boolean): void;
  announce(text: string): void;
}

function liveRegion(doc: Document): HTMLElement {
  const found = doc.querySelector<HTMLElement>(`[${ANNOUNCER_MARK}]`);
  if (found) return found;
  const region = doc.createElement('div');
  region.setAttribute(ANNOUNCER_MARK, '');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  // Read by screen readers, invisible on screen and out of the page's layout.
  region.style.cssText = 'position:fixed!important;width:1px!important;height:1px!important;overflow:hidden!important;clip-path:inset(50%)!important;white-space:nowrap!important;margin:-1px!important;padding:0!important;border:0!important;';
  (doc.body ?? doc.documentElement).append(region);
  return region;
}

/** Sends pictures in reports the worker takes whole: a grid of thumbnails coming into view at once is not cut. */
function reporter(doc: Document, report: (report: BrowseReport) => Promise<void>): (pictures: ScannedPicture[]) => void {
  return (pictures) => {
    for (let from = 0; from < pictures.length; from += MAX_PICTURES_PER_REPORT) {
      report({ pictures: pictures.slice(from, from + MAX_PICTURES_PER_REPORT), pageTitle: doc.title, lang: doc.documentElement.lang }).catch((error: unknown) =>
        console.info('Describe as I browse: the extension could not be told about pictures in view.', error),
      );
    }
  };
}

/** Watches pictures until they come near the view, then sends each once, if it still needs alt text then. */
function nearViewObserver(watched: () => WeakMap<Element, ScannedPicture>, send: (pictures: ScannedPicture[]) => void): IntersectionObserver {
  const observer = new IntersectionObserver(
    (entries) => {
      const near: ScannedPicture[] = [];
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        const picture = watched().get(entry.target);
        // The page may have labelled it since the scan: the audit's decision, made again now.
        if (picture && altNeedOf(factsOf(entry.target)).needs) near.push(picture);
      }
      send(near);
    },
    { rootMargin: NEAR_VIEW_MARGIN },
  );
  return observer;
}

/** Calls `look` once the page has added nodes, at most every RESCAN_AFTER_MS; the returned function stops it. */
function watchAdditions(doc: Document, look: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const mutations = new MutationObserver((records) => {
    if (timer !== undefined || !records.some((record) => record.addedNodes.length > 0)) return;
    timer = setTimeout(() => {
      timer = undefined;
      look();
    }, RESCAN_AFTER_MS);
  });
  mutations.observe(doc.documentElement, { childList: true, subtree: true });
  return () => {
    mutations.disconnect();
    clearTimeout(timer);
  };
}

export function createBrowseWatcher(win: Window, registry: ElementRegistry, report: (report: BrowseReport) => Promise<void>): BrowseWatcher {
  const doc = win.document;
  const send = reporter(doc, report);
  let intersections: IntersectionObserver | undefined;
  let stopWatchingAdditions: (() => void) | undefined;
  // Pictures watched or reported already on this page: each is reported once.
  let seen = new WeakMap<Element, ScannedPicture>();

  // Whether the worker wants it on: a "stop" that arrives while the page is still loading must win
  // over the start waiting for the document.
  let wanted = false;

  const watchNew = () => {
    if (!intersections) return;
    for (const picture of scanPage(doc, registry).needing) {
      const element = registry.byId(picture.elementId);
      if (!element || seen.has(element)) continue;
      seen.set(element, picture);
      intersections.observe(element);
    }
  };

  const start = () => {
    if (intersections || !wanted) return;
    liveRegion(doc);
    intersections = nearViewObserver(() => seen, send);
    stopWatchingAdditions = watchAdditions(doc, watchNew);
    watchNew();
  };

  const stop = () => {
    intersections?.disconnect();
    stopWatchingAdditions?.();
    intersections = undefined;
    stopWatchingAdditions = undefined;
    seen = new WeakMap();
  };

  return {
    set(on) {
      wanted = on;
      if (!on) return stop();
      // The scan needs the page's pictures: wait for the document when it is still loading.
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
      else start();
    },
    announce(text) {
      const region = liveRegion(doc);
      // Emptied first, then written a moment later: screen readers say a change they saw happen,
      // and the same sentence twice is still said twice.
      region.textContent = '';
      win.setTimeout(() => (region.textContent = text), ANNOUNCE_AFTER_MS);
    },
  };
}
