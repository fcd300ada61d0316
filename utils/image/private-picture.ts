/**
 * A picture on this computer or a private network, found on a page from the internet. A page can
 * hide such a picture under the one the user sees (an invisible <img src="http://router/...">) so
 * that the extension, which may read any address, fetches it and sends it to the API. So it is
 * read only once the user has said so; a picture on a private page (an intranet wiki, a NAS) is
 * that page's own, and reads as usual.
 */
import { isPrivateHost } from '../private-host';

function webUrl(address: string | undefined): URL | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    // Not an address (an empty page URL, say): nothing to compare, so no page to distrust.
    return undefined;
  }
}

/** The picture's and the page's hosts, when the picture is private and the page is public. */
export function privatePictureOnPublicPage(pictureUrl: string, pageUrl: string | undefined): { picture: string; page: string } | undefined {
  const picture = webUrl(pictureUrl);
  const page = webUrl(pageUrl);
  if (!picture || !page || !isPrivateHost(picture.hostname) || isPrivateHost(page.hostname)) return undefined;
  return { picture: picture.host, page: page.host };
}
