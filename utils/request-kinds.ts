/**
 * Which API a profile speaks and how it sends pictures: words of their own, below both the settings
 * and the provider presets, which describe their defaults in them without importing each other.
 */
export type ApiKind = 'chat' | 'responses';
export type SendImagesAs = 'auto' | 'bytes' | 'url';
/**
 * How fast pictures go up to a profile's server, as the user expects it: not known, slow (under
 * 5 Mbit/s: a phone's link, a rural line), or fast (a home or office line, or a server on this
 * computer or network). It decides whether a photo's smaller encoding is worth its time (encodings.ts).
 */
export type Uplink = 'unknown' | 'slow' | 'fast';
