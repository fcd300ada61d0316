/**
 * Usage the way a real server counts it, from what a request actually carried: each picture's
 * tokens from its real size (downloaded, or decoded from its data URL) by the model family's
 * formula, plus about four characters a token of text. Models that count patches ignore detail
 * "low" for a downloaded address, as OpenAI's do, so an address costs its full size there. Used to
 * measure what alt text at low detail costs against auto, with the same picture.
 */
import { imageSize } from 'image-size';
import { estimateImageTokens, familyOf } from '../../utils/cost/image-tokens';
import type { FakeUsage } from './server';

type Part = { type: string; text?: string; image_url?: string | { url: string; detail?: string }; detail?: string };
type Body = { model: string; messages?: { content: string | Part[] }[]; input?: { content: string | Part[] }[]; instructions?: string };

async function sizeOf(url: string): Promise<{ width: number; height: number }> {
  const bytes = url.startsWith('data:')
    ? Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')
    : Buffer.from(await (await fetch(url)).arrayBuffer());
  const { width, height } = imageSize(new Uint8Array(bytes));
  if (!width || !height) throw new Error(`The fake server could not read the size of ${url.slice(0, 60)}`);
  return { width, height };
}

export async function measuredUsage(body: unknown, output: number): Promise<FakeUsage> {
  const request = body as Body;
  const items = request.messages ?? request.input ?? [];
  let text = request.instructions ?? '';
  let input = 0;
  for (const item of items) {
    const parts = typeof item.content === 'string' ? [{ type: 'text', text: item.content }] : item.content;
    for (const part of parts) {
      if (part.text) text += part.text;
      const image = typeof part.image_url === 'string' ? { url: part.image_url, detail: part.detail } : part.image_url;
      if (!image) continue;
      const size = await sizeOf(image.url);
      const asked = (image.detail ?? 'auto') as 'low' | 'high' | 'auto';
      const ignoresLow = !image.url.startsWith('data:') && familyOf(request.model)?.kind === 'patch';
      const estimate = estimateImageTokens({ model: request.model, ...size, detail: ignoresLow && asked === 'low' ? 'auto' : asked });
      input += estimate.tokens ?? 0;
    }
  }
  return { input: input + Math.ceil(text.length / 4), output };
}
