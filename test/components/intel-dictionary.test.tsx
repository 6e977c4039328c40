// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { DictionarySection } from '../../components/intel/dictionary/DictionarySection';
import type { CrmOwner } from '../../lib/crm/port';
import type { Locale } from '../../lib/kernel/i18n';
import { writeSetting } from '../../lib/store/settings';
import { saveRecord } from '../../lib/store/records';
import { OWNERS_SETTING } from '../../lib/team/queries';
import { addDictionaryEntry } from '../../lib/intel/dictionary/entries';
import { installSeedDictionary, SEED_IDS } from '../../lib/intel/dictionary/seed';
import { freshDatabase } from '../fixtures/records';

const db = freshDatabase('fieldkit-intel-dictionary-ui');
afterEach(async () => {
  cleanup();
  await Promise.all(db.tables.map((t) => t.clear()));
});

const TEAM = [{ id: 't-east', name: '华东区', primary: true }];
const OWNERS: CrmOwner[] = [
  { id: 'o-admin', name: '陈静', teams: TEAM, archived: false },
  { id: 'o-manager', name: '王芳', teams: TEAM, archived: false },
  { id: 'o-rep', name: '张伟', teams: TEAM, archived: false },
  { id: 'o-rep2', name: '李娜', teams: TEAM, archived: false },
];
const REP = { author: { id: 'o-rep', name: '张伟' }, role: 'rep' as const };
const OTHER_REP = { author: { id: 'o-rep2', name: '李娜' }, role: 'rep' as const };

