// @vitest-environment jsdom
/*
 * The competitive analysis tab over a real (fake-indexeddb) database, in both languages: a month
 * of intel (test/fixtures/competitive-analysis/items.ts) shown as the report says it, the month
 * stepper, a week, a custom range (with its errors in the UI language), an empty period, the
 * exports (Markdown and the workbook saved with the report's file name; the copy for chat as HTML
 * and text), hostile page text kept as text, and a live update when an item is deleted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor as waitForDefault, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CompetitiveAnalysis } from '../../components/intel/analysis/CompetitiveAnalysis';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { Dealer } from '../../lib/dealers/schema';
import { Competitor } from '../../lib/intel/dictionary/schema';
import type { Locale } from '../../lib/kernel/i18n';
import type { FieldkitDatabase } from '../../lib/store/database';
import { deleteRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase } from '../fixtures/records';
import { BAILIAN, HOSTILE_TERMS, HOSTILE_TITLE, HUALIAN, WANG, intelItem, novemberItems } from '../fixtures/competitive-analysis/items';

const waitFor = <T,>(check: () => T | Promise<T>) => waitForDefault(check, { timeout: 10_000 });
const NOW = '2026-11-01T00:00:00.000Z';

let db: FieldkitDatabase;
afterEach(async () => {
  cleanup();
  await db?.delete();
});

async function device(name: string) {
  db = freshDatabase(name);
  await writeSetting(db, 'profile', { ...WANG, role: 'manager' });
  const dealer = (id: string, dealerName: string) => Dealer.parse({ id, schemaVersion: 1, author: WANG, createdAt: NOW, updatedAt: NOW, name: dealerName });
  await db.dealers.bulkPut([dealer(HUALIAN, '华联商贸'), dealer(BAILIAN, '杭州百联汽配')]);
  await db.intelItems.bulkPut(novemberItems());
}

function renderIn(locale: Locale, props: Parameters<typeof CompetitiveAnalysis>[0] = {}) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <CompetitiveAnalysis initial={{ mode: 'monthly', from: '2026-11-01' }} {...props} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const WORDS = {
  'zh-CN': {
    title: '竞争产品分析报告',
    month: '2026年11月',
    previousMonth: '上个月',
    september: '2026年9月',
    counts: '上涨 2 次，下降 4 次',
    promotions: '4（打折 2、捆绑销售 1、赠品 1）',
    asOf: /^数据截至 \d{4}年\d+月\d+日 \d{2}:\d{2}（[^/（）]+）$/,
    sections: ['概要', '价格走势', '调价记录', '促销活动', '在哪里看到、谁上报', '信息来源'],
    summary: '关注 3 个竞品的 3 个产品，共观察 9 次，4 人上报。',
    dealers: '华联商贸（2 次）、杭州百联汽配',
    gone: '本机已无此经销商',
    empty: '本期（2026年9月）没有竞品信息。',
    noPrices: '本期没有记录价格。',
    week: '按周',
    custom: '自定义',
    from: '开始日期',
    to: '结束日期',
    endsBefore: '结束日期不能早于开始日期。',
    invalid: '请按 YYYY-MM-DD 填写日期，例如 2026-11-01。',
    markdown: 'Markdown',
    xlsx: 'Excel',
    copy: '复制到聊天',
    post: '发布到 HubSpot',
    postAgain: '再次发布',
    waiting: '下次同步时发送到 HubSpot。',
  },
  en: {
    title: 'Competitive product analysis',
    month: 'November 2026',
    previousMonth: 'Previous month',
    september: 'September 2026',
    counts: '2 up, 4 down',
    promotions: '4 (Discount 2, Bundle 1, Free gift 1)',
    asOf: /^Numbers as of \d+ [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \([^/()]+\)$/,
    sections: ['Summary', 'Prices', 'Price changes', 'Promotions', 'Where seen and by whom', 'Sources'],
    summary: '3 competitor products of 3 competitors watched: 9 observations by 4 people.',
    dealers: '华联商贸 (2), 杭州百联汽配',
    gone: 'a dealer no longer on this device',
    empty: 'No competitor intel was captured in this period (September 2026).',
    noPrices: 'No prices recorded in this period.',
    week: 'Week',
    custom: 'Custom',
    from: 'From',
    to: 'To',
    endsBefore: 'The last day cannot be before the first.',
    invalid: 'Enter a day as YYYY-MM-DD, e.g. 2026-11-01.',
    markdown: 'Markdown',
    xlsx: 'Excel',
    copy: 'Copy for chat',
    post: 'Post to HubSpot',
    postAgain: 'Post again',
    waiting: 'It goes to HubSpot with the next sync.',
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('the competitive analysis (%s)', (locale) => {
  const w = WORDS[locale];

  it('shows the month’s report: title, counts, as-of, every section, dealers by name', async () => {
    await device(`analysis-month-${locale}`);
    renderIn(locale);
    const report = await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(w.title);
    expect(screen.getByTestId('analysis-period').textContent).toContain(w.month);
    const fields = screen.getByTestId('analysis-fields');
    expect(fields.textContent).toContain(w.counts);
    expect(fields.textContent).toContain(w.promotions);
    expect(screen.getByText(w.asOf)).toBeTruthy();
    expect(within(report).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(w.sections);
    expect(report.textContent).toContain(w.summary);
    expect(report.textContent).toContain(w.dealers);
    expect(report.textContent).toContain(w.gone);
    // No raw id reaches the reader.
    expect(report.textContent).not.toMatch(/01J[A-Z0-9]{23}/);
  });

  it('keeps hostile page text as text', async () => {
    await device(`analysis-hostile-${locale}`);
    const { container } = renderIn(locale);
    const report = await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    expect(report.textContent).toContain(HOSTILE_TERMS);
    expect(report.textContent).toContain(HOSTILE_TITLE);
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('steps to an empty month and says so, without an error', async () => {
    await device(`analysis-empty-${locale}`);
    const user = userEvent.setup();
    renderIn(locale);
    await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    // October still holds the items seen just before November; September holds none.
    await user.click(screen.getByRole('button', { name: w.previousMonth }));
    await user.click(screen.getByRole('button', { name: w.previousMonth }));
    await waitFor(() => expect(screen.getByTestId('analysis-period').textContent).toContain(w.september));
    const report = await screen.findByTestId('analysis-document');
    await waitFor(() => expect(report.textContent).toContain(w.empty));
    expect(report.textContent).toContain(w.noPrices);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads a week and a custom range, and names what to fix in a range', async () => {
    await device(`analysis-custom-${locale}`);
    const user = userEvent.setup();
    renderIn(locale, { initial: { mode: 'weekly', from: '2026-11-09' } });
    // Week 46: the 12th's item and the 14th's sighting of it.
    await waitFor(() => expect(screen.getByTestId('analysis-fields').textContent).toContain(locale === 'en' ? '2 by 2 people' : '2 次（2 人上报）'));

    await user.click(screen.getByRole('button', { name: w.custom }));
    const from = screen.getByLabelText(w.from);
    const to = screen.getByLabelText(w.to);
    await user.clear(from);
    await user.type(from, '2026-11-20');
    await user.clear(to);
    await user.type(to, '2026-11-05');
    expect((await screen.findByRole('alert')).textContent).toContain(w.endsBefore);
    expect(screen.queryByTestId('analysis-document')).toBeNull();
    await user.clear(to);
    await user.type(to, '2026-11-3');
    expect((await screen.findByRole('alert')).textContent).toContain(w.invalid);
    await user.type(to, '0');
    // 20–30 Nov: 美孚's 20th, 壳牌's 25th, 嘉实多's 30th.
    await waitFor(() => expect(screen.getByTestId('analysis-fields').textContent).toContain(locale === 'en' ? '3 by 3 people' : '3 次（3 人上报）'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('exports Markdown and the workbook under the report’s file name, and copies HTML and text for chat', async () => {
    await device(`analysis-export-${locale}`);
    const user = userEvent.setup();
    const save = vi.fn();
    const copy = vi.fn(async () => {});
    renderIn(locale, { save, copy });
    await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    const actions = screen.getByTestId('analysis-actions');
    await user.click(within(actions).getByRole('button', { name: w.markdown }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [name, blob] = save.mock.calls[0]! as [string, Blob];
    expect(name).toBe('competitive-analysis-2026-11.md');
    const markdown = await blob.text();
    expect(markdown.startsWith(`# ${w.title}\n`)).toBe(true);
    expect(markdown).toContain('\\<img src=x onerror=alert(1)\\>');

    await user.click(within(actions).getByRole('button', { name: new RegExp(w.xlsx) }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1]![0]).toBe('competitive-analysis-2026-11.xlsx');

    await user.click(within(actions).getByRole('button', { name: w.copy }));
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(1));
    const [html, text] = copy.mock.calls[0]! as unknown as [string, string];
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain(HOSTILE_TERMS);
  });

  it('follows the database: a deleted item leaves the report at once', async () => {
    await device(`analysis-live-${locale}`);
    renderIn(locale);
    await waitFor(() => expect(screen.getByTestId('analysis-fields').textContent).toContain(w.counts));
    const hostile = novemberItems().find((item) => item.promotion?.description === HOSTILE_TERMS)!;
    await deleteRecord(db, 'intelItems', hostile.id, { author: WANG });
    await waitFor(() => expect(screen.getByTestId('analysis-document').textContent).not.toContain(HOSTILE_TERMS));
    expect(screen.getByTestId('analysis-fields').textContent).toContain(locale === 'en' ? '2 up, 3 down' : '上涨 2 次，下降 3 次');
  });

  it('posts the analysis for HubSpot once per period: posting again updates the same report', async () => {
    await device(`analysis-post-${locale}`);
    const user = userEvent.setup();
    renderIn(locale);
    await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: w.post }));
    const posted = await screen.findByTestId('analysis-posted', {}, { timeout: 10_000 });
    expect(posted.textContent).toContain(w.waiting);
    await user.click(await screen.findByRole('button', { name: w.postAgain }, { timeout: 10_000 }));
    await waitFor(async () => expect(await db.reports.count()).toBe(1));
    expect(await db.outbox.where('table').equals('reports').count()).toBe(1);
    expect((await db.reports.toArray())[0]).toMatchObject({ kind: 'competitorAnalysis', month: '2026-11' });
  });

  it('groups by the dictionary’s names: an alias is its competitor', async () => {
    await device(`analysis-dictionary-${locale}`);
    await db.competitors.put(Competitor.parse({ id: '01JKC00000000000000000000A', schemaVersion: 1, author: WANG, createdAt: NOW, updatedAt: NOW, name: '美孚', aliases: ['Mobil', 'ExxonMobil'] }));
    await db.intelItems.put(intelItem({ competitorName: 'Mobil', product: 'Mobil 1 0W-40', sku: 'M1-0W40-4L', observedDay: '2026-11-21', author: WANG, prices: [{ kind: 'retail', amount: 455, currency: 'CNY', unit: '元/桶' }] }));
    renderIn(locale);
    const report = await screen.findByTestId('analysis-document', {}, { timeout: 10_000 });
    // Still three competitors: the Mobil item is 美孚's fifth observation of the same SKU.
    await waitFor(() => expect(screen.getByTestId('analysis-fields').textContent).toContain(locale === 'en' ? '3 of 3 competitors' : '3 个（3 个竞品）'));
    expect(screen.getByTestId('analysis-fields').textContent).toContain(locale === 'en' ? '10 by 4 people' : '10 次（4 人上报）');
    expect(report.textContent).not.toContain('Mobil');
  });
});
