import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import { toDay } from '../kernel/dates';
import type { Locale } from '../kernel/i18n';
import { dayText, field, listOf, moneyText, noonOf, numberText, present, say, yesNo } from '../store/readable';
import { formatMonth } from '../kernel/format';
import { DealerFacts, FIGURE_NAMES, type FigureName, type FigureSource } from './facts';
import { Dealer, Terminal } from './schema';

const CUSTOMER_CLASSES: Record<NonNullable<Dealer['customerClass']>, Record<Locale, string>> = {
  distributor: { 'zh-CN': '经销客户', en: 'distributor' },
  potential: { 'zh-CN': '潜在客户', en: 'prospect' },
  downstream: { 'zh-CN': '下游客户', en: 'downstream customer' },
};

/** A dealer's customer file as its reader reads it, in the record's language. Amounts are in the company's currency. */
function renderDealer(dealer: Dealer, { locale }: RenderContext): ReadableRecord {
  const file = dealer.file;
  const money = (value: number | undefined) => (value === undefined ? undefined : moneyText(value, locale));
  return {
    title: { 'zh-CN': '经销商', en: 'Dealer' },
    date: dayText(toDay(new Date(dealer.updatedAt)), locale),
    lines: present([
      field('名称', 'Name', dealer.name),
      field('城市', 'City', dealer.city),
      field('区域', 'Region', dealer.region),
      field('客户类别', 'Customer type', dealer.customerClass ? CUSTOMER_CLASSES[dealer.customerClass][locale] : undefined),
      field('客户级别', 'Grade', dealer.grade),
      field('授信额度', 'Credit limit', money(dealer.creditLimit)),
      field('欠款', 'Arrears', money(dealer.arrears)),
      dealer.shared ? field('档案共享', 'File shared', yesNo(true, locale)) : undefined,
      field('法人代表', 'Legal representative', file.legalRepresentative),
      field('业务联系人', 'Business contact', file.businessContact),
      field('通讯方式', 'Contact details', file.contactDetails),
      field('地址', 'Address', file.address),
      field('工商及税务信息', 'Registration and tax', file.registrationAndTax),
      field('销售规模', 'Sales scale', file.salesScale),
      field('月销量', 'Monthly sales volume', file.monthlySalesVolume === undefined ? undefined : numberText(file.monthlySalesVolume, locale)),
      field('资质信誉', 'Qualifications and credit', file.qualificationAndCredit),
      field('产品销售区域', 'Sales regions', listOf(file.salesRegions, locale)),
      field('主销产品', 'Main products', listOf(file.mainProducts, locale)),
      field('运输方式', 'Transport', file.transportMode),
      field('开始合作', 'Working with us since', file.cooperationStartDate ? dayText(file.cooperationStartDate, locale) : undefined),
      field('经营理念', 'Business philosophy', file.businessPhilosophy),
      field('企业文化', 'Corporate culture', file.corporateCulture),
      field('经贸环境', 'Local business environment', file.localEnvironment),
    ]),
  };
}

/** 经销商: a CRM company; Fieldkit writes its customer-file fields back to it. */
export const dealerKind = defineKind({
  name: 'dealer',
  table: 'dealers',
  schema: Dealer,
  indexes: ['name', 'crm.objectId', 'responsibleRepId'],
  labels: { 'zh-CN': { one: '经销商', other: '经销商' }, en: { one: 'dealer', other: 'dealers' } },
  crm: {
    home: 'dealer',
    findBy: 'crmId',
    render: renderDealer,
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

/** Each figure's name as a reader of the dealer's timeline reads it. */
export const FIGURE_LABELS: Record<FigureName, Record<Locale, string>> = {
  sales: { 'zh-CN': '本月销量', en: 'Sales this month' },
  salesTarget: { 'zh-CN': '月度指标', en: 'Monthly target' },
  shipments: { 'zh-CN': '本月出货量', en: 'Shipments this month' },
  inventory: { 'zh-CN': '月末库存', en: 'Inventory at month end' },
  terminalSales: { 'zh-CN': '已交易终端月销量', en: 'Sales of transacted terminals' },
  transactedTerminals: { 'zh-CN': '已交易终端数', en: 'Terminals that have transacted' },
  activeTerminals: { 'zh-CN': '本月交易终端数', en: 'Terminals transacting this month' },
  signedTerminals: { 'zh-CN': '签约终端数', en: 'Signed terminals' },
  signedTerminalsOnTarget: { 'zh-CN': '达标签约终端数', en: 'Signed terminals on target' },
  signedTerminalSales: { 'zh-CN': '签约终端本期销量', en: 'Signed terminals\' sales' },
  signedContractVolume: { 'zh-CN': '签约终端合同量', en: 'Contracted volume' },
  arrears: { 'zh-CN': '欠款', en: 'Arrears' },
  creditLimit: { 'zh-CN': '授信额度', en: 'Credit limit' },
};

const MONEY_FIGURES: ReadonlySet<FigureName> = new Set(['arrears', 'creditLimit']);

/** Where a figure came from, in words: "导入自 erp-2026-11.xlsx 第 4 行". */
export function sourceText(source: FigureSource, locale: Locale): string {
  if (source.kind === 'import') return say(locale, `导入自 ${source.file} 第 ${source.row} 行`, `imported from ${source.file}, row ${source.row}`);
  if (source.kind === 'crm') return say(locale, `HubSpot 公司属性 ${source.property}`, `HubSpot company property ${source.property}`);
  return say(locale, '手动填写', 'typed in');
}

function renderDealerFacts(facts: DealerFacts, { locale, dealerName }: RenderContext): ReadableRecord {
  return {
    title: { 'zh-CN': '经销商月度数据', en: 'Dealer monthly figures' },
    date: formatMonth(facts.period, locale),
    lines: present([
      field('经销商', 'Dealer', dealerName(facts.dealerId)),
      ...FIGURE_NAMES.map((name) => {
        const figure = facts.figures[name];
        if (!figure) return undefined;
        const value = MONEY_FIGURES.has(name) ? moneyText(figure.value, locale) : numberText(figure.value, locale);
        const source = sourceText(figure.source, locale);
        return field(FIGURE_LABELS[name]['zh-CN'], FIGURE_LABELS[name].en, say(locale, `${value}（${source}）`, `${value} (${source})`));
      }),
    ]),
  };
}

/** 经销商月度数据: the ERP's (or HubSpot's) figures of a dealer for a month, each with its source. */
export const dealerFactsKind = defineKind({
  name: 'dealerFacts',
  table: 'dealerFacts',
  schema: DealerFacts,
  indexes: ['[dealerId+period]'],
  labels: { 'zh-CN': { one: '经销商月度数据', other: '经销商月度数据' }, en: { one: 'dealer monthly figures', other: 'dealer monthly figures' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: (facts) => facts.dealerId,
    timestampOf: (facts) => noonOf(`${facts.period}-01`),
    render: renderDealerFacts,
  },
});
