import { defineConfig } from 'wxt';

// Chrome MV3 first; `wxt build -b firefox` gives the Firefox build from the same tree.
export default defineConfig({
  // Every dependency is imported where it is used, so a reader sees it in the file.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // The sources archive is what addons.mozilla.org's reviewers rebuild the add-on from: the code,
  // the lock and the build config, not the tests, the README's pictures or a local browser profile.
  zip: { excludeSources: ['docs/**', 'test/**', 'scripts/bench.mjs', '.chromium-profile/**', '.ci/**'] },
  hooks: {
    // WXT names the toolbar button after the popup's <title>, which is English; the tooltip follows
    // the UI's language instead (the page's own title is set at run time, components/shared/localize-page.ts).
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const action of [manifest.action, manifest.browser_action]) if (action) action.default_title = '__MSG_actionTitle__';
      // Firefox's sidebar takes its title from the side panel's <title> the same way, and without an
      // icon of its own it shows the browser's generic one where sidebars are listed. (Chrome's
      // side_panel has neither field.)
      const { sidebar_action: sidebar } = manifest as { sidebar_action?: { default_title?: string; default_icon?: Record<string, string> } };
      if (sidebar) {
        sidebar.default_title = '__MSG_actionTitle__';
        if (manifest.icons) sidebar.default_icon = { ...manifest.icons };
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen: Chrome's worker has no DOM to draw SVG pictures in (utils/image/rasterize-svg.ts).
    permissions: ['contextMenus', 'storage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // The API may live at any base URL the user configures (OpenAI, Azure, a local Ollama), and the
    // content script must run on every page to know which picture was right-clicked.
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    commands: {
      'ask-image': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: '__MSG_commandAskImage__',
      },
      'alt-text': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandAltText__',
      },
      'audit-page': {
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_commandAuditPage__',
      },
      'ask-region': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_commandAskRegion__',
      },
      // Chrome takes four suggested shortcuts: the user gives this one a key of their own.
      'auto-describe': {
        description: '__MSG_commandAutoDescribe__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Firefox keys extension storage by this id; without it every temporary install starts empty.
              id: 'ask-about-image@extension',
              // 140: Firefox's own consent for data sent off the device (the key below); storage.session
              // and menus.getTargetElement are older.
              strict_min_version: '140.0',
              // The picture asked about and the page's words around it (title, caption, link text)
              // go to the AI server the user configures: website content, and nothing else.
              data_collection_permissions: { required: ['websiteContent'] },
            },
            // Firefox for Android states that consent from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // 127: action.openPopup() for every extension (the answer opens by itself); offscreen
        // documents (109) and storage.session (102) are older.
        { minimum_chrome_version: '127' }),
  }),
});
