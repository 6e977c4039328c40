import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setUpBackground, CAPTURE_MENU_ID } from '../../lib/host/background';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase } from '../fixtures/records';

const db = freshDatabase();
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.(); // before the mocks go and the tables are cleared, or the settings watch fires again
  vi.restoreAllMocks();
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('background set-up', () => {
  it('creates the capture menus in the chosen language and renames them when the language changes', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Fieldkit', version: '0.1.0' });
    // The fake browser leaves these unimplemented; the test does not click menus.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    const create = vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 1);
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    stop = setUpBackground({ db });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    expect(create.mock.calls.map(([p]) => [p!.id, p!.title])).toEqual([
      [CAPTURE_MENU_ID, '用 Fieldkit 记录竞品信息'],
      [`${CAPTURE_MENU_ID}-selection`, '把“%s”记为竞品信息'],
    ]);

    await writeSetting(db, 'language', 'en');
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(4));
    expect(create.mock.calls[2]![0]!.title).toBe('Capture competitor intel with Fieldkit');
  });
});
