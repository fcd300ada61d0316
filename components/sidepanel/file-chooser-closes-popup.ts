import { browser } from 'wxt/browser';
import { isToolbarPopup } from './is-toolbar-popup';

/**
 * Whether this page is a toolbar popup that a file chooser would close, with a sidebar to send the
 * person to instead: Firefox's (it closes its popup as soon as the popup loses the focus). Told by
 * what the browser has, Firefox's sidebarAction, rather than by build; and only in the toolbar
 * popup: Chrome keeps its popup open under the chooser, and popup.html opened as a tab, or the
 * sidebar itself, keeps its own file input, which works there.
 */
export function fileChooserClosesPopup(page: Window = window): boolean {
  return 'sidebarAction' in browser && isToolbarPopup(page);
}
