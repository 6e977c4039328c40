/** The card's own words (the snapshot's come from snapshotView). Same keys in both languages. */
import type { Locale } from './locale.ts';

const en = {
  loading: 'Loading the KPI snapshot…',
  loadFailedTitle: 'Could not load the KPI snapshot',
  loadFailedBody: 'HubSpot did not return this company’s Fieldkit properties. Reload the page to try again.',
  missingTitle: 'No KPI snapshot yet',
  missingBody: 'No KPI snapshot yet — install Fieldkit and sync this dealer. Its score, grade and KPIs will then show here.',
  malformedTitle: 'The KPI snapshot cannot be read',
  malformedBody: 'The Fieldkit KPI properties on this company look edited by hand or damaged. Sync this dealer again from Fieldkit to rewrite them.',
  newerTitle: 'KPI snapshot from a newer Fieldkit',
  newerBody: 'This snapshot was written by a newer version of Fieldkit than this card reads. Update the Fieldkit HubSpot app.',
  details: 'Details: {detail}',
  partialTitle: 'Partial score',
  score: 'KPI score',
  month: 'Month',
  kpi: 'KPI',
  value: 'Value',
  target: 'Target',
  points: 'Score',
  status: 'Status',
  onTarget: 'On target',
  offTarget: 'Below target',
  vsLastMonth: 'vs {period}',
  ruleSet: 'Rule set: {ruleSet}',
  computedAt: 'Computed {when}',
};

const zh: typeof en = {
  loading: '正在加载 KPI 快照…',
  loadFailedTitle: '无法加载 KPI 快照',
  loadFailedBody: 'HubSpot 未返回该公司的 Fieldkit 属性，请刷新页面重试。',
  missingTitle: '暂无 KPI 快照',
  missingBody: '暂无 KPI 快照——请安装 Fieldkit 并同步该经销商，之后这里会显示其得分、等级和各项指标。',
  malformedTitle: 'KPI 快照无法读取',
  malformedBody: '该公司的 Fieldkit KPI 属性似乎被手动修改或已损坏。请在 Fieldkit 中重新同步该经销商以重写。',
  newerTitle: 'KPI 快照来自更新版本的 Fieldkit',
  newerBody: '此快照由更新版本的 Fieldkit 写入，本卡片无法读取。请更新 Fieldkit HubSpot 应用。',
  details: '详情：{detail}',
  partialTitle: '得分不完整',
  score: 'KPI 得分',
  month: '月份',
  kpi: '指标',
  value: '数值',
  target: '目标',
  points: '得分',
  status: '状态',
  onTarget: '达标',
  offTarget: '未达标',
  vsLastMonth: '对比{period}',
  ruleSet: '规则集：{ruleSet}',
  computedAt: '计算于{when}',
};

export type MessageKey = keyof typeof en;
const MESSAGES: Record<Locale, typeof en> = { en, 'zh-CN': zh };

/** The message in the locale, with `{name}` replaced by `vars.name`. */
export function t(locale: Locale, key: MessageKey, vars: Record<string, string> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
