/**
 * How the popup and the side panel start: the stored answer painted first, from one read; then the
 * App's code, which renders over it; then the "answer waiting" badge cleared, since the answer is
 * now on screen. This file and pre-paint.ts are the page's first JavaScript: the App comes in by
 * dynamic import, after the pre-paint's frame.
 */
import type { Surface } from './surface';
import { prePaint } from './pre-paint';

export function startViews(root: HTMLElement, surface: Surface): void {
  prePaint(root, surface)
    .catch((error: unknown) => console.error('Could not paint the stored answer early; the App paints it when it has loaded.', error))
    .then(() => Promise.all([import('../popup/mount'), import('../../utils/badge')]))
    .then(async ([{ mountApp }, { clearAnswerWaiting }]) => {
      await mountApp(root, surface);
      await clearAnswerWaiting();
    })
    .catch((error: unknown) => console.error(`Could not start the ${surface === 'popup' ? 'popup' : 'side panel'}.`, error));
}
