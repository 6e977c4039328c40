import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { BaseUrlError, DEFAULT_BASE_URL, loopbackAllowedBy, normaliseBaseUrl } from '../../lib/crm/hubspot/base-url';
import { clearConnection, LEGACY_STORAGE_KEY, loadConnection, saveConnection, SECRETS_DATABASE, useSecretsDatabase } from '../../lib/host/connection-store';
import type { StoredConnection } from '../../lib/sync/connection';

const PRODUCTION = { allowLoopback: false };
const TEST_BUILD = { allowLoopback: true };

describe('base URL', () => {
  it('a production build refuses a loopback simulator and accepts only HubSpot', () => {
    expect(() => normaliseBaseUrl('http://127.0.0.1:4010', PRODUCTION)).toThrow(BaseUrlError);
    expect(() => normaliseBaseUrl('http://localhost:4010', PRODUCTION)).toThrow('Only https://api.hubapi.com is allowed in this build');
    expect(() => normaliseBaseUrl('https://evil.example.com', PRODUCTION)).toThrow('Only https://api.hubapi.com is allowed.');
    expect(() => normaliseBaseUrl('http://api.hubapi.com', PRODUCTION)).toThrow(BaseUrlError);
    expect(normaliseBaseUrl('https://api.hubapi.com/', PRODUCTION)).toBe(DEFAULT_BASE_URL);
    expect(normaliseBaseUrl('', PRODUCTION)).toBe(DEFAULT_BASE_URL);
  });

  it('test and demo builds accept the simulator on loopback, nothing else', () => {
    expect(normaliseBaseUrl('http://127.0.0.1:4010/', TEST_BUILD)).toBe('http://127.0.0.1:4010');
    expect(() => normaliseBaseUrl('http://192.168.1.5:4010', TEST_BUILD)).toThrow(BaseUrlError);
    expect(() => normaliseBaseUrl('https://api.hubapi.com.evil.example', TEST_BUILD)).toThrow(BaseUrlError);
  });

  it('allows loopback outside production builds, with the build flag, or in an unpacked install only', () => {
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: undefined, installType: 'normal' })).toBe(false);
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: undefined, installType: 'admin' })).toBe(false);
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: undefined, installType: undefined })).toBe(false);
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: '0', installType: 'normal' })).toBe(false);
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: '1', installType: 'normal' })).toBe(true);
    expect(loopbackAllowedBy({ mode: 'production', buildFlag: undefined, installType: 'development' })).toBe(true);
    expect(loopbackAllowedBy({ mode: 'development', buildFlag: undefined, installType: 'normal' })).toBe(true);
    expect(loopbackAllowedBy({ mode: 'test', buildFlag: undefined, installType: undefined })).toBe(true);
  });
});

const CONNECTION: StoredConnection = { token: 'pat-na1-secret', baseUrl: DEFAULT_BASE_URL, portalId: 42, accountName: 'Acme', missingScopes: [], connectedAt: '2026-12-01T00:00:00.000Z' };

describe('the token store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    useSecretsDatabase({ indexedDB: new IDBFactory() });
  });

  it('keeps the token out of storage.local (readable by content scripts in Firefox)', async () => {
    await saveConnection(CONNECTION);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await loadConnection()).toEqual(CONNECTION);
    expect(SECRETS_DATABASE).not.toBe('fieldkit'); // not the database backups export
    await clearConnection();
    expect(await loadConnection()).toBeUndefined();
  });

  it('moves a token an earlier version left in storage.local, once', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_STORAGE_KEY]: CONNECTION, other: 1 });
    expect(await loadConnection()).toEqual(CONNECTION);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ other: 1 });
    // Later loads read the new home; the old one stays empty.
    expect(await loadConnection()).toEqual(CONNECTION);
    expect(await fakeBrowser.storage.local.get(LEGACY_STORAGE_KEY)).toEqual({});
  });

  it('drops a malformed legacy row rather than reading it forever', async () => {
    await fakeBrowser.storage.local.set({ [LEGACY_STORAGE_KEY]: { token: '' } });
    expect(await loadConnection()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
