/** What a person sees of an element, measured in the page rather than assumed from the DOM. */
import type { Locator } from 'playwright-core';

/**
 * How many pixels of the element's height a person sees: inside the window and inside every box
 * around it that scrolls or clips. Not whether the text is somewhere in the page.
 */
export function visiblePixels(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    let { top, bottom } = element.getBoundingClientRect();
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (getComputedStyle(box).overflowY === 'visible') continue;
      const clip = box.getBoundingClientRect();
      top = Math.max(top, clip.top);
      bottom = Math.min(bottom, clip.bottom);
    }
    return Math.max(0, Math.min(bottom, window.innerHeight) - Math.max(top, 0));
  });
}
