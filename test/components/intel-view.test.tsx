// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { PAGE_SIZE } from '../../lib/store/query';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { IntelView } from '../../components/intel/IntelView';
import type { Locale } from '../../lib/kernel/i18n';
import { intelDraft } from '../fixtures/records';

let db: FieldkitDatabase;
beforeEach(() => {
  db = new FieldkitDatabase({ name: 'fieldkit-intel-view', indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => {
  cleanup();
  db.close();
});

function renderView(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <IntelView />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const OTHER = { id: 'owner-202', name: '李娜' };

describe('IntelView', () => {
  it('saves, opens for edit (same record) and deletes an item (en)', async () => {
    const user = userEvent.setup();
    renderView('en');
    expect(await screen.findByTestId('empty-intel')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'New intel' }));
    await user.type(await screen.findByLabelText('Competitor', { exact: true }), 'Shell');
    await user.type(screen.getByLabelText('Product', { exact: true }), 'Helix HX7');
    await user.type(screen.getByLabelText('Price 1 amount'), '168');
    await user.type(screen.getByLabelText('Price 1 unit'), '元/瓶');
    await user.click(screen.getByRole('button', { name: 'Save intel' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    const list = await screen.findByRole('list', { name: 'Competitor intel' });
    expect(within(list).getByText('Helix HX7')).toBeTruthy();
    const [saved] = await db.intelItems.toArray();
    expect(saved).toMatchObject({ competitorName: 'Shell', product: 'Helix HX7', author: { id: 'local-user' } });

    await user.click(within(list).getByRole('button', { name: /^Edit intel “Shell · Helix HX7”/ }));
    const form = await screen.findByRole('form', { name: 'Edit competitor intel' });
    expect((within(form).getByLabelText('Competitor', { exact: true }) as HTMLInputElement).value).toBe('Shell');
    expect((within(form).getByLabelText('Price 1 amount') as HTMLInputElement).value).toBe('168');
    await user.clear(within(form).getByLabelText('Product', { exact: true }));
    await user.type(within(form).getByLabelText('Product', { exact: true }), 'Helix Ultra');
    await user.click(within(form).getByRole('button', { name: 'Save intel' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(await within(list).findByText('Helix Ultra')).toBeTruthy();
    const edited = await db.intelItems.toArray();
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({ id: saved!.id, product: 'Helix Ultra', prices: saved!.prices, createdAt: saved!.createdAt });
    expect((await db.audit.toArray()).filter((a) => a.table === 'intelItems').map((a) => a.action)).toEqual(['create', 'update']);
    // The competitor the rep typed joined the dictionary, and the item links to it.
    const [shell] = await db.competitors.toArray();
    expect(shell).toMatchObject({ name: 'Shell', id: saved!.competitorId });

    await user.click(within(list).getByRole('button', { name: /^Delete intel “Shell · Helix Ultra”/ }));
    expect(await db.intelItems.get(saved!.id)).not.toHaveProperty('deletedAt');
    await user.click(screen.getByRole('button', { name: /^Yes, delete intel “Shell · Helix Ultra”/ }));
    expect(await screen.findByTestId('empty-intel')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Deleted.');
    expect((await db.intelItems.get(saved!.id))?.deletedAt).toBeTruthy();
    // The tombstone is queued for the CRM like any edit.
    expect((await db.outbox.toArray()).filter((e) => e.table === 'intelItems').map((e) => e.operation)).toEqual(['delete']);
  });

  it('shows a page at a time: 50 of 60, then all after “show more” (zh-CN)', async () => {
    for (let i = 0; i < 60; i += 1) {
      const day = `2026-10-${String((i % 28) + 1).padStart(2, '0')}`;
      await saveRecord(db, 'intelItems', intelDraft({ competitorName: `竞品${i}`, observedDay: day }), { author: OTHER });
    }
    const user = userEvent.setup();
    renderView('zh-CN');
    const list = await screen.findByRole('list', { name: '竞品信息' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(PAGE_SIZE), { timeout: 10_000 });
    // Newest observation first.
    expect(within(list).getAllByRole('listitem')[0]!.querySelector('time')!.textContent).toMatch(/10月28日/);
    await user.click(screen.getByRole('button', { name: '显示更多' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(60), { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: '显示更多' })).toBeNull();
  }, 60_000);

  it('offers dictionary and already-used competitor names, and edits another rep’s item keeping its author (zh-CN)', async () => {
    const user = userEvent.setup();
    await saveRecord(db, 'competitors', { name: '嘉实多', aliases: [] }, { author: OTHER });
    const item = await saveRecord(db, 'intelItems', intelDraft({ competitorName: '壳牌', brand: '壳牌', product: '喜力 HX7', sku: '' }), { author: OTHER });
    const { container } = renderView('zh-CN');
    const list = await screen.findByRole('list', { name: '竞品信息' });
    // The brand equal to the competitor is not repeated.
    expect(within(list).getByText('喜力 HX7')).toBeTruthy();
    await user.click(within(list).getByRole('button', { name: /^编辑竞品信息“壳牌 · 喜力 HX7”/ }));
    await waitFor(() => expect([...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(expect.arrayContaining(['嘉实多', '壳牌'])));
    await user.selectOptions(screen.getByLabelText('可信度'), 'low');
    await user.click(screen.getByRole('button', { name: '保存竞品信息' }));
    expect((await screen.findByRole('status')).textContent).toBe('已保存。');
    const stored = await db.intelItems.get(item.id);
    expect(stored).toMatchObject({ confidence: 'low', brand: '壳牌', author: OTHER });
    expect(await db.intelItems.count()).toBe(1);
  });

  it('opens new intel at the dealer when the side panel is opened to log intel for it (#intel/new/<id>)', async () => {
    const { addLocalDealer } = await import('../../lib/dealers/local');
    const dealer = await addLocalDealer(db, { name: '华东润滑油' }, { author: { id: 'local-user', name: '我' } });
    location.hash = `#intel/new/${dealer.id}`;
    renderView('zh-CN');
    const form = await screen.findByRole('form');
    expect((within(form).getByLabelText('发现地点（经销商或终端）') as HTMLSelectElement).value).toBe(dealer.id);
    await waitFor(() => expect(location.hash).toBe('#intel'));
    location.hash = '';
  });
});

describe('IntelView opened by a capture the page refused', () => {
  afterEach(() => history.replaceState(null, '', '#'));

  it('opens a new item with the page as its source and the dictionary’s suggestion, then shows near-duplicates (zh-CN)', async () => {
    const { installSeedDictionary } = await import('../../lib/intel/dictionary/seed');
    await installSeedDictionary(db);
    const earlier = await saveRecord(db, 'intelItems', intelDraft({ competitorName: '美孚', sku: 'M1-0W40-4L', observedDay: new Date().toISOString().slice(0, 10), prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '' }] }), { author: OTHER });
    history.replaceState(null, '', `#intel/capture?url=${encodeURIComponent('https://www.mobil.com.cn/price-list.pdf')}&title=${encodeURIComponent('美孚1号 全合成机油 0W-40 4L 价目表')}`);
    const user = userEvent.setup();
    renderView('zh-CN');
    const form = await screen.findByRole('form', { name: '竞品信息' }, { timeout: 10_000 });
    // The hash is consumed: a reload does not open the form again.
    await waitFor(() => expect(location.hash).toBe('#intel'));
    expect(within(form).getByRole('link', { name: 'https://www.mobil.com.cn/price-list.pdf' })).toBeTruthy();
    expect((within(form).getByLabelText('竞品', { exact: true }) as HTMLInputElement).value).toBe('美孚');
    expect((within(form).getByLabelText('规格', { exact: true }) as HTMLInputElement).value).toContain('0W-40');
    await user.type(within(form).getByLabelText('价格 1 金额'), '429');
    const hint = await within(form).findByTestId('near-duplicate', {}, { timeout: 10_000 });
    expect(hint.textContent).toContain('李娜');
    await user.click(within(hint).getByRole('button', { name: /^补充到李娜/ }));
    expect((await screen.findByRole('status')).textContent).toBe('已补充到之前的记录。');
    expect((await db.intelItems.get(earlier.id))!.sightings).toMatchObject([{ sourceUrl: 'https://www.mobil.com.cn/price-list.pdf', prices: [{ amount: 429 }] }]);
    expect(await db.intelItems.count()).toBe(1);
  });
});
