/** What a person sees of an element, measured in the page rather than assumed from the DOM. */
import type { Locator } from 'playwright-core';

/** How many times the element may be replaced between finding it and measuring it before that counts as a failure. */
const ATTEMPTS = 5;

/**
 * How many pixels of the element's height a person sees: inside the window and inside every box
 * around it that scrolls or clips. Not whether the text is somewhere in the page.
 *
 * Found and measured in one call into the page (`evaluateAll`): `locator.evaluate` finds the element
 * in one call and measures it in a second, and an element the App replaced in between (an answer
 * re-rendered as markdown once the renderer has loaded) is detached and measures 0 pixels.
 */
export async function visiblePixels(locator: Locator): Promise<number> {
  return (await measureInView(locator)).visible;
}

/** The element's height and how much of it a person sees (visiblePixels), both from the same moment. */
export async function measureInView(locator: Locator): Promise<{ height: number; visible: number }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await locator.waitFor({ state: 'attached' });
    const measured = await locator.evaluateAll((elements) => {
      if (elements.length !== 1) return elements.length === 0 ? null : 'many';
      const rect = elements[0]!.getBoundingClientRect();
      let { top, bottom } = rect;
      for (let box = elements[0]!.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowY === 'visible') continue;
        const clip = box.getBoundingClientRect();
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
      }
      return { height: rect.height, visible: Math.max(0, Math.min(bottom, window.innerHeight) - Math.max(top, 0)) };
    });
    if (measured === 'many') throw new Error(`${locator} matches more than one element; measure one.`);
    if (measured !== null) return measured;
  }
  throw new Error(`${locator} was replaced ${ATTEMPTS} times between being found and being measured.`);
}
