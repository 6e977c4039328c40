import { readFileSync } from 'node:fs';
import type { ObjectType, PropertyType, SimGroup, SimOwner, SimProperty, SimSeed } from './types';

/** Fixed creation time of built-in records so dumps and tests are stable. */
const EPOCH = '2026-01-05T01:00:00.000Z';

type PropSpec = [name: string, label: string, type: PropertyType, fieldType: string, extra?: Partial<SimProperty>];

function prop(groupName: string, [name, label, type, fieldType, extra]: PropSpec, i: number): SimProperty {
  return {
    name,
    label,
    type,
    fieldType,
    groupName,
    description: '',
    options: [],
    displayOrder: i,
    hasUniqueValue: false,
    hubspotDefined: true,
    readOnlyValue: false,
    formField: false,
    calculated: false,
    externalOptions: false,
    hidden: false,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
    ...extra,
  };
}

const readOnly = { readOnlyValue: true };

/** The HubSpot-defined properties the simulator knows; a subset of a real portal's. */
export const DEFAULT_PROPERTIES: Record<ObjectType, SimProperty[]> = {
  companies: (
    [
      ['name', 'Company name', 'string', 'text'],
      ['domain', 'Company Domain Name', 'string', 'text'],
      ['city', 'City', 'string', 'text'],
      ['state', 'State/Region', 'string', 'text'],
      ['country', 'Country/Region', 'string', 'text'],
      ['address', 'Street Address', 'string', 'text'],
      ['phone', 'Phone Number', 'string', 'phonenumber'],
      ['industry', 'Industry', 'string', 'text'],
      ['description', 'Description', 'string', 'textarea'],
      ['hubspot_owner_id', 'Company owner', 'enumeration', 'select', { externalOptions: true }],
      ['createdate', 'Create Date', 'datetime', 'date', readOnly],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', readOnly],
    ] satisfies PropSpec[]
  ).map((s, i) => prop('companyinformation', s, i)),
  notes: (
    [
      ['hs_note_body', 'Note body', 'string', 'html'],
      ['hs_timestamp', 'Activity date', 'datetime', 'date'],
      ['hubspot_owner_id', 'Activity assigned to', 'enumeration', 'select', { externalOptions: true }],
      ['hs_attachment_ids', 'Attached file IDs', 'enumeration', 'checkbox', { externalOptions: true }],
      ['hs_createdate', 'Create date', 'datetime', 'date', readOnly],
      ['hs_lastmodifieddate', 'Last modified date', 'datetime', 'date', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', readOnly],
    ] satisfies PropSpec[]
  ).map((s, i) => prop('engagement', s, i)),
};

export const DEFAULT_GROUPS: Record<ObjectType, SimGroup[]> = {
  companies: [{ name: 'companyinformation', label: 'Company information', displayOrder: -1, archived: false }],
  notes: [{ name: 'engagement', label: 'Engagement', displayOrder: -1, archived: false }],
};

const EAST = { id: '7001', name: '华东区', primary: true };
const SOUTH = { id: '7002', name: '华南区', primary: true };

function owner(id: string, email: string, lastName: string, firstName: string, teams: SimOwner['teams']): SimOwner {
  const userId = 5000 + Number(id);
  return {
    id,
    email,
    firstName,
    lastName,
    userId,
    userIdIncludingInactive: userId,
    type: 'PERSON',
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
    teams,
  };
}

/** Reps 张伟 and 李娜 and their manager 王强 in 华东区; 赵敏 in 华南区 to show a second team. */
export const DEFAULT_OWNERS: SimOwner[] = [
  owner('101', 'zhang.wei@example.cn', '张', '伟', [EAST]),
  owner('102', 'li.na@example.cn', '李', '娜', [EAST]),
  owner('103', 'wang.qiang@example.cn', '王', '强', [EAST, { id: '7010', name: '区域经理', primary: false }]),
  owner('104', 'zhao.min@example.cn', '赵', '敏', [SOUTH]),
];

const DEALERS: [name: string, city: string, state: string, domain: string, owner: string][] = [
  ['华东润滑油经销有限公司', '上海', '上海', 'huadong-lube.example.cn', '101'],
  ['苏州恒通商贸有限公司', '苏州', '江苏', 'hengtong-sz.example.cn', '101'],
  ['杭州百川润滑油有限公司', '杭州', '浙江', 'baichuan-hz.example.cn', '102'],
  ['南京金盛贸易有限公司', '南京', '江苏', 'jinsheng-nj.example.cn', '101'],
  ['宁波港城汽配有限公司', '宁波', '浙江', 'gangcheng-nb.example.cn', '102'],
  ['合肥安达商贸有限公司', '合肥', '安徽', 'anda-hf.example.cn', '102'],
  ['无锡顺达润滑科技有限公司', '无锡', '江苏', 'shunda-wx.example.cn', '101'],
  ['温州瑞丰经销有限公司', '温州', '浙江', 'ruifeng-wz.example.cn', '102'],
  ['常州鼎盛物资有限公司', '常州', '江苏', 'dingsheng-cz.example.cn', '101'],
  ['嘉兴禾源贸易有限公司', '嘉兴', '浙江', 'heyuan-jx.example.cn', '102'],
  ['绍兴越兴商贸有限公司', '绍兴', '浙江', 'yuexing-sx.example.cn', '102'],
  ['广州粤通润滑油有限公司', '广州', '广东', 'yuetong-gz.example.cn', '104'],
];

/** A dozen dealer companies, modified one minute apart so incremental pulls have an order. */
export const DEFAULT_SEED: SimSeed = {
  portalId: 4_827_391,
  timeZone: 'Asia/Shanghai',
  companyCurrency: 'CNY',
  companies: DEALERS.map(([name, city, state, domain, ownerId], i) => {
    const at = new Date(Date.parse(EPOCH) + i * 60_000).toISOString();
    return {
      id: String(20_001 + i),
      createdAt: at,
      updatedAt: at,
      properties: { name, city, state, country: '中国', domain, hubspot_owner_id: ownerId, industry: '润滑油' },
    };
  }),
  owners: DEFAULT_OWNERS,
};

/** Reads a `--seed` file; keys it leaves out keep their built-in values. */
export function loadSeedFile(path: string): SimSeed {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`seed file ${path} must contain a JSON object`);
  }
  return { ...DEFAULT_SEED, ...(parsed as SimSeed) };
}

export { prop as makeProperty };
