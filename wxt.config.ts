import { defineConfig } from 'wxt';

/**
 * Permissions, each used by code (see README › Permissions):
 * - storage: the CRM token in trusted-context-only extension storage
 * - sidePanel: the app shell
 * - alarms: the sync drain survives the service worker being stopped
 * - contextMenus, activeTab, scripting: "capture competitor intel" injects the quick form into
 *   the page the user pointed at, only after that gesture — no content script on every page
 */
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox shows the side panel as a sidebar_action (no permission) and MV2 injects with tabs.
    permissions: [
      'storage',
      'alarms',
      'contextMenus',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
      ...(manifestVersion === 3 ? ['scripting'] : []),
    ],
    action: { default_title: '__MSG_extName__' },
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: { suggested_key: { default: 'Alt+Shift+F' } },
      'capture-intel': { suggested_key: { default: 'Alt+Shift+I' }, description: '__MSG_commandCaptureIntel__' },
      'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandOpenSidePanel__' },
    },
  }),
});
