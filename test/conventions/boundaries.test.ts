import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * Proves the architecture boundary rules in eslint.config.js fire on a violating file and stay quiet
 * on an allowed one. Files are linted with lintText: the filePath only selects the config zone, the
 * file does not have to exist.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 30_000;

const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const BOUNDARY_RULES = new Set([IMPORTS, SYNTAX]);

const LIB_IS_PURE = /lib\/ is pure TypeScript: move React code to components\//;
const HUBSPOT_ONLY = /Only lib\/crm\/hubspot\/ knows HubSpot/;
const HUBSPOT_HOST = /Only lib\/crm\/hubspot\/ may name HubSpot hosts/;
const NO_STORE = /Content scripts must not touch the database: send a message to the background/;
const HOST_ONLY = /Only lib\/host touches the browser API/;

/** A module that imports `specifier` and uses it (so no-unused-vars stays out of the way). */
const importing = (specifier: string) => `import * as m from '${specifier}';\nexport const x = m;`;

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
}, TIMEOUT);

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  expect(await eslint.isPathIgnored(filePath), `${filePath} is ignored by eslint`).toBe(false);
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  const messages = result?.messages ?? [];
  // A parse error or an "ignored file" warning would make every assertion below meaningless.
  expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return messages;
}

/** The boundary errors (no-restricted-imports / no-restricted-syntax) reported for a snippet. */
async function boundaryErrors(filePath: string, code: string) {
  const messages = await lint(filePath, code);
  return messages.filter((m) => m.severity === 2 && m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
}

async function expectViolation(filePath: string, code: string, ruleId: string, message: RegExp) {
  const errors = await boundaryErrors(filePath, code);
  expect(errors, `${filePath} should report ${ruleId} ${message}`).toContainEqual(
    expect.objectContaining({ ruleId, severity: 2, message: expect.stringMatching(message) }),
  );
}

async function expectAllowed(filePath: string, code: string) {
  expect(await boundaryErrors(filePath, code)).toEqual([]);
}

describe('rule 1: no React in lib/', () => {
  it.each([
    { file: 'lib/visits/violation.ts', what: 'import react', code: importing('react') },
    { file: 'lib/visits/violation.ts', what: 'import react-dom/client', code: importing('react-dom/client') },
    { file: 'lib/visits/violation.ts', what: 'import dexie-react-hooks', code: importing('dexie-react-hooks') },
    { file: 'lib/visits/violation.ts', what: 'import react-hook-form', code: importing('react-hook-form') },
    { file: 'lib/visits/violation.ts', what: 'import @hookform/resolvers/zod', code: importing('@hookform/resolvers/zod') },
    { file: 'lib/reports/violation.ts', what: 'import ../../components/ui', code: importing('../../components/ui') },
    { file: 'lib/reports/violation.ts', what: 'import type from components/', code: "import type { Key } from '../../components/reports/messages';\nexport type X = Key;" },
    { file: 'lib/reports/violation.ts', what: 'import ./View.tsx', code: importing('./View.tsx') },
    { file: 'lib/host/violation.ts', what: 'import react', code: importing('react') },
  ])('$file: $what is an error', async ({ file, code }) => {
    await expectViolation(file, code, IMPORTS, LIB_IS_PURE);
  }, TIMEOUT);

  it('a .tsx file under lib/ is an error', async () => {
    await expectViolation('lib/visits/View.tsx', 'export const View = () => <p>hi</p>;', SYNTAX, LIB_IS_PURE);
  }, TIMEOUT);

  it.each([
    { file: 'components/visits/Allowed.tsx', what: 'react, react-hook-form, dexie-react-hooks', code: "import { useState } from 'react';\nimport { useForm } from 'react-hook-form';\nimport { useLiveQuery } from 'dexie-react-hooks';\nexport const x = [useState, useForm, useLiveQuery];" },
    { file: 'lib/visits/allowed.ts', what: 'import ../kernel/dates', code: importing('../kernel/dates') },
    { file: 'lib/store/allowed.ts', what: 'import dexie', code: importing('dexie') },
  ])('$file: $what is allowed', async ({ file, code }) => {
    await expectAllowed(file, code);
  }, TIMEOUT);
});

describe('rule 2: HubSpot only in lib/crm/hubspot/', () => {
  it.each([
    { file: 'lib/sync/violation.ts', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
    { file: 'lib/sync/violation.ts', what: 'import @hubspot/api-client/lib/codegen/crm/companies', code: importing('@hubspot/api-client/lib/codegen/crm/companies') },
    { file: 'components/sync/Violation.tsx', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
    { file: 'entrypoints/background/violation.ts', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
    { file: 'cli/violation.ts', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
  ])('$file: $what is an error', async ({ file, code }) => {
    await expectViolation(file, code, IMPORTS, HUBSPOT_ONLY);
  }, TIMEOUT);

  it.each([
    { file: 'lib/sync/violation.ts', what: "'…api.hubapi.com…' string", code: "export const url = 'https://api.hubapi.com/crm/v3/objects';" },
    { file: 'lib/sync/violation.ts', what: '`…app.hubspot.com…` template', code: 'export const link = (id: string) => `https://app.hubspot.com/contacts/${id}`;' },
    { file: 'components/sync/Violation.tsx', what: 'JSX attribute with api.hubapi.com', code: 'export const F = () => <input placeholder="https://api.hubapi.com" />;' },
    { file: 'components/sync/Violation.tsx', what: 'JSX text with app.HubSpot.com', code: 'export const F = () => <p>Open app.HubSpot.com to create a token</p>;' },
  ])('$file: $what is an error', async ({ file, code }) => {
    await expectViolation(file, code, SYNTAX, HUBSPOT_HOST);
  }, TIMEOUT);

  it.each([
    { file: 'lib/crm/hubspot/allowed.ts', what: '@hubspot import and HubSpot hosts', code: "import { Client } from '@hubspot/api-client';\nexport const x = Client;\nexport const url = 'https://api.hubapi.com';\nexport const t = (id: string) => `https://app.hubspot.com/${id}`;" },
    { file: 'test/sim/allowed.test.ts', what: '@hubspot import and HubSpot host', code: "import { Client } from '@hubspot/api-client';\nexport const x = Client;\nexport const url = 'https://api.hubapi.com';" },
    { file: 'sim/allowed.ts', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
    { file: 'bench/allowed.ts', what: 'import @hubspot/api-client', code: importing('@hubspot/api-client') },
    { file: 'lib/sync/allowed.ts', what: 'a comment naming api.hubapi.com', code: '// Comments may mention https://api.hubapi.com.\nexport const x = 1;' },
  ])('$file: $what is allowed', async ({ file, code }) => {
    await expectAllowed(file, code);
  }, TIMEOUT);

  it.each(['lib/sync/violation.ts', 'lib/crm/hubspot/violation.ts', 'components/sync/violation.ts', 'cli/violation.ts'])(
    '%s: the MV3 eval / new Function bans survive the merge',
    async (filePath) => {
      await expectViolation(filePath, "export const x = eval('1');", SYNTAX, /No eval: MV3 forbids it/);
      await expectViolation(filePath, "export const f = new Function('return 1');", SYNTAX, /No new Function: MV3 forbids it/);
    },
    TIMEOUT,
  );
});

describe('rule 3: no store import from content-script code', () => {
  it.each([
    { file: 'entrypoints/intel-capture.content/violation.tsx', what: 'import ../../lib/store/database', code: importing('../../lib/store/database') },
    { file: 'entrypoints/other.content.ts', what: 'import dexie', code: importing('dexie') },
    { file: 'entrypoints/other.content.tsx', what: 'import type from lib/store', code: "import type { FieldkitDatabase } from '../lib/store/database';\nexport type X = FieldkitDatabase;" },
    { file: 'components/intel/capture/Violation.tsx', what: 'import dexie-react-hooks', code: importing('dexie-react-hooks') },
    { file: 'components/intel/capture/Violation.tsx', what: 'import ../../shell/database-context', code: importing('../../shell/database-context') },
    { file: 'lib/host/intel-capture.ts', what: 'import ../store/database', code: importing('../store/database') },
  ])('$file: $what is an error', async ({ file, code }) => {
    await expectViolation(file, code, IMPORTS, NO_STORE);
  }, TIMEOUT);

  it.each([
    { file: 'lib/store/allowed.ts', what: 'import dexie', code: importing('dexie') },
    { file: 'entrypoints/background/allowed.ts', what: 'import ../../lib/store/database', code: importing('../../lib/store/database') },
    { file: 'components/intel/Allowed.tsx', what: 'dexie-react-hooks and shell/database-context', code: "import { useLiveQuery } from 'dexie-react-hooks';\nimport { useDatabase } from '../shell/database-context';\nexport const x = [useLiveQuery, useDatabase];" },
    { file: 'entrypoints/intel-capture.content/allowed.tsx', what: 'lib/host and lib/rules/store (not the database)', code: "import { setUpIntelCapture } from '../../lib/host/intel-capture';\nimport { emptyLibrary } from '../../lib/rules/store';\nexport const x = [setUpIntelCapture, emptyLibrary];" },
    { file: 'lib/host/intel-capture.ts', what: 'wxt/browser and messaging', code: "import { browser } from 'wxt/browser';\nimport { createMessenger } from '../messaging/client';\nexport const x = [browser, createMessenger];" },
  ])('$file: $what is allowed', async ({ file, code }) => {
    await expectAllowed(file, code);
  }, TIMEOUT);
});

describe('rule 4: the browser API only in lib/host/', () => {
  it.each([
    { file: 'lib/visits/violation.ts', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'lib/visits/violation.ts', what: 'import webextension-polyfill', code: importing('webextension-polyfill') },
    { file: 'lib/crm/hubspot/violation.ts', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'lib/store/violation.ts', what: 'import @wxt-dev/browser', code: importing('@wxt-dev/browser') },
    { file: 'components/sync/Violation.tsx', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'components/sync/Violation.tsx', what: "import { browser } from '#imports'", code: "import { browser } from '#imports';\nexport const x = browser;" },
    { file: 'entrypoints/background/violation.ts', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'entrypoints/intel-capture.content/violation.tsx', what: 'import wxt/browser', code: importing('wxt/browser') },
  ])('$file: $what is an error', async ({ file, code }) => {
    await expectViolation(file, code, IMPORTS, HOST_ONLY);
  }, TIMEOUT);

  it.each([
    { file: 'lib/host/allowed.ts', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'test/unit/allowed.test.ts', what: 'import wxt/browser', code: importing('wxt/browser') },
    { file: 'components/sync/Allowed.tsx', what: 'import ../../lib/kernel/i18n', code: importing('../../lib/kernel/i18n') },
  ])('$file: $what is allowed', async ({ file, code }) => {
    await expectAllowed(file, code);
  }, TIMEOUT);
});

describe('the existing import restrictions are kept in every zone', () => {
  it.each(['lib/visits/x.ts', 'lib/host/x.ts', 'lib/crm/hubspot/x.ts', 'components/x.tsx', 'entrypoints/intel-capture.content/x.tsx', 'test/unit/x.test.ts', 'cli/x.ts'])(
    "%s: 'zod' must come through lib/kernel/zod",
    async (filePath) => {
      await expectViolation(filePath, "import { z } from 'zod';\nexport const x = z;", IMPORTS, /lib\/kernel\/zod/);
    },
    TIMEOUT,
  );

  it.each(['lib/host/x.ts', 'test/unit/x.test.ts', 'cli/x.ts'])("%s: 'webextension-polyfill' is still banned", async (filePath) => {
    await expectViolation(filePath, "import browser from 'webextension-polyfill';\nexport const x = browser;", IMPORTS, /from 'wxt\/browser'/);
  }, TIMEOUT);

  it('lib/kernel/zod.ts may import zod', async () => {
    await expectAllowed('lib/kernel/zod.ts', "import { z } from 'zod';\nexport { z };");
  }, TIMEOUT);
});
