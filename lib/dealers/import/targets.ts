/**
 * What a column of an imported file can become, per kind of file, and how a header row is matched
 * to those targets by name in either language. The user confirms or changes every column's target
 * before anything is read (components/dealers/import/ImportData.tsx).
 */
import type { Locale } from '../../kernel/i18n';
import { FIGURE_NAMES, type FigureName } from '../facts';
import { FIGURE_LABELS } from '../kind';

/** What a file holds: a dealer's monthly figures, or a dealer's list of terminals. */
export const IMPORT_KINDS = ['figures', 'terminals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Columns that say which dealer a row is about (either is enough; the id wins when both are filled). */
export const DEALER_TARGETS = ['dealerName', 'dealerCrmId'] as const;
export const TERMINAL_FIELDS = ['terminalName', 'address', 'signed', 'contractedVolume', 'firstTransactionDay'] as const;
export type TerminalField = (typeof TERMINAL_FIELDS)[number];

export type ImportTarget = (typeof DEALER_TARGETS)[number] | 'period' | FigureName | TerminalField;
/** A column's target, or `ignore`: the column is not read. */
export type ColumnTarget = ImportTarget | 'ignore';

export const TARGETS_OF: Record<ImportKind, readonly ImportTarget[]> = {
  figures: [...DEALER_TARGETS, 'period', ...FIGURE_NAMES],
  terminals: [...DEALER_TARGETS, ...TERMINAL_FIELDS],
};

/** Targets a file of the kind must have a column for (besides one of the dealer columns). */
export const REQUIRED_TARGETS: Record<ImportKind, readonly ImportTarget[]> = {
  figures: ['period'],
  terminals: ['terminalName'],
};

export function isFigureName(target: ColumnTarget): target is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(target);
}

const OWN_LABELS: Record<Exclude<ImportTarget, FigureName>, Record<Locale, string>> = {
  dealerName: { 'zh-CN': '经销商名称', en: 'Dealer name' },
  dealerCrmId: { 'zh-CN': 'HubSpot 公司 ID', en: 'HubSpot company ID' },
  period: { 'zh-CN': '月份', en: 'Month' },
  terminalName: { 'zh-CN': '终端名称', en: 'Terminal name' },
  address: { 'zh-CN': '地址', en: 'Address' },
  signed: { 'zh-CN': '是否签约', en: 'Signed' },
  contractedVolume: { 'zh-CN': '合同量', en: 'Contracted volume' },
  firstTransactionDay: { 'zh-CN': '首次交易日期', en: 'First transaction date' },
};

/** A target's name as the user reads it in the column table and in problems. */
export function targetLabel(target: ImportTarget, locale: Locale): string {
  return isFigureName(target) ? FIGURE_LABELS[target][locale] : OWN_LABELS[target][locale];
}

/**
 * Header texts that mean each target, beyond its own labels in both languages (added below).
 * Written as people write them in ERP exports and hand-made sheets; compared after
 * `normalizeHeader`, so case, spaces, full-width forms and a unit in brackets do not matter.
 */
const SYNONYMS: Record<ImportKind, Partial<Record<ImportTarget, readonly string[]>>> = {
  figures: {
    dealerName: ['经销商', '经销商名称', '经销商全称', '客户', '客户名称', '客户全称', '单位名称', '公司名称', 'dealer', 'customer', 'customer name', 'company', 'company name', 'distributor'],
    dealerCrmId: ['HubSpot ID', 'HubSpot 公司 ID', 'HubSpot 记录 ID', 'company id', 'record id', 'CRM ID', '公司 ID'],
    period: ['月份', '期间', '会计期间', '年月', '统计月份', '月度', 'month', 'period', 'year month'],
    sales: ['销量', '销售额', '销售量', '月销量', '本月销量', '本月销售额', '本月销售', 'sales', 'monthly sales'],
    salesTarget: ['指标', '目标', '月度指标', '月度目标', '销售指标', '销量指标', '销售目标', '任务量', 'target', 'sales target'],
    shipments: ['出货', '出货量', '本月出货', '本月出货量', '发货量', 'shipments', 'shipped'],
    inventory: ['库存', '期末库存', '月末库存', '库存量', '期末库存量', 'inventory', 'stock', 'closing inventory', 'closing stock'],
    terminalSales: ['终端销量', '已交易终端销量', 'terminal sales'],
    transactedTerminals: ['已交易终端数', '交易终端数', '累计交易终端数', 'transacted terminals'],
    activeTerminals: ['本月交易终端数', '动销终端数', '活跃终端数', 'active terminals'],
    signedTerminals: ['签约终端数', '签约终端', 'signed terminals'],
    signedTerminalsOnTarget: ['达标签约终端数', '达标终端数', 'signed terminals on target'],
    signedTerminalSales: ['签约终端销量', '签约终端本期销量', 'signed terminal sales'],
    signedContractVolume: ['签约终端合同量', '签约终端本期合同量', '合同量', '本期合同量', 'contract volume', 'contracted volume'],
    arrears: ['欠款', '应收', '应收款', '应收账款', '应收欠款', '欠款金额', '欠款余额', 'arrears', 'receivable', 'receivables', 'accounts receivable', 'outstanding'],
    creditLimit: ['授信', '授信额度', '信用额度', '信用额', 'credit limit', 'credit line'],
  },
  terminals: {
    terminalName: ['终端', '终端名称', '终端店名', '门店', '门店名称', '网点', '网点名称', 'terminal', 'terminal name', 'store', 'store name', 'outlet', 'shop'],
    address: ['地址', '终端地址', '门店地址', '详细地址', '所在地址', 'address'],
    signed: ['是否签约', '签约', '已签约', '签约终端', '签约状态', 'signed', 'is signed', 'contracted'],
    contractedVolume: ['合同量', '合同销量', '签约量', '年合同量', '合同数量', 'contracted volume', 'contract volume'],
    firstTransactionDay: ['首次交易', '首次交易日', '首次交易日期', '首次交易时间', '首单日期', '首次进货日期', 'first transaction', 'first transaction day', 'first order', 'first order date'],
  },
};
SYNONYMS.terminals.dealerName = SYNONYMS.figures.dealerName;
SYNONYMS.terminals.dealerCrmId = SYNONYMS.figures.dealerCrmId;

