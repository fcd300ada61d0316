/**
 * A picture on this computer or a private network, found on a page from the internet. A page can
 * hide such a picture under the one the user sees (an invisible <img src="http://router/...">) so
 * that the extension, which may read any address, fetches it and sends it to the API. So it is
 * read only once the user has said so; a picture on a private page (an intranet wiki, a NAS) is
 * that page's own, and reads as usual.
 *
 * A frame the page wrote (srcdoc, about:blank, data:) is the page's: it is judged by the address
 * it inherits (pageOrigin). Where that is not known either, the page is not trusted.
 */
import { isPrivateHost } from '../private-host';

function webUrl(address: string | undefined): URL | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    if (url.protocol === 'blob:') return webUrl(url.pathname);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    // Not an address (an empty page URL, say): nothing to compare.
    return undefined;
  }
}

/**
 * Pages with no web origin that are the user's own: none given (an address the user typed), a file
 * on this computer, the extension's own pages. Any other address without a web origin (about:,
 * data:, javascript:) is content some page wrote, and which page is not known.
 */
const OWN_PAGE = /^(file|chrome-extension|moz-extension):/i;

/** The picture's and the page's hosts, when the picture is private and the page is public (or unknown). */
export function privatePictureOnPublicPage(
  pictureUrl: string,
  pageUrl: string | undefined,
  pageOrigin?: string,
): { picture: string; page: string } | undefined {
  const picture = webUrl(pictureUrl);
  if (!picture || !isPrivateHost(picture.hostname)) return undefined;
  const page = webUrl(pageUrl) ?? webUrl(pageOrigin);
  if (page) return isPrivateHost(page.hostname) ? undefined : { picture: picture.host, page: page.host };
  if (!pageUrl || OWN_PAGE.test(pageUrl)) return undefined;
  // A frame of unknown parentage: named by its scheme, never by a data: address's whole text.
  return { picture: picture.host, page: pageUrl.startsWith('about:') ? pageUrl.slice(0, 40) : `${pageUrl.split(':')[0]}:` };
}
