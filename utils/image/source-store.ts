/**
 * Pixels read from the page, kept for a conversation's follow-ups in session storage only. Session
 * storage holds about 10 MB, and a full-screen canvas on a high-density display can be several MB
 * as PNG, so a large source is first shrunk to the most any model looks at (2048 px), and the oldest
 * sources go when the newest few no longer fit.
 */
import { pictureSourcesItem } from '../storage';
import { updateItem } from '../update-item';
import { dataUrlToBytes } from './bytes';
import { prepareImage } from './prepare';
import { rasterizeSvg } from './rasterize-svg';

export const KEEP_SOURCES = 8;
/** Characters of data URL kept in all, leaving room in the 10 MB session quota. */
export const SOURCES_BUDGET = 8_000_000;
/** Larger sources are shrunk before they are kept. */
export const SHRINK_OVER = 1_500_000;

async function shrink(dataUrl: string): Promise<string> {
  // No model is named, so the target is the largest any model uses: fit inside 2048 px. A picture
  // already inside it is encoded again when it is heavy: a PNG photo of 2000 x 1500 is 9 MB, kept as
  // it is it would overflow session storage on its own.
  const prepared = await prepareImage(dataUrlToBytes(dataUrl).bytes, { model: '', detail: 'high', maxBytes: (SHRINK_OVER / 4) * 3 }, rasterizeSvg);
  return prepared.dataUrl;
}

export async function rememberSource(key: string, dataUrl: string): Promise<void> {
  const kept = dataUrl.length > SHRINK_OVER ? await shrink(dataUrl) : dataUrl;
  await updateItem(pictureSourcesItem, (stored) => {
    // Strictly after every stored one, so "newest" is clear even within one millisecond.
    const at = Math.max(Date.now(), ...Object.values(stored).map((entry) => entry.at + 1));
    const sources = { ...stored, [key]: { dataUrl: kept, at } };
    const newestFirst = Object.keys(sources).sort((a, b) => sources[b]!.at - sources[a]!.at);
    let total = 0;
    newestFirst.forEach((id, i) => {
      total += sources[id]!.dataUrl.length;
      // The newest is always kept: it is the one about to be asked about.
      if (i > 0 && (i >= KEEP_SOURCES || total > SOURCES_BUDGET)) delete sources[id];
    });
    return sources;
  });
}

/** Lets go of pixels kept only for one request (Describe as I browse's), so they push out no conversation's. */
export async function forgetSource(key: string): Promise<void> {
  await updateItem(pictureSourcesItem, (sources) => {
    const { [key]: gone, ...rest } = sources;
    return gone ? rest : sources;
  });
}

export async function loadSource(key: string): Promise<string | undefined> {
  return (await pictureSourcesItem.getValue())[key]?.dataUrl;
}
