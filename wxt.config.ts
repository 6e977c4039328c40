import { HUBSPOT_APP_HOSTS } from './lib/crm/hubspot/record-urls';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';

/**
 * Permissions, each used by code (see README › Permissions):
 * - storage: the CRM token in trusted-context-only extension storage
 * - sidePanel: the app shell
 * - alarms: the sync drain and report reminders survive the service worker being stopped
 * - notifications: a reminder before a report's deadline (quiet hours respected)
 * - contextMenus, activeTab, scripting: "capture competitor intel" injects the quick form into
 *   the page the user pointed at, only after that gesture — no content script on every page
 */
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // @hubspot/api-client imports Node's `url`; in the service worker the global URL does the job.
  vite: () => ({ plugins: [tailwindcss()], resolve: { alias: { url: resolve('lib/crm/hubspot/url-shim.ts') } } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox shows the side panel as a sidebar_action (no permission) and MV2 injects with tabs.
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'contextMenus',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
      ...(manifestVersion === 3 ? ['scripting'] : []),
    ],
    // Only the background calls the CRM; content scripts never get a token or a CRM response.
    host_permissions: ['https://api.hubapi.com/*'],
    action: { default_title: '__MSG_extName__' },
    // The KPI panel page is framed into HubSpot company records by the HubSpot content script;
    // only the HubSpot app's hosts may frame it. The intel form is framed by the capture's content
    // script into whatever page the rep pointed at, so any http(s) page may frame it (README ›
    // Permissions says what that exposes: only that Fieldkit is installed).
    web_accessible_resources:
      manifestVersion === 3
        ? [
            { resources: ['hubspot-panel.html'], matches: HUBSPOT_APP_HOSTS.map((host) => `https://${host}/*`) },
            { resources: ['intel-form.html'], matches: ['http://*/*', 'https://*/*'] },
          ]
        : (['hubspot-panel.html', 'intel-form.html'] as never),
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: { suggested_key: { default: 'Alt+Shift+F' } },
      'capture-intel': { suggested_key: { default: 'Alt+Shift+I' }, description: '__MSG_commandCaptureIntel__' },
      'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandOpenSidePanel__' },
      // Chrome allows four suggested keys; this is the fourth.
      'build-weekly-report': { suggested_key: { default: 'Alt+Shift+W' }, description: '__MSG_commandBuildWeeklyReport__' },
    },
  }),
});
