import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * Architecture boundaries (see test/conventions/boundaries.test.ts).
 *
 * `no-restricted-imports` and `no-restricted-syntax` are each set by several config objects below.
 * In flat config the LAST object matching a file wins and its options REPLACE earlier ones (they are
 * not merged), so every object sets the complete option list for its zone, built by the helpers
 * below from flags. Zones are listed from broad to narrow; keep that order.
 */

const HOST_ONLY = 'Only lib/host touches the browser API: export a setUp…() function or helper from lib/host and call that instead.';
const LIB_IS_PURE = 'lib/ is pure TypeScript: move React code to components/ and pass data in, or move the shared logic into lib/.';
const HUBSPOT_ONLY = 'Only lib/crm/hubspot/ knows HubSpot: add what you need to the CRM port (lib/crm/port.ts) and implement it in lib/crm/hubspot/.';
const NO_STORE_IN_CONTENT =
  'Content scripts must not touch the database: send a message to the background (lib/messaging/client) and let it read or write the store.';

/**
 * Options for `no-restricted-imports` in one zone.
 * @param {{ zod?: boolean, browserApi?: boolean, react?: boolean, hubspot?: boolean, store?: boolean }} restrict
 *   zod: 'zod' must come through lib/kernel/zod; browserApi: the zone is outside lib/host;
 *   react: the zone is in lib/; hubspot: the zone is outside lib/crm/hubspot; store: the zone is content-script code.
 */
function restrictedImports({ zod = true, browserApi = false, react = false, hubspot = true, store = false } = {}) {
  const paths = [];
  const patterns = [];
  if (zod) {
    paths.push(
      { name: 'zod', message: "Import { z } from 'lib/kernel/zod' so jitless mode is set first." },
      { name: 'zod/mini', message: "Import { zm } from 'lib/kernel/zod-mini' so jitless mode is set first." },
    );
  }
  if (browserApi) {
    paths.push(
      { name: 'webextension-polyfill', message: HOST_ONLY },
      { name: 'wxt/browser', message: HOST_ONLY },
      { name: '@wxt-dev/browser', message: HOST_ONLY },
      { name: '#imports', importNames: ['browser'], message: HOST_ONLY },
    );
    patterns.push({ group: ['wxt/browser/*', '@wxt-dev/browser/*'], message: HOST_ONLY });
  } else {
    paths.push({ name: 'webextension-polyfill', message: "Import { browser } from 'wxt/browser'." });
  }
  if (react) {
    for (const name of ['react', 'react-dom', 'dexie-react-hooks', 'react-hook-form']) paths.push({ name, message: LIB_IS_PURE });
    patterns.push(
      { group: ['react/*', 'react-dom/*', '@hookform/*', 'dexie-react-hooks/*', 'react-hook-form/*'], message: LIB_IS_PURE },
      { group: ['*.tsx'], message: LIB_IS_PURE },
      { group: ['**/components', '**/components/**'], message: LIB_IS_PURE },
    );
  }
  if (hubspot) patterns.push({ group: ['@hubspot/*'], message: HUBSPOT_ONLY });
  if (store) {
    paths.push({ name: 'dexie', message: NO_STORE_IN_CONTENT }, { name: 'dexie-react-hooks', message: NO_STORE_IN_CONTENT });
    patterns.push({ group: ['dexie/*', '**/store/**', '**/lib/store', '**/shell/database-context*'], message: NO_STORE_IN_CONTENT });
  }
  // A name should appear once in `paths`: the entry pushed last (the most specific concern) wins.
  const byName = new Map(paths.map((p) => [p.name, p]));
  return ['error', { paths: [...byName.values()], patterns }];
}

const HUBSPOT_HOST = String.raw`/(hubapi|hubspot)\.com/i`;

/**
 * Options for `no-restricted-syntax` in one zone.
 * @param {{ hubspotHost?: boolean, tsxFile?: boolean }} restrict
 *   hubspotHost: no HubSpot host names in strings; tsxFile: the file itself must not be .tsx.
 */
function restrictedSyntax({ hubspotHost = false, tsxFile = false } = {}) {
  const selectors = [
    { selector: "CallExpression[callee.name='eval']", message: 'No eval: MV3 forbids it.' },
    { selector: "NewExpression[callee.name='Function']", message: 'No new Function: MV3 forbids it.' },
  ];
  if (hubspotHost) {
    const message =
      'Only lib/crm/hubspot/ may name HubSpot hosts: import the value from there (e.g. DEFAULT_BASE_URL in lib/crm/hubspot/base-url.ts) or receive it as a parameter.';
    selectors.push(
      { selector: `Literal[value=${HUBSPOT_HOST}]`, message },
      { selector: `TemplateElement[value.raw=${HUBSPOT_HOST}]`, message },
      { selector: `JSXText[value=${HUBSPOT_HOST}]`, message },
    );
  }
  if (tsxFile) selectors.push({ selector: 'Program', message: `${LIB_IS_PURE} (no .tsx files under lib/)` });
  return ['error', ...selectors];
}

const CONTENT_SCRIPT_ENTRYPOINTS = ['entrypoints/*.content/**', 'entrypoints/*.content.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'dist/**', '.demo/**', 'test-results/**', 'hubspot-app/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-syntax': restrictedSyntax(),
      'no-restricted-imports': restrictedImports(),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // ── no-restricted-imports zones (broad → narrow; the last match wins) ──
  { files: ['components/**', 'entrypoints/**'], rules: { 'no-restricted-imports': restrictedImports({ browserApi: true }) } },
  { files: ['lib/**'], rules: { 'no-restricted-imports': restrictedImports({ browserApi: true, react: true }) } },
  { files: ['lib/host/**'], rules: { 'no-restricted-imports': restrictedImports({ react: true }) } },
  { files: ['lib/crm/hubspot/**'], rules: { 'no-restricted-imports': restrictedImports({ browserApi: true, react: true, hubspot: false }) } },
  { files: ['lib/kernel/zod.ts', 'lib/kernel/zod-mini.ts'], rules: { 'no-restricted-imports': restrictedImports({ browserApi: true, react: true, zod: false }) } },
  // Content-script code: talks to the background by messages, never to the database.
  {
    files: [...CONTENT_SCRIPT_ENTRYPOINTS, 'components/intel/capture/**'],
    rules: { 'no-restricted-imports': restrictedImports({ browserApi: true, store: true }) },
  },
  { files: ['lib/host/intel-capture.ts'], rules: { 'no-restricted-imports': restrictedImports({ react: true, store: true }) } },
  // Tests, the simulator and benches drive the simulator with the official HubSpot client.
  { files: ['test/**', 'sim/**', 'bench/**'], rules: { 'no-restricted-imports': restrictedImports({ hubspot: false }) } },

  // ── no-restricted-syntax zones (broad → narrow; the last match wins) ──
  { files: ['lib/**', 'components/**'], rules: { 'no-restricted-syntax': restrictedSyntax({ hubspotHost: true }) } },
  { files: ['lib/**/*.tsx'], rules: { 'no-restricted-syntax': restrictedSyntax({ hubspotHost: true, tsxFile: true }) } },
  { files: ['lib/crm/hubspot/**'], rules: { 'no-restricted-syntax': restrictedSyntax() } },
  { files: ['lib/crm/hubspot/**/*.tsx'], rules: { 'no-restricted-syntax': restrictedSyntax({ tsxFile: true }) } },
);
