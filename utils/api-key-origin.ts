/**
 * The API key belongs to the server it was saved for. It is stored with that server's origin and
 * sent only while the base URL still points there: a base URL changed later (by the user, or by
 * anything else that can write the settings) does not carry the key to a new server unasked.
 */

export interface SavedKey {
  key: string;
  /** The origin of the base URL when the key was saved, e.g. "https://api.openai.com". */
  origin: string;
}

/** Each profile's key, by profile id: one profile's key is never another's. */
export type SavedKeys = Record<string, SavedKey>;

/** The origin of a base URL, or '' when it is not an address at all. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return '';
  }
}

/** The host a stored origin names, for sentences. */
export function hostOfOrigin(origin: string): string {
  return origin ? new URL(origin).host : '';
}

/**
 * A saved key that can be sent at all: not blank, and bound to a server. One saved while the base
 * URL was not an address belongs to no server and must be saved again. Where it may go: keyFits.
 */
export function usableKey(saved: SavedKey | null): SavedKey | null {
  return saved?.key.trim() && saved.origin ? saved : null;
}

/** Whether a key saved for `origin` may go to the server at `baseUrl`. */
export function keyFits(origin: string, baseUrl: string): boolean {
  return origin !== '' && origin === originOf(baseUrl.trim());
}
