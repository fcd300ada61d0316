/**
 * What a real server does with the pictures a request carries as data URLs: it reads the bytes and
 * refuses a format it does not take (OpenAI: PNG, JPEG, WebP, GIF; Ollama's /v1: no GIF), with
 * OpenAI's `invalid_image_format`. Stricter than OpenAI in one way: a data URL whose type is not what
 * its bytes are (a PNG labelled WebP) is refused too, since the extension must never send one.
 */
type Part = { type: string; image_url?: string | { url: string } };
type Body = { messages?: { content: string | Part[] }[]; input?: string | { content: string | Part[] }[] };

export const OPENAI_PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const OLLAMA_PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** The type the bytes themselves are, from their first bytes. */
function sniff(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

function dataUrls(body: unknown): string[] {
  const request = body as Body;
  const items = request.messages ?? (Array.isArray(request.input) ? request.input : []);
  return items
    .flatMap((item) => (typeof item.content === 'string' ? [] : item.content))
    .map((part) => (typeof part.image_url === 'string' ? part.image_url : part.image_url?.url))
    .filter((url): url is string => typeof url === 'string' && url.startsWith('data:'));
}

/** The error a server answers for the first picture it refuses, or undefined when it takes them all. */
export function pictureRefusal(body: unknown, taken: readonly string[]): { message: string; code: string } | undefined {
  for (const url of dataUrls(body)) {
    const said = /^data:([^;,]+)/.exec(url)?.[1] ?? '';
    const is = sniff(Buffer.from(url.slice(url.indexOf(',') + 1, url.indexOf(',') + 1 + 24), 'base64'));
    if (!is || !taken.includes(is)) {
      const names = taken.map((type) => `'${type.slice('image/'.length)}'`).join(', ');
      return { code: 'invalid_image_format', message: `You uploaded an unsupported image. Please make sure your image has of one the following formats: [${names}].` };
    }
    if (said !== is) return { code: 'invalid_image_format', message: `The data URL says ${said}, but the picture is ${is}.` };
  }
  return undefined;
}
