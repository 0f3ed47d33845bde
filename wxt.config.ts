import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Restage',
    description:
      'Visual UI critique for live pages: labeled regions, a clearer same-content alternative, and verification.',
    // Firefox has no sidePanel API: WXT maps the panel to its sidebar_action instead.
    permissions: [
      ...(browser === 'firefox' ? [] : ['sidePanel']),
      'activeTab',
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
  }),
});