async function signedInAs(ownerId: string) {
  await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
  const admin = { author: { id: 'o-admin', name: '陈静' } };
  await saveRecord(db, 'roleAssignments', { ownerId: 'o-admin', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, admin);
  await saveRecord(db, 'roleAssignments', { ownerId: 'o-manager', ownerName: '王芳', role: 'manager', managesTeamIds: ['t-east'] }, admin);
  await writeSetting(db, 'profile', { id: ownerId, name: OWNERS.find((o) => o.id === ownerId)!.name, role: 'rep' });
  await installSeedDictionary(db);
}

function renderSection(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <DictionarySection />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const WORDS = {
  'zh-CN': {
    pending: '待审核',
    myPending: '我添加的待审核条目',
    approve: '批准“统一润滑油”',
    approved: '已批准“统一润滑油”。',
    mergeOpen: '合并到…（Mobil石油）',
    target: '保留的条目',
    merge: '合并',
    chooseFirst: '保留的条目：请选择保留的条目。',
    warning: /合并后“Mobil石油”不再单独列出：它的名称成为“美孚”的别名/,
    merged: '已把“Mobil石油”合并到“美孚”。',
    addCompetitor: '添加竞争对手',
    name: '竞争对手名称',
    aliases: '别名',
    save: '保存竞争对手',
    saved: '已保存“福斯”。其他设备下次同步时获取。',
    duplicate: '“美孚”已使用这个名称、别名或货号。请编辑那个条目，或换一个名称。',
    nameRequired: '竞争对手名称：请输入名称。',
    readOnly: /只有区域经理或管理员可以修改词典/,
    edit: '编辑“美孚”',
    ours: '我司产品',
    price: '零售价 268 元/桶，2026年9月1日起',
    nothing: '没有待审核的条目。',
    editHx5: '编辑“HX5 优质矿物机油”',
    addPrice: '添加价格',
    amount2: '价格 2 金额',
    unit2: '价格 2 单位',
    from2: '价格 2 起始日期',
    kind2: '价格 2 类型',
    saveProduct: '保存产品',
    amountError: '价格 2 金额：请输入不小于 0 的金额。',
    supply: '供货价',
    productSaved: '已保存“HX5 优质矿物机油”。其他设备下次同步时获取。',
  },
  en: {
    pending: 'Awaiting review',
    myPending: 'Your additions awaiting review',
    approve: 'Approve 统一润滑油',
    approved: '“统一润滑油” approved.',
    mergeOpen: 'Merge into… (Mobil石油)',
    target: 'The entry that stays',
    merge: 'Merge',
    chooseFirst: 'The entry that stays: Choose the entry that stays.',
    warning: /“Mobil石油” will no longer be listed: its names become aliases of “美孚”/,
    merged: '“Mobil石油” merged into “美孚”.',
    addCompetitor: 'Add a competitor',
    name: 'Competitor name',
    aliases: 'Also known as',
    save: 'Save competitor',
    saved: '“福斯” saved. Other devices get it at their next sync.',
    duplicate: '“美孚” already has this name, alias or SKU. Edit that entry, or use another name.',
    nameRequired: 'Competitor name: Enter a name.',
    readOnly: /Only a manager or admin can change the dictionary/,
    edit: 'Edit 美孚',
    ours: 'Our products',
    price: 'Retail price ¥268/drum from 1 Sept 2026',
    nothing: 'Nothing awaits review.',
    editHx5: 'Edit HX5 优质矿物机油',
    addPrice: 'Add a price',
    amount2: 'Price 2 amount',
    unit2: 'Price 2 unit',
    from2: 'Price 2 from',
    kind2: 'Price 2 type',
    saveProduct: 'Save product',
    amountError: 'Price 2 amount: Enter an amount of 0 or more.',
    supply: 'Supply price',
    productSaved: '“HX5 优质矿物机油” saved. Other devices get it at their next sync.',
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('Competitor dictionary (%s)', (locale) => {
  const w = WORDS[locale];

  it('lets a manager approve a rep’s addition, and merge a duplicate after a warning naming the survivor', async () => {
    await signedInAs('o-manager');
    const newOne = await addDictionaryEntry(db, { kind: 'competitor', name: '统一润滑油' }, REP);
    const duplicate = await addDictionaryEntry(db, { kind: 'competitor', name: 'Mobil石油' }, OTHER_REP);
    const user = userEvent.setup();
    renderSection(locale);

    const pending = await screen.findByRole('region', { name: new RegExp(`^${w.pending}`) });
    expect(within(pending).getByText('统一润滑油')).toBeTruthy();
    expect(within(pending).getByText('Mobil石油')).toBeTruthy();

    await user.click(within(pending).getByRole('button', { name: w.approve }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe(w.approved);
    await waitFor(async () => expect((await db.competitors.get(newOne.id))?.status).toBe('approved'));

    await user.click(await screen.findByRole('button', { name: w.mergeOpen }, { timeout: 10_000 }));
    // Merging without choosing the survivor is refused, and nothing is written.
    await user.click(screen.getByRole('button', { name: w.merge }));
    expect((await screen.findByRole('alert')).textContent).toBe(w.chooseFirst);
    expect((await db.competitors.get(duplicate.id))?.mergedInto).toBeUndefined();

    await user.selectOptions(screen.getByLabelText(w.target), SEED_IDS.mobil);
    expect(screen.getByText(w.warning)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: w.merge }));
    expect((await screen.findByText(w.merged, {}, { timeout: 10_000 })).textContent).toBe(w.merged);
    expect(await db.competitors.get(duplicate.id)).toMatchObject({ mergedInto: SEED_IDS.mobil });
    expect((await db.competitors.get(SEED_IDS.mobil))?.aliases).toContain('Mobil石油');
    await waitFor(() => expect(screen.getByText(w.nothing)).toBeTruthy(), { timeout: 10_000 });
    // Queued for the CRM, so every device gets the merge.
    expect(await db.outbox.where('[table+recordId]').equals(['competitors', duplicate.id]).count()).toBe(1);
  });

  it('lets a manager add a competitor with aliases, and refuses a name another one has', async () => {
    await signedInAs('o-manager');
    const user = userEvent.setup();
    renderSection(locale);
    await user.click(await screen.findByRole('button', { name: w.addCompetitor }, { timeout: 10_000 }));
    await user.click(screen.getByRole('button', { name: w.save }));
    expect((await screen.findByRole('alert')).textContent).toBe(w.nameRequired);

    await user.type(screen.getByLabelText(w.name), 'Mobil');
    await user.click(screen.getByRole('button', { name: w.save }));
    expect((await screen.findByRole('alert')).textContent).toContain(w.duplicate);

    await user.clear(screen.getByLabelText(w.name));
    await user.type(screen.getByLabelText(w.name), '福斯');
    await user.type(screen.getByLabelText(w.aliases), 'FUCHS,Fuchs Lubricants,');
    await user.click(screen.getByRole('button', { name: w.save }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe(w.saved);
    const [saved] = (await db.competitors.orderBy('name').toArray()).filter((c) => c.name === '福斯');
    expect(saved).toMatchObject({ aliases: ['FUCHS', 'Fuchs Lubricants'], status: 'approved' });
    expect(await screen.findByRole('heading', { name: '福斯' }, { timeout: 10_000 })).toBeTruthy();
  });

  it('lets a manager give our product a new price from a day, refusing an amount that is not one', async () => {
    await signedInAs('o-manager');
    const user = userEvent.setup();
    renderSection(locale);
    await user.click(await screen.findByRole('button', { name: w.editHx5 }, { timeout: 10_000 }));
    await user.click(screen.getByRole('button', { name: w.addPrice }));
    await user.selectOptions(screen.getByLabelText(w.kind2), w.supply);
    await user.type(screen.getByLabelText(w.amount2), 'abc');
    await user.click(screen.getByRole('button', { name: w.saveProduct }));
    expect(await screen.findByText(w.amountError)).toBeTruthy();
    expect((await db.products.get(SEED_IDS.ourHx5))?.prices).toHaveLength(1);

    await user.clear(screen.getByLabelText(w.amount2));
    await user.type(screen.getByLabelText(w.amount2), '121.5');
    await user.type(screen.getByLabelText(w.from2), '2026-12-01');
    await user.click(screen.getByRole('button', { name: w.saveProduct }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe(w.productSaved);
    expect((await db.products.get(SEED_IDS.ourHx5))?.prices).toEqual([
      { kind: 'retail', amount: 168, currency: 'CNY', unit: '元/桶', from: '2026-09-01' },
      { kind: 'supply', amount: 121.5, currency: 'CNY', unit: '元/桶', from: '2026-12-01' },
    ]);
  });

  it('shows a rep the dictionary read-only, with their own additions awaiting review but not others’', async () => {
    await signedInAs('o-rep');
    await addDictionaryEntry(db, { kind: 'competitor', name: '统一润滑油' }, REP);
    await addDictionaryEntry(db, { kind: 'competitor', name: 'Mobil石油' }, OTHER_REP);
    renderSection(locale);
    expect(await screen.findByText(w.readOnly, {}, { timeout: 10_000 })).toBeTruthy();
    const mine = screen.getByRole('region', { name: new RegExp(`^${w.myPending}`) });
    expect(within(mine).getByText('统一润滑油')).toBeTruthy();
    expect(within(mine).queryByRole('button')).toBeNull();
    expect(screen.queryByText('Mobil石油')).toBeNull();
    expect(screen.queryByRole('button', { name: w.edit })).toBeNull();
    expect(screen.queryByRole('button', { name: w.addCompetitor })).toBeNull();
    // The seed's competitors, their aliases and our prices are there to read.
    expect(screen.getByRole('heading', { name: '美孚' })).toBeTruthy();
    expect(screen.getAllByText('ExxonMobil').length).toBeGreaterThan(0);
    const own = screen.getByRole('region', { name: w.ours });
    expect(within(own).getByText(w.price)).toBeTruthy();
  });
});
