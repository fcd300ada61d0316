import { defineConfig } from 'wxt';

// Chrome MV3 first; `wxt build -b firefox` gives the Firefox build from the same tree.
export default defineConfig({
  // Every dependency is imported where it is used, so a reader sees it in the file.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
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
    },
    // Firefox keys extension storage by this id; without it every temporary install starts empty.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'ask-about-image@extension' } } } : {}),
  }),
});
