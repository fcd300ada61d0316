/**
 * What an ask knows of the side panel's opening, apart from the worker's copy of the choice
 * (answer-surface.ts): the popup's page imports badge.ts, which needs these, and must not take in
 * the worker's state with them.
 */

/**
 * Whether the side panel opened for one ask: true when it did (the answer is shown there and no
 * popup is opened), false when the popup is the way (the choice, a choice not known yet, or a panel
 * the browser refused or did not open in time).
 */
export type PanelOpening = Promise<boolean>;

/** An ask that opened no side panel. */
export const NO_PANEL: PanelOpening = Promise.resolve(false);

/** An ask made from the side panel itself: it is open, and shows the answer. */
export const ALREADY_OPEN: PanelOpening = Promise.resolve(true);
