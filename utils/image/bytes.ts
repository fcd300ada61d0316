/** Byte and data-URL conversions that work in a service worker (no Buffer, no FileReader). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function bytesToDataUrl(bytes: Uint8Array, mime: string): string {
  return `data:${mime};base64,${bytesToBase64(bytes)}`;
}

export function dataUrlToBytes(dataUrl: string): { bytes: Uint8Array; mime: string } {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('That is not a data: address.');
  const [, mime = '', base64, payload = ''] = match;
  if (!base64) return { bytes: new TextEncoder().encode(decodeURIComponent(payload)), mime };
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return { bytes, mime };
}

/** How large a data URL of `bytes` bytes is: what actually travels in the request. */
export function dataUrlLength(bytes: number, mime: string): number {
  return `data:${mime};base64,`.length + Math.ceil(bytes / 3) * 4;
}
