/** The message keys that name each choice of the options' selects, shared by the fields that offer them. */
import type { AnswerSurface, Detail } from '../../utils/settings';

export const DETAIL_LABELS = { auto: 'optDetailAuto', low: 'optDetailLow', high: 'optDetailHigh' } as const satisfies Record<Detail, string>;
export const SURFACE_LABELS = { popup: 'optShowAnswersInPopup', sidepanel: 'optShowAnswersInSidePanel' } as const satisfies Record<AnswerSurface, string>;
