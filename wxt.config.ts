import { defineConfig } from 'wxt';
import { LABELS_COMMAND } from './utils/core/constants';
import { escapeNoncharacters } from './scripts/lib/noncharacters';
import { tesseractAssets } from './scripts/lib/tesseractAssets';

/** The add-on's id in Firefox. */
export const FIREFOX_ADDON_ID = 'restage@restage';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Every module imports what it uses (WXT's APIs from '#imports'): no auto-imports, so no
  // scanner guessing at our files' exports.
  imports: false,
  vite: () => ({ plugins: [escapeNoncharacters()] }),
  manifest: ({ browser }) => ({
    name: 'Restage',
    description:
      'Visual UI critique for live pages: labeled regions, a clearer same-content alternative, and verification.',
    // Firefox has no sidePanel API: WXT maps the panel to its sidebar_action instead.
    // Nor has it offscreen documents, where OCR of generated images runs (utils/offscreen/ocr/).
    permissions: [
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
      'activeTab',
      // Export's copies (utils/core/report/exportText.ts): the panel may write the clipboard even
      // when the side panel is not the focused document.
      'clipboardWrite',
      'scripting',
      'storage',
      'tabs',
    ],
    // The panel stays open while the user switches tabs and reloads pages, and the
    // verify loop recaptures after a change. activeTab covers only the tab the toolbar
    // button was clicked on, until it navigates, so scripting and captureVisibleTab on
    // those pages need host access. Nothing is injected until the user asks.
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Open Restage' },
    // Shows or hides the numbered boxes on the page (utils/extension/labels.ts). Alt+Shift+L is
    // free in Chrome and Firefox; users can change it at chrome://extensions/shortcuts (Firefox:
    // about:addons → Manage Extension Shortcuts).
    commands: {
      [LABELS_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Show or hide the numbered labels on the page',
      },
    },
    // The bundled OCR engine is WebAssembly. Chrome's default extension CSP
    // ("script-src 'self'") disables WebAssembly; 'wasm-unsafe-eval' is the one allowance
    // MV3 permits (https://developer.chrome.com/docs/extensions/reference/manifest/content-security-policy).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // A fixed id: Firefox keys storage, IndexedDB and the moz-extension:// address
              // to it, so a temporary add-on keeps its data across reloads (and the e2e test
              // can pin its address).
              id: FIREFOX_ADDON_ID,
              // With a model set, the screenshot and the page's visible text go to the
              // provider the user chose (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {
          content_security_policy: {
            extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
          },
        }),
  }),
  hooks: {
    // OCR's worker, cores and English model are copied from node_modules at build time
    // (not committed), and only into builds that can run them.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser !== 'firefox') files.push(...tesseractAssets());
    },
  },
});
