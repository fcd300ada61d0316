/** The size a model will actually look at; sending more pixels costs upload time and nothing else. */
import { estimateImageTokens } from '../cost/image-tokens';
import type { Detail } from '../settings';

function fit(width: number, height: number, box: number) {
  const scale = Math.min(1, box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function targetSize(model: string, detail: Detail, width: number, height: number): { width: number; height: number } {
  const estimate = estimateImageTokens({ model, detail, width, height });
  if (estimate.tokens !== null) return { width: Math.max(1, estimate.width), height: Math.max(1, estimate.height) };
  // A model whose formula we do not know (a local model, say): what the tile models see.
  return fit(width, height, detail === 'low' ? 512 : 2048);
}
