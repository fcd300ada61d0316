// Chrome's offscreen document: a page with a DOM where the service worker has it draw SVG pictures.
import { browser } from 'wxt/browser';
import { dataUrlToBytes } from '../../utils/image/bytes';
import { blobToDataUrl } from '../../utils/page/read-pixels';
import { drawSvgInDocument } from '../../utils/image/rasterize-svg';
import { createMessageListener, isExtensionPage, type OffscreenRequests } from '../../utils/shared/messages';

browser.runtime.onMessage.addListener(
  createMessageListener<OffscreenRequests>(
    {
      rasterizeSvg: async ({ svg, width, height }) => {
        const { bytes } = dataUrlToBytes(`data:image/svg+xml;base64,${svg}`);
        return { dataUrl: await blobToDataUrl(await drawSvgInDocument(bytes, width, height)) };
      },
    },
    isExtensionPage,
  ),
);
