/**
 * The rules of the browsers' own stylesheet (HTML's rendering section) that change what a picture
 * is called: an <area> is display: none, shown only through its image, so a name computation that
 * skips hidden elements skips every area. happy-dom has no such stylesheet; page-side tests put
 * this in the document's head so they see what every real browser sees.
 */
export const USER_AGENT_STYLE = '<style>area { display: none; }</style>';
