/**
 * The largest picture the extension takes in, brought to the popup or downloaded: more than any
 * phone or camera photo (a 100 MP JPEG is about 40 MB at its finest), and the extension shrinks
 * what it sends anyway. Its own module, so the popup checks it without loading the ask pipeline.
 */
export const MAX_PICTURE_BYTES = 40 * 1024 * 1024;

/** A picture's server that has not sent it in this long is not waited for, by the extension or the page. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;
