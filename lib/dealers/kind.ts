import { defineKind } from '../store/kind';
import { field } from '../crm/readable';
import { Dealer, Terminal } from './schema';

/** 经销商: a CRM company; Fieldkit writes its customer-file fields back to it. */
export const dealerKind = defineKind({
  name: 'dealer',
  table: 'dealers',
  schema: Dealer,
  indexes: ['name', 'crm.objectId'],
  labels: { 'zh-CN': { one: '经销商', other: '经销商' }, en: { one: 'dealer', other: 'dealers' } },
  crm: {
    home: 'dealer',
    findBy: 'crmId',
    render: (dealer) => ({ title: { 'zh-CN': '经销商', en: 'Dealer' }, lines: [field('名称', 'Name', dealer.name)].filter((line) => line !== undefined) }),
  },
});

/** 终端: a retail terminal a dealer serves. */
export const terminalKind = defineKind({
  name: 'terminal',
  table: 'terminals',
  schema: Terminal,
  indexes: ['dealerId'],
  labels: { 'zh-CN': { one: '终端', other: '终端' }, en: { one: 'terminal', other: 'terminals' } },
});
