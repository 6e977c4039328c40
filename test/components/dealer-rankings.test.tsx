// @vitest-environment jsdom
/*
 * Manager rankings over a real (fake-indexeddb) database, in both languages: dealers ranked by
 * score with grade and change on last month, incomplete ones in their own group (never 0), reps by
 * their dealers' average and opening to them, the region and month filters, paging, and the
 * loading, empty and error states.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Rankings, type RankingsProps } from '../../components/dealers/Rankings';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import type { Dealer, Terminal } from '../../lib/dealers/schema';
import type { VisitCard } from '../../lib/visits/schema';
import type { DealerFacts } from '../../lib/dealers/facts';
import { OWNERS_SETTING } from '../../lib/dealers/rankings-queries';
import * as rankingsModule from '../../lib/dealers/rankings';
import { DEALER, FACTS, NOVEMBER_CARDS, TERMINALS, facts } from '../fixtures/dealer-history';

vi.mock('../../lib/dealers/rankings', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/dealers/rankings')>();
  return { ...original, loadMonthRankings: vi.fn(original.loadMonthRankings) };
});

let db: FieldkitDatabase;

afterEach(async () => {
  cleanup();
  location.hash = '';
  await db?.delete();
});

function freshDb() {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  return db;
}

let serial = 0;
const idOf = (kind: 'D' | 'T' | 'C' | 'F') => `01JF${kind}${String(++serial).padStart(21, '0')}`;

interface Copy {
  name: string;
  region?: string;
  repId?: string;
  /** Terminals visited in November (the worked dealer: 6 of 10, 87.5). */
  visited?: number;
  /** Also October's figures and cards (6 terminals visited), so the change on last month shows. */
  october?: boolean;
  /** No terminals and no figures at all: nothing can be scored. */
  empty?: boolean;
}

/** A dealer built on the worked dealer of test/fixtures/dealer-history.ts, with its own ids. */
function copyOf(spec: Copy): { dealer: Dealer; terminals: Terminal[]; cards: VisitCard[]; facts: DealerFacts[] } {
  const dealer: Dealer = { ...DEALER, id: idOf('D'), name: spec.name, crm: undefined, region: spec.region, responsibleRepId: spec.repId };
  if (spec.empty) return { dealer, terminals: [], cards: [], facts: [] };
  const ids = new Map<string, string>();
  const terminals = TERMINALS.map((t) => {
    const id = idOf('T');
    ids.set(t.id, id);
    return { ...t, id, dealerId: dealer.id };
  });
  const visited = spec.visited ?? 6;
  const own = (card: VisitCard, day = card.visitDay): VisitCard => ({ ...card, id: idOf('C'), dealerId: dealer.id, visitDay: day, ...(card.terminalId ? { terminalId: ids.get(card.terminalId) } : {}) });
  const dealerCards = NOVEMBER_CARDS.filter((c) => !c.terminalId).map((c) => own(c));
  const terminalCards = terminals.slice(0, visited).map((t, i) => ({ ...own(NOVEMBER_CARDS[0]!, `2026-11-${String(3 + i).padStart(2, '0')}`), terminalId: t.id }));
  const october = spec.october
    ? [
        ...terminals.slice(0, 6).map((t, i) => ({ ...own(NOVEMBER_CARDS[0]!, `2026-10-${String(3 + i).padStart(2, '0')}`), terminalId: t.id })),
        own(NOVEMBER_CARDS.at(-1)!, '2026-10-25'),
      ]
    : [];
  const monthFacts = [
    ...FACTS.map((f) => ({ ...f, id: idOf('F'), dealerId: dealer.id })),
    ...(spec.october
      ? [{ ...facts('2026-08', { shipments: 300 }), id: idOf('F'), dealerId: dealer.id }, { ...facts('2026-10', { terminalSales: 700, activeTerminals: 5, signedTerminalsOnTarget: 2, signedTerminalSales: 300 }), id: idOf('F'), dealerId: dealer.id }]
      : []),
  ];
  return { dealer, terminals, cards: [...dealerCards, ...terminalCards, ...october], facts: monthFacts };
}

async function seed(...copies: ReturnType<typeof copyOf>[]) {
  await db.dealers.bulkAdd(copies.map((c) => c.dealer));
  await db.terminals.bulkAdd(copies.flatMap((c) => c.terminals));
  await db.visitCards.bulkAdd(copies.flatMap((c) => c.cards));
  await db.dealerFacts.bulkAdd(copies.flatMap((c) => c.facts));
  return copies.map((c) => c.dealer);
}

