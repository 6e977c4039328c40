// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { TeamRolesSection } from '../../components/team/TeamRolesSection';
import type { CrmOwner } from '../../lib/crm/port';
import type { Locale } from '../../lib/kernel/i18n';
import { readSetting, writeSetting } from '../../lib/store/settings';
import { saveRecord } from '../../lib/store/records';
import { OWNERS_SETTING } from '../../lib/team/queries';
import { freshDatabase } from '../fixtures/records';

const db = freshDatabase('fieldkit-team-roles-ui');
afterEach(async () => {
  cleanup();
  await Promise.all(db.tables.map((t) => t.clear()));
});

const OWNERS: CrmOwner[] = [
  { id: 'o-chen', name: '陈静', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
  { id: 'o-wang', name: '王芳', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
  { id: 'o-zhang', name: '张伟', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: false },
  { id: 'o-zhao', name: '赵磊', teams: [{ id: 't-north', name: '华北区', primary: true }, { id: 't-east', name: '华东区', primary: false }], archived: false },
  { id: 'o-sun', name: '孙强', teams: [{ id: 't-east', name: '华东区', primary: true }], archived: true },
];

const WORDS = {
  'zh-CN': {
    change: '更改王芳的角色',
    manager: '区域经理',
    east: '华东区',
    north: '华北区',
    timeZone: '时区',
    urumqi: '乌鲁木齐时间',
    save: '保存角色',
    saved: '王芳现在是区域经理。其他设备下次同步时生效。',
    noTeamChosen: '管理的团队：请为这位区域经理至少选择一个团队。',
    onlyAdmin: '只有管理员能修改角色。',
    noAdmin: /目前还没有管理员/,
    claim: '设我为管理员',
    confirm: '确定，设我为管理员',
    confirmText: /确定设陈静为管理员吗？/,
    archived: '已在 HubSpot 中停用',
    alsoIn: '同时属于华东区',
    unconnected: /连接 HubSpot 后，由管理员在这里为每个人指定角色/,
    deviceRole: '本设备使用的角色',
    saveChoice: '保存角色',
    adminShort: '管理员',
  },
  en: {
    change: 'Change 王芳’s role',
    manager: 'Manager',
    east: '华东区',
    north: '华北区',
    timeZone: 'Time zone',
    urumqi: 'Ürümqi time',
    save: 'Save role',
    saved: '王芳 is now a regional manager. Other devices follow at their next sync.',
    noTeamChosen: 'Teams they manage: Choose at least one team for this regional manager.',
    onlyAdmin: 'Only an admin can change roles.',
    noAdmin: /No one is admin yet/,
    claim: 'Make me admin',
    confirm: 'Yes, make me admin',
    confirmText: /Make 陈静 the admin\?/,
    archived: 'Deactivated in HubSpot',
    alsoIn: 'Also in 华东区',
    unconnected: /once HubSpot is connected, an admin gives each person a role here/,
    deviceRole: 'Role on this device',
    saveChoice: 'Save role',
    adminShort: 'Admin',
  },
} as const;

async function connectedAs(ownerId: string) {
  await db.settings.put({ key: OWNERS_SETTING, value: OWNERS });
  await writeSetting(db, 'profile', { id: ownerId, name: OWNERS.find((o) => o.id === ownerId)!.name, role: 'rep' });
}

function renderSection(locale: Locale) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <TeamRolesSection />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const assignmentsOf = (ownerId: string) => db.roleAssignments.where('ownerId').equals(ownerId).toArray();

describe.each(['zh-CN', 'en'] as const)('Team and roles (%s)', (locale) => {
  const w = WORDS[locale];

  it('lets an admin make an owner a regional manager of two teams, in a time zone, and refuses no team', async () => {
    await connectedAs('o-chen');
    await saveRecord(db, 'roleAssignments', { ownerId: 'o-chen', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, { author: { id: 'o-chen', name: '陈静' } });
    const user = userEvent.setup();
    renderSection(locale);

    // Grouped by primary team: 赵磊 is under 华北区 with 华东区 named as a second team; 孙强 apart.
    const north = await screen.findByRole('region', { name: new RegExp(`^${w.north}`) });
    expect(within(north).getByText('赵磊')).toBeTruthy();
    expect(within(north).getByText(w.alsoIn)).toBeTruthy();
    const archived = screen.getByRole('region', { name: new RegExp(`^${w.archived}`) });
    expect(within(archived).getByText('孙强')).toBeTruthy();
    expect(within(archived).queryByRole('button')).toBeNull();
    expect(screen.queryByText(w.onlyAdmin)).toBeNull();

    await user.click(screen.getByRole('button', { name: w.change }));
    await user.click(screen.getByRole('button', { name: w.manager }));
    // Their own team comes preselected.
    const east = screen.getByRole('checkbox', { name: w.east }) as HTMLInputElement;
    expect(east.checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: w.north }) as HTMLInputElement).checked).toBe(false);

    // No team at all is refused, and nothing is written.
    await user.click(east);
    await user.click(screen.getByRole('button', { name: w.save }));
    expect((await screen.findByRole('alert')).textContent).toBe(w.noTeamChosen);
    expect(await assignmentsOf('o-wang')).toEqual([]);

    await user.click(east);
    await user.click(screen.getByRole('checkbox', { name: w.north }));
    await user.selectOptions(screen.getByLabelText(w.timeZone), w.urumqi);
    await user.click(screen.getByRole('button', { name: w.save }));

    expect((await screen.findByRole('status')).textContent).toBe(w.saved);
    const [saved] = await assignmentsOf('o-wang');
    expect(saved).toMatchObject({ role: 'manager', ownerName: '王芳', timeZone: 'Asia/Urumqi' });
    expect([...saved!.managesTeamIds].sort()).toEqual(['t-east', 't-north']);
    // It is a record: queued for the CRM, so it reaches every device.
    expect(await db.outbox.where('[table+recordId]').equals(['roleAssignments', saved!.id]).count()).toBe(1);
  });

  it('shows a rep the roles read-only, with one line saying only an admin can change them', async () => {
    await connectedAs('o-zhang');
    await saveRecord(db, 'roleAssignments', { ownerId: 'o-chen', ownerName: '陈静', role: 'admin', managesTeamIds: [] }, { author: { id: 'o-chen', name: '陈静' } });
    renderSection(locale);
    expect(await screen.findByText(w.onlyAdmin)).toBeTruthy();
    expect(screen.getByText('王芳')).toBeTruthy();
    expect(screen.queryByRole('button', { name: w.change })).toBeNull();
    expect(screen.queryByRole('button', { name: w.claim })).toBeNull();
    // A rep cannot pick admin for themself once an admin exists.
    const choice = await screen.findByRole('group', { name: w.deviceRole });
    expect(within(choice).queryByRole('button', { name: w.adminShort })).toBeNull();
  });

  it('while no admin exists, says so and lets the current user make themself admin after confirming', async () => {
    await connectedAs('o-chen');
    const user = userEvent.setup();
    renderSection(locale);
    expect(await screen.findByText(w.noAdmin)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: w.claim }));
    expect(await assignmentsOf('o-chen')).toEqual([]); // not before confirming
    expect(screen.getByText(w.confirmText)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: w.confirm }));
    await waitFor(() => expect(screen.queryByText(w.noAdmin)).toBeNull());
    expect((await assignmentsOf('o-chen')).map((a) => a.role)).toEqual(['admin']);
    expect(screen.getAllByRole('button', { name: new RegExp(locale === 'en' ? '^Change ' : '^更改') }).length).toBe(4);
  });

  it('before connecting, explains where roles come from and keeps the role chosen on this device', async () => {
    const user = userEvent.setup();
    renderSection(locale);
    expect(await screen.findByText(w.unconnected)).toBeTruthy();
    const choice = await screen.findByRole('group', { name: w.deviceRole });
    await user.click(within(choice).getByRole('button', { name: w.adminShort }));
    await user.click(screen.getByRole('button', { name: w.saveChoice }));
    await waitFor(async () => expect((await readSetting(db, 'profile')).role).toBe('admin'));
    expect(screen.queryByRole('region', { name: new RegExp(`^${w.east}`) })).toBeNull();
  });
});
