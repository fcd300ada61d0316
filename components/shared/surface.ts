/** Where the views are shown: the toolbar popup (at most 600 px tall) or the browser's side panel. */
export type Surface = 'popup' | 'sidepanel';
