/**
 * Which API a profile speaks and how it sends pictures: words of their own, below both the settings
 * and the provider presets, which describe their defaults in them without importing each other.
 */
export type ApiKind = 'chat' | 'responses';
export type SendImagesAs = 'auto' | 'bytes' | 'url';
