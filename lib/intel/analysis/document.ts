/**
 * The competitive analysis as a ReportDocument (lib/reports/export/document.ts), in the reader's
 * language: what every export renders — Markdown, the print page, the workbook, the copy for chat
 * — and what the view shows. Header: the period, who prepared it, the counts; "as of" the moment
 * the intel was read, in words with its time zone. Sections: a short summary, then one table per
 * theme with the competitor and product on every row (so the workbook's sheets filter and sort):
 * prices, each price change, promotions, where seen and by whom, sources.
 *
 * Page text (a promotion's terms, a source's title) is the user's: it goes into the document as
 * text and every renderer escapes it.
 */
import { formatDay, formatMonth, formatNumber, formatWeek } from '../../kernel/format';
import { translator, type Locale, type Translate } from '../../kernel/i18n';
import { daysOfIsoWeek, daysOfMonth, isoWeekOf, monthOf } from '../../kernel/dates';
import { formatUnitPrice, parseUnit, unitLabel } from '../../kernel/units';
import { dayText, rangeText } from '../../store/readable';
import type { Cell, Column, DocumentSection, ReportDocument } from '../../reports/export/document';
import { asOfText } from '../../reports/export/entry-document';
import type { AnalysisPeriod, CompetitiveAnalysis, CompetitorAnalysis, PriceChange, PriceSeries, ProductAnalysis } from './compose';
import { analysisWords, type AnalysisWord } from './words';

export interface AnalysisDocumentOptions {
  locale: Locale;
  /** Who prepared it (the profile's name); left out when unknown. */
  preparedBy?: string;
}

const wordsOf = (locale: Locale): Translate<AnalysisWord> => translator(analysisWords, locale);

/** What a period is called: a whole month by its name, an ISO week by its number and days, else its days. */
export function analysisPeriodText(period: AnalysisPeriod, locale: Locale): string {
  const month = monthOf(period.from);
  const { first, last } = daysOfMonth(month);
  if (period.from === first && period.to === last) return formatMonth(month, locale);
  const week = daysOfIsoWeek(period.from);
  if (period.from === week[0] && period.to === week[6]) {
    const days = rangeText(period.from, period.to, locale)!;
    return locale === 'zh-CN' ? `${formatWeek(isoWeekOf(period.from), locale)}（${days}）` : `${formatWeek(isoWeekOf(period.from), locale)} (${days})`;
  }
  if (period.from === period.to) return dayText(period.from, locale);
  return rangeText(period.from, period.to, locale)!;
}

/** The part of a file name that names the period: 2026-11, 2026-W48, or 2026-11-03_2026-11-17. */
function periodLabel(period: AnalysisPeriod): string {
  const month = monthOf(period.from);
  const { first, last } = daysOfMonth(month);
  if (period.from === first && period.to === last) return month;
  const week = daysOfIsoWeek(period.from);
  if (period.from === week[0] && period.to === week[6]) return isoWeekOf(period.from);
  return period.from === period.to ? period.from : `${period.from}_${period.to}`;
}

/** A product as a reader names it: its name (with its spec when the name lacks it) and its SKU. */
export function productText(product: Pick<ProductAnalysis, 'name' | 'sku' | 'spec'>, locale: Locale): string {
  const t = wordsOf(locale);
  const spec = product.spec?.trim();
  const name = product.name.trim();
  const sku = product.sku.trim();
  const named = name && spec && !name.toLowerCase().includes(spec.toLowerCase()) ? `${name} ${spec}` : name || spec || '';
  if (named && sku && named.toLowerCase() !== sku.toLowerCase()) return t('productWithSku', { name: named, sku });
  return named || sku || t('unnamedProduct');
}

/** The unit a price column counts in: 元/桶 / yuan/drum; a currency alone when no unit was said. */
export function priceUnitText(currency: string, unit: string, locale: Locale): string {
  const t = wordsOf(locale);
  const code = (currency.trim() || 'CNY').toUpperCase();
  const money = code === 'CNY' ? t('yuan') : code;
  const typed = unit.trim();
  if (!typed) return money;
  const slash = typed.search(/[/／]/);
  const before = slash >= 0 ? typed.slice(0, slash).trim() : '';
  const per = slash >= 0 ? typed.slice(slash + 1).trim() : typed;
  const currencyWord = /^(元|块|人民币|美元|欧元|[¥￥$€£]|rmb|yuan|[a-z]{3})$/i;
  if (slash >= 0 && before && !currencyWord.test(before)) return `${money} ${typed}`;
  if (!per || currencyWord.test(per)) return money;
  return `${money}/${parseUnit(per) ? unitLabel(per, locale) : per}`;
}

function kindText(kind: PriceSeries['kind'], t: Translate<AnalysisWord>): string {
  return t(`priceKind_${kind}`);
}

