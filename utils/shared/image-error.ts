/** A picture that cannot be sent, with the sentence that tells the user why. Nothing is sent. */
export type ImageErrorKind =
  | 'empty'
  | 'not-an-image'
  | 'undecodable'
  | 'truncated'
  | 'too-large'
  | 'unreachable'
  /** On a private network, found on a public page: read only when the user says so. */
  | 'private-on-public'
  | 'no-picture'
  | 'unavailable';

export class ImageError extends Error {
  constructor(
    readonly kind: ImageErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}
