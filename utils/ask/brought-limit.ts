/**
 * The largest file a person may bring to the popup: more than any phone or camera photo, and the
 * extension shrinks what it sends anyway. Its own module, so the popup checks it without loading
 * the ask pipeline.
 */
export const MAX_BROUGHT_BYTES = 40 * 1024 * 1024;