/**
 * A header as compared: full-width forms folded (NFKC), lower case, a trailing unit or note in
 * brackets dropped ("销量（箱）", "Arrears (CNY)"), marks such as "*" or ":" and all spaces removed.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([{【][^)\]}】]*[)\]}】]\s*$/u, '')
    .replace(/[\s*:：#№._\-/\\'"“”‘’]/gu, '');
}

const normalizedSynonyms = new Map<ImportKind, Map<string, ImportTarget>>();

/** Every header text that means a target of the kind, normalised, to that target. */
function synonymsOf(kind: ImportKind): Map<string, ImportTarget> {
  let map = normalizedSynonyms.get(kind);
  if (map) return map;
  map = new Map();
  for (const target of TARGETS_OF[kind]) {
    const words = [targetLabel(target, 'zh-CN'), targetLabel(target, 'en'), target, ...(SYNONYMS[kind][target] ?? [])];
    for (const word of words) {
      const key = normalizeHeader(word);
      if (key && !map.has(key)) map.set(key, target);
    }
  }
  normalizedSynonyms.set(kind, map);
  return map;
}

/**
 * Words that make a header something else than the figure it names: a code, an opening or
 * last-period value, a running total, a rate ("客户编码", "期初库存", "累计销量", "销量完成率").
 * Such a header is only taken when it is an exact known name.
 */
const NOT_THE_FIGURE_ITSELF = ['编码', '编号', '代码', 'code', 'id', '期初', 'opening', '上月', '去年', '同期', '同比', '环比', '累计', 'ytd', '年度', '全年', '率', '占比', '%', 'rate', 'ratio'];

/**
 * The target a header most likely means, and how sure: `exact` when the header is a known name
 * of it; `partial` when it contains exactly one known name longer than the others it contains
 * ("本月应收欠款" → arrears); nothing when it names nothing known or two things equally.
 */
function guess(kind: ImportKind, header: string): { target: ImportTarget; exact: boolean } | undefined {
  const key = normalizeHeader(header);
  if (!key) return undefined;
  const synonyms = synonymsOf(kind);
  const exact = synonyms.get(key);
  if (exact) return { target: exact, exact: true };
  if (NOT_THE_FIGURE_ITSELF.some((word) => key.includes(word))) return undefined;
  let best: { length: number; targets: Set<ImportTarget> } | undefined;
  for (const [word, target] of synonyms) {
    // One-letter and one-character words ("id", "目") match too much inside other headers.
    if (word.length < 2 || !key.includes(word)) continue;
    if (!best || word.length > best.length) best = { length: word.length, targets: new Set([target]) };
    else if (word.length === best.length) best.targets.add(target);
  }
  if (!best || best.targets.size !== 1) return undefined;
  return { target: [...best.targets][0]!, exact: false };
}

/**
 * A target for each column of a header row: each target goes to at most one column (an exact
 * name beats a partial one, then the leftmost column wins); the rest are ignored.
 */
export function proposeMapping(kind: ImportKind, headers: readonly string[]): ColumnTarget[] {
  const guesses = headers.map((header) => guess(kind, header));
  const owner = new Map<ImportTarget, number>();
  guesses.forEach((g, index) => {
    if (!g) return;
    const current = owner.get(g.target);
    if (current === undefined || (g.exact && !guesses[current]!.exact)) owner.set(g.target, index);
  });
  return guesses.map((g, index) => (g && owner.get(g.target) === index ? g.target : 'ignore'));
}

/** Whether `targets` is a usable mapping of `headers` for the kind (e.g. one remembered earlier). */
export function isMappingFor(kind: ImportKind, headers: readonly string[], targets: readonly string[]): targets is ColumnTarget[] {
  const allowed = new Set<string>([...TARGETS_OF[kind], 'ignore']);
  return targets.length === headers.length && targets.every((t) => allowed.has(t));
}

/** The key a header row is remembered by: the kind and the normalised headers in order. */
export function headerSignature(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}:${headers.map(normalizeHeader).join('|')}`;
}