function signedPercent(percent: number, locale: Locale): string {
  return formatNumber(percent / 100, locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
}

interface Row {
  competitor: CompetitorAnalysis;
  product: ProductAnalysis;
}

function rowsOf(analysis: CompetitiveAnalysis): Row[] {
  return analysis.competitors.flatMap((competitor) => competitor.products.map((product) => ({ competitor, product })));
}

function summaryLines(analysis: CompetitiveAnalysis, locale: Locale): string[] {
  const t = wordsOf(locale);
  const totals = analysis.totals;
  if (totals.observations === 0) return [t('summaryEmpty', { period: analysisPeriodText(analysis.period, locale) })];
  const lines = [t('summaryWatched', { products: totals.products, competitors: totals.competitors, observations: totals.observations, authors: totals.authors })];
  if (totals.dealers > 0 || totals.regions > 0) lines.push(t('summaryWhere', { dealers: totals.dealers, regions: totals.regions }));
  if (totals.priceUp + totals.priceDown === 0) lines.push(t('summaryNoMoves'));
  else {
    lines.push(t('summaryPrices', { up: totals.priceUp, down: totals.priceDown }));
    const moves = rowsOf(analysis).flatMap(({ product }) => product.prices.flatMap((series) => series.changes.filter((c) => c.percent !== null).map((change) => ({ product, series, change }))));
    const describe = (move: { product: ProductAnalysis; series: PriceSeries; change: PriceChange }) => ({
      product: productText(move.product, locale),
      kind: kindText(move.series.kind, t),
      from: formatUnitPrice(move.change.from, move.series.currency, move.series.unit, locale),
      to: formatUnitPrice(move.change.to, move.series.currency, move.series.unit, locale),
      percent: signedPercent(move.change.percent!, locale),
      day: formatDay(move.change.day, locale, 'short'),
    });
    const cut = moves.filter((m) => m.change.direction === 'down').sort((a, b) => a.change.percent! - b.change.percent! || a.change.day.localeCompare(b.change.day))[0];
    const rise = moves.filter((m) => m.change.direction === 'up').sort((a, b) => b.change.percent! - a.change.percent! || a.change.day.localeCompare(b.change.day))[0];
    if (cut) lines.push(t('summaryLargestCut', describe(cut)));
    if (rise) lines.push(t('summaryLargestRise', describe(rise)));
  }
  lines.push(totals.promotions > 0 ? t('summaryPromotions', { count: totals.promotions, types: promotionTypesText(analysis, locale) }) : t('summaryNoPromotions'));
  return lines;
}

/** "打折 2、赠品 1" / "Discount 2, Free gift 1": the most frequent type first. */
export function promotionTypesText(analysis: CompetitiveAnalysis, locale: Locale): string {
  const t = wordsOf(locale);
  return Object.entries(analysis.totals.promotionsByType)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
    .map(([type, count]) => t('typeCount', { type: t(`promotion_${type}` as AnalysisWord), count: count ?? 0 }))
    .join(t('listSeparator'));
}

const text = (label: string, width: number): Column => ({ label, type: 'text', width });
const number = (label: string, width = 10): Column => ({ label, type: 'number', width });
const date = (label: string): Column => ({ label, type: 'date', width: 12 });
const percent = (label: string): Column => ({ label, type: 'percent', width: 9, signed: true });

const orNull = (value: string): Cell => (value.trim() ? value : null);

/** The analysis as a document in `options.locale`. */
export function documentOfAnalysis(analysis: CompetitiveAnalysis, options: AnalysisDocumentOptions): ReportDocument {
  const { locale } = options;
  const t = wordsOf(locale);
  const list = (items: string[]) => items.join(t('listSeparator'));
  const counted = (name: string, count: number) => (count > 1 ? t('countedName', { name, count }) : name);
  const rows = rowsOf(analysis);
  const period = analysisPeriodText(analysis.period, locale);
  const totals = analysis.totals;

  const priceRows: Cell[][] = rows.flatMap(({ competitor, product }) =>
    product.prices.map((s) => [
      competitor.name,
      productText(product, locale),
      kindText(s.kind, t),
      priceUnitText(s.currency, s.unit, locale),
      s.first.day,
      s.first.amount,
      s.last.day,
      s.last.amount,
      s.lowest.amount,
      s.highest.amount,
      s.percent,
      s.changes.length,
    ]),
  );
  const changeRows: Cell[][] = rows
    .flatMap(({ competitor, product }) => product.prices.flatMap((s) => s.changes.map((c) => ({ competitor, product, s, c }))))
    .sort((a, b) => a.c.day.localeCompare(b.c.day))
    .map(({ competitor, product, s, c }) => [c.day, competitor.name, productText(product, locale), kindText(s.kind, t), c.from, c.to, priceUnitText(s.currency, s.unit, locale), c.percent, c.previousDay]);
  const dealerText = (id: string, dealers: ProductAnalysis['dealers']) => dealers.find((d) => d.id === id)?.name ?? t('unknownDealer');
  const promotionRows: Cell[][] = rows.flatMap(({ competitor, product }) =>
    product.promotions.map((p) => [
      competitor.name,
      productText(product, locale),
      t(`promotion_${p.type}`),
      orNull(p.terms),
      rangeText(p.from, p.to, locale) ?? null,
      p.firstSeen,
      p.lastSeen,
      p.times,
      orNull(list([...new Set(p.dealerIds.map((id) => dealerText(id, product.dealers)))].concat(p.regions))),
    ]),
  );
  const seenRows: Cell[][] = rows.map(({ competitor, product }) => [
    competitor.name,
    productText(product, locale),
    product.observations,
    product.firstSeen,
    product.lastSeen,
    orNull(list(product.dealers.map((d) => counted(d.name ?? t('unknownDealer'), d.observations)))),
    orNull(list(product.regions)),
    orNull(list(product.channels)),
    list(product.authors.map((a) => counted(a.name, a.observations))),
  ]);
  const sourceRows: Cell[][] = rows
    .flatMap(({ competitor, product }) => product.sources.map((s) => ({ competitor, product, s })))
    .sort((a, b) => a.s.day.localeCompare(b.s.day))
    .map(({ competitor, product, s }) => [s.day, competitor.name, productText(product, locale), s.title ?? t('untitledSource'), s.url ?? null, s.by]);

  const table = (columns: Column[], body: Cell[][]) => (body.length > 0 ? [{ type: 'table' as const, columns, rows: body }] : []);
  const sections: DocumentSection[] = [
    { id: 'summary', heading: t('sectionSummary'), blocks: [{ type: 'list', items: summaryLines(analysis, locale) }] },
    {
      id: 'prices',
      heading: t('sectionPrices'),
      empty: t('pricesEmpty'),
      blocks: table(
        [
          text(t('colCompetitor'), 12),
          text(t('colProduct'), 28),
          text(t('colPriceKind'), 9),
          text(t('colUnit'), 10),
          date(t('colFirstDay')),
          number(t('colFirstPrice')),
          date(t('colLastDay')),
          number(t('colLastPrice')),
          number(t('colLowest')),
          number(t('colHighest')),
          percent(t('colChange')),
          number(t('colMoves'), 9),
        ],
        priceRows,
      ),
    },
    {
      id: 'changes',
      heading: t('sectionChanges'),
      empty: t('changesEmpty'),
      blocks: table(
        [
          date(t('colDay')),
          text(t('colCompetitor'), 12),
          text(t('colProduct'), 28),
          text(t('colPriceKind'), 9),
          number(t('colBefore')),
          number(t('colAfter')),
          text(t('colUnit'), 10),
          percent(t('colChange')),
          date(t('colPreviousDay')),
        ],
        changeRows,
      ),
    },
    {
      id: 'promotions',
      heading: t('sectionPromotions'),
      empty: t('promotionsEmpty'),
      blocks: table(
        [
          text(t('colCompetitor'), 12),
          text(t('colProduct'), 28),
          text(t('colType'), 10),
          text(t('colTerms'), 36),
          text(t('colRuns'), 18),
          date(t('colFirstDay')),
          date(t('colLastDay')),
          number(t('colTimes'), 8),
          text(t('colWhere'), 24),
        ],
        promotionRows,
      ),
    },
    {
      id: 'seen',
      heading: t('sectionSeen'),
      empty: t('seenEmpty'),
      blocks: table(
        [
          text(t('colCompetitor'), 12),
          text(t('colProduct'), 28),
          number(t('colObservations'), 9),
          date(t('colFirstDay')),
          date(t('colLastDay')),
          text(t('colDealers'), 28),
          text(t('colRegions'), 16),
          text(t('colChannels'), 14),
          text(t('colAuthors'), 20),
        ],
        seenRows,
      ),
    },
    {
      id: 'sources',
      heading: t('sectionSources'),
      empty: t('sourcesEmpty'),
      blocks: table([date(t('colDay')), text(t('colCompetitor'), 12), text(t('colProduct'), 28), text(t('colTitle'), 36), text(t('colUrl'), 40), text(t('colBy'), 10)], sourceRows),
    },
  ];

  return {
    locale,
    title: t('title'),
    subtitle: period,
    fields: [
      { label: t('fieldPeriod'), value: period },
      ...(options.preparedBy?.trim() ? [{ label: t('fieldPreparedBy'), value: options.preparedBy.trim() }] : []),
      // Nothing seen: a plain 0, not "0 of 0 competitors".
      { label: t('fieldProducts'), value: totals.products > 0 ? t('productsValue', { products: totals.products, competitors: totals.competitors }) : '0' },
      { label: t('fieldObservations'), value: totals.observations > 0 ? t('observationsValue', { observations: totals.observations, authors: totals.authors }) : '0' },
      { label: t('fieldPriceMoves'), value: t('priceMovesValue', { up: totals.priceUp, down: totals.priceDown }) },
      { label: t('fieldPromotions'), value: totals.promotions > 0 ? t('promotionsValue', { count: totals.promotions, types: promotionTypesText(analysis, locale) }) : '0' },
    ],
    asOf: asOfText({ asOf: analysis.asOf, timeZone: analysis.timeZone }, locale),
    sections,
    fileName: `competitive-analysis-${periodLabel(analysis.period)}`,
  };
}
