/**
 * The largest picture the extension takes in, brought to the popup or downloaded: more than any
 * phone or camera photo (a 100 MP JPEG is about 40 MB at its finest), and the extension shrinks
 * what it sends anyway. Its own module, so the popup checks it without loading the ask pipeline.
 */
export const MAX_PICTURE_BYTES = 40 * 1024 * 1024;
