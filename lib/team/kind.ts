import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import type { Locale } from '../kernel/i18n';
import { field, present } from '../store/readable';
import { RoleAssignment } from './schema';

const ROLE_NAMES: Record<RoleAssignment['role'], Record<Locale, string>> = {
  rep: { 'zh-CN': '业务员', en: 'Sales rep' },
  manager: { 'zh-CN': '区域经理', en: 'Regional manager' },
  admin: { 'zh-CN': '管理员', en: 'Admin' },
};

function renderRoleAssignment(assignment: RoleAssignment, { locale }: RenderContext): ReadableRecord {
  return {
    title: { 'zh-CN': 'Fieldkit 角色', en: 'Fieldkit role' },
    lines: present([field('人员', 'Person', assignment.ownerName), field('角色', 'Role', ROLE_NAMES[assignment.role][locale]), field('时区', 'Time zone', assignment.timeZone)]),
  };
}

/** Who is a rep, a regional manager or an admin: an admin's mapping of CRM owners, synced to every device. */
export const roleAssignmentKind = defineKind({
  name: 'roleAssignment',
  table: 'roleAssignments',
  schema: RoleAssignment,
  indexes: ['ownerId'],
  labels: { 'zh-CN': { one: '角色分配', other: '角色分配' }, en: { one: 'role assignment', other: 'role assignments' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (assignment) => assignment.updatedAt,
    render: renderRoleAssignment,
  },
});
