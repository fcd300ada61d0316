/**
 * The two refusals a second request can mend, for every request to the model (request-runner.ts):
 * the server could not download a picture's address (send the bytes), or it does not take
 * structured output (ask for the labelled plain-text form, which the parser reads just as well).
 */
import { isDownloadFailure } from '../image/transport';
import { VisionError } from '../vision/errors';
import type { VisionRequest } from '../vision/types';

/** How the next try differs from the one refused: the bytes instead of an address, or plain text instead of JSON. */
export type Mend = 'bytes' | 'plain';

/** The server does not take `response_format` / `text.format` (a local server, an older model). */
export function isFormatRefusal(error: VisionError): boolean {
  if (error.status !== undefined && error.status !== 400 && error.status !== 422) return false;
  return /response_format|text\.format|json_schema|structured output/i.test(`${error.param ?? ''} ${error.message}`);
}

/**
 * Which mend a refused try may still get: only a refusal before any answer, each mend once, and
 * only where it changes something (an address was sent; a format was asked for).
 */
export function mendFor(
  error: unknown,
  tried: { request: Pick<VisionRequest, 'responseFormat'>; byAddress: boolean },
  used: ReadonlySet<Mend>,
): Mend | null {
  if (!(error instanceof VisionError)) return null;
  if (tried.byAddress && !used.has('bytes') && isDownloadFailure(error)) return 'bytes';
  if (tried.request.responseFormat && !used.has('plain') && isFormatRefusal(error)) return 'plain';
  return null;
}
