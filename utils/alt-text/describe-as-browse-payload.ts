/**
 * The shape of "Describe as I browse"'s report from a page, checked when it arrives: the page's
 * content script sends it, and a page can make it say anything (messages.ts). Bounded like the
 * audit's scan: short texts, a handful of pictures.
 */
import * as v from 'valibot';
import { t } from '../shared/i18n';
import { MessageError } from '../shared/messages';
import { MAX_PICTURES_PER_REPORT } from '../shared/describe-as-browse-settings';
import { NEED_REASONS, type BrowseReport } from '../shared/alt-text-types';

const short = v.pipe(v.string(), v.maxLength(2000));
// A data: address a page drew can be long; the picture's own limits apply when it is prepared.
const address = v.pipe(v.string(), v.maxLength(3_000_000));
const size = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1_000_000));

const context = v.strictObject({
  lang: v.pipe(v.string(), v.maxLength(100)),
  pageTitle: short,
  caption: v.optional(short),
  control: v.optional(v.strictObject({ kind: v.picklist(['link', 'button']), text: short, href: v.optional(address) })),
  heading: v.optional(short),
  paragraph: v.optional(short),
  currentAlt: v.optional(short),
});

const picture = v.strictObject({
  elementId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['image', 'background image', 'canvas drawing', 'video frame', 'SVG drawing', 'page region']),
  url: v.optional(address),
  currentAlt: v.nullable(short),
  // Only pictures that need alt text are reported.
  need: v.strictObject({ needs: v.literal(true), reason: v.picklist(NEED_REASONS) }),
  width: size,
  height: size,
  context,
});

const report = v.strictObject({
  pictures: v.pipe(v.array(picture), v.maxLength(MAX_PICTURES_PER_REPORT)),
  pageTitle: short,
  lang: v.pipe(v.string(), v.maxLength(100)),
});

/** The report, or a sentence saying it is not one. */
export function checkedReport(payload: unknown): BrowseReport {
  const parsed = v.safeParse(report, payload);
  if (!parsed.success) throw new MessageError(t('badRequest', 'browseInView'));
  return parsed.output;
}