/** The store of the tests below: four dealers in two regions under two reps and none. */
async function seedTeam() {
  freshDb();
  const dealers = await seed(
    copyOf({ name: '华东润滑油经销有限公司', region: '华东', repId: '101' }),
    copyOf({ name: '苏州车品', region: '华东', repId: '101', visited: 9, october: true }),
    copyOf({ name: '广州汽配', region: '华南', repId: '102', visited: 3 }),
    copyOf({ name: '深圳新店', region: '华南', empty: true }),
  );
  await db.settings.put({ key: OWNERS_SETTING, value: [{ id: '101', name: '张伟', teams: [], archived: false }] });
  return dealers;
}

function renderRankings(locale: Locale, props: RankingsProps = { defaultPeriod: '2026-11' }) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <Rankings {...props} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const rowTexts = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('listitem')
    .map((row) => row.textContent);

describe('Rankings', () => {
  it('ranks dealers by score with grade and change on last month, incomplete ones apart and never as 0 (zh-CN)', async () => {
    const [worked] = await seedTeam();
    renderRankings('zh-CN');
    // Loading first, in Chinese.
    expect(screen.getByTestId('rankings-loading').textContent).toBe('正在排名…');
    await screen.findByTestId('ranked-dealers');
    expect(screen.getByRole('heading', { level: 2, name: '排行榜' })).toBeTruthy();
    expect(screen.getByTestId('rankings').querySelector('header p')!.textContent).toBe('2026年11月·经销商关键过程绩效指标与分级·第 1 版');
    expect(screen.getByText('已排名 3 家')).toBeTruthy();
    expect(screen.getByText('数据不全 1 家')).toBeTruthy();

    const ranked = within(screen.getByTestId('ranked-dealers')).getAllByRole('listitem');
    expect(ranked.map((row) => within(row).getByRole('button').textContent)).toEqual(['苏州车品', '华东润滑油经销有限公司', '广州汽配']);
    // Rank (spoken as 第 n 名), name, region, change on last month, score, grade.
    expect(ranked[0]!.textContent).toMatch(/^第 1 名1苏州车品华东较上月 \+[\d.]+\d+\.\dA 级$/);
    expect(ranked[1]!.textContent).toBe('第 2 名2华东润滑油经销有限公司华东87.5A 级');
    expect(ranked[2]!.textContent).toMatch(/^第 3 名3广州汽配华南\d+\.\d[A-D] 级$/);

    const incomplete = within(screen.getByRole('region', { name: '数据不全，未排名（1）' }));
    expect(incomplete.getByText('缺少的数据不按 0 计：补齐后即参与排名。')).toBeTruthy();
    const row = incomplete.getByRole('listitem');
    expect(within(row).getByRole('button', { name: '深圳新店' })).toBeTruthy();
    expect(row.textContent).toContain('缺 ');
    expect(row.textContent).toContain('缺少：区域终端总数、');
    expect(row.textContent).not.toMatch(/\d+\.\d/);

    await userEvent.click(screen.getByRole('button', { name: '华东润滑油经销有限公司' }));
    expect(location.hash).toBe(`#dealers/${worked!.id}`);
  });

  it('ranks reps by their dealers’ average and opens one to its dealers (en)', async () => {
    await seedTeam();
    renderRankings('en');
    await screen.findByTestId('ranked-dealers');
    await userEvent.click(screen.getByRole('button', { name: 'Reps' }));
    expect(screen.getByRole('button', { name: 'Reps' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('2 reps ranked')).toBeTruthy();
    const reps = within(screen.getByTestId('ranked-reps')).getAllByRole('listitem');
    // 101 (张伟, from the CRM owners) averages two dealers; 102 has no name here.
    expect(reps.map((row) => within(row).getAllByRole('button')[0]!.textContent)).toEqual(['张伟', 'Owner 102']);
    expect(reps[0]!.textContent).toMatch(/^Rank 11张伟2 dealers scored\d+\.\daverage$/);
    expect(reps[1]!.textContent).toMatch(/^Rank 22Owner 1021 dealer scored\d+\.\daverage$/);

    const rep = screen.getByRole('button', { name: '张伟' });
    expect(rep.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(rep);
    expect(rep.getAttribute('aria-expanded')).toBe('true');
    const theirs = within(screen.getByRole('list', { name: 'Dealers of 张伟' }));
    expect(theirs.getAllByRole('button').map((b) => b.textContent)).toEqual(['苏州车品', '华东润滑油经销有限公司']);

    // The dealer without a responsible rep is grouped apart, with its incomplete score.
    const unassigned = within(screen.getByRole('list', { name: 'Dealers without a responsible rep' }));
    expect(unassigned.getByRole('button', { name: 'Dealers without a responsible rep' }).getAttribute('aria-expanded')).toBe('false');
    expect(unassigned.getByText('0 dealers scored')).toBeTruthy();
    expect(unassigned.getByText('1 incomplete')).toBeTruthy();
  });

  it('filters by region and by month (en)', async () => {
    await seedTeam();
    renderRankings('en');
    await screen.findByTestId('ranked-dealers');
    const region = screen.getByLabelText('Region') as HTMLSelectElement;
    expect([...region.options].map((o) => o.text)).toEqual(['All regions', '华东', '华南']);
    await userEvent.selectOptions(region, '华南');
    await waitFor(() => expect(rowTexts('ranked-dealers')).toHaveLength(1));
    expect(within(screen.getByTestId('ranked-dealers')).getByRole('button').textContent).toBe('广州汽配');
    expect(within(screen.getByTestId('incomplete-dealers')).getByRole('button').textContent).toBe('深圳新店');

    // October: only the dealer with October's figures is scored; the rest are incomplete, by name.
    await userEvent.selectOptions(region, '');
    const month = screen.getByLabelText('Month') as HTMLSelectElement;
    expect(month.selectedOptions[0]!.text).toBe('November 2026');
    await userEvent.selectOptions(month, '2026-10');
    await waitFor(() => expect(screen.getByTestId('rankings').querySelector('header p')!.textContent).toBe('October 2026·Dealer key-process KPIs and grading·version 1'));
    expect(within(screen.getByTestId('ranked-dealers')).getAllByRole('button').map((b) => b.textContent)).toEqual(['苏州车品']);
    expect(within(screen.getByTestId('incomplete-dealers')).getAllByRole('button').map((b) => b.textContent)).toEqual(['广州汽配', '华东润滑油经销有限公司', '深圳新店']);
    expect(screen.getByText('Incomplete, not ranked (3)')).toBeTruthy();
  });

  it('shows long lists 50 at a time', async () => {
    freshDb();
    await seed(...Array.from({ length: 55 }, (_, i) => copyOf({ name: `Dealer ${String(i + 1).padStart(2, '0')}`, visited: 1 + (i % 10) })));
    renderRankings('en');
    await screen.findByTestId('ranked-dealers');
    expect(rowTexts('ranked-dealers')).toHaveLength(50);
    expect(screen.getByText('Showing 50 of 55')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(rowTexts('ranked-dealers')).toHaveLength(55);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    // Equal scores share a rank (spoken "Rank n", shown n): ten visit counts over 55 dealers.
    const ranks = within(screen.getByTestId('ranked-dealers'))
      .getAllByRole('listitem')
      .map((row) => row.textContent!.match(/^Rank (\d+)\1/)![1]);
    expect(new Set(ranks).size).toBeLessThanOrEqual(10);
    expect(ranks[0]).toBe('1');
  });

  it.each([
    ['zh-CN', '还没有可排名的经销商', '从 HubSpot 同步经销商'],
    ['en', 'No dealers to rank yet', 'Rankings appear once dealers come from HubSpot'],
  ] as const)('says what to do when there is nothing to rank (%s)', async (locale, title, body) => {
    freshDb();
    renderRankings(locale);
    const empty = await screen.findByTestId('rankings-empty');
    expect(empty.textContent).toContain(title);
    expect(empty.textContent).toContain(body);
  });

  it.each([
    ['zh-CN', '排行榜没能算出来，请再试一次。', '重试'],
    ['en', 'The rankings could not be worked out. Try again.', 'Try again'],
  ] as const)('says in one sentence when the ranking fails, with the details folded away, and tries again (%s)', async (locale, sentence, again) => {
    await seedTeam();
    vi.mocked(rankingsModule.loadMonthRankings).mockRejectedValueOnce(new Error('no rule set "dealer-kpi"'));
    renderRankings(locale);
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(screen.getByText('no rule set "dealer-kpi"').closest('details')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: again }));
    await screen.findByTestId('ranked-dealers');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens where the user left it: back from a dealer’s page, the same month, region and view', async () => {
    await seedTeam();
    const first = renderRankings('en', { defaultPeriod: '2026-11', onOpenDealer: () => undefined });
    await screen.findByTestId('ranked-dealers');
    await userEvent.selectOptions(screen.getByLabelText('Region'), '华东');
    await userEvent.click(screen.getByRole('button', { name: 'Reps' }));
    await waitFor(() => expect(within(screen.getByTestId('ranked-reps')).getAllByRole('listitem')).toHaveLength(1));
    first.unmount();
    const calls = vi.mocked(rankingsModule.loadMonthRankings).mock.calls.length;
    renderRankings('en');
    // Shown at once from the ranking already computed: no loading, no new computation.
    expect(screen.queryByTestId('rankings-loading')).toBeNull();
    expect((screen.getByLabelText('Region') as HTMLSelectElement).value).toBe('华东');
    expect(screen.getByRole('button', { name: 'Reps' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByTestId('ranked-reps')).getAllByRole('listitem')).toHaveLength(1);
    expect(vi.mocked(rankingsModule.loadMonthRankings).mock.calls.length).toBe(calls);
    // Refresh computes it again.
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(vi.mocked(rankingsModule.loadMonthRankings).mock.calls.length).toBe(calls + 1));
  });
});
