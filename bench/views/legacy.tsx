/**
 * The baseline of the views bench: the four side-panel views as they read the store before the
 * named queries (git show eb5a5d1:components/{visits/TodayView,dealers/DealersView,intel/IntelView,reports/ReportsView}.tsx),
 * reduced to what they render on opening. Each loads whole tables with `toArray()` (see `everyString`) and filters
 * and sorts in memory, as `listRecords` did (its `updatedAt` index no longer exists, so the sort
 * is in memory too), then renders today's list components (DiaryEditor, VisitCardList, IntelList).
 * Forms that only open on a click (log a visit, new intel, add dealer) are left out.
 *
 * One deliberate difference: Today and Reports keep only the profile's own cards and entries (in
 * memory, after loading everything). The old views did not filter by author at all — on a
 * manager's device they would have listed every rep's cards — so both variants render the same rows.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '../../components/shell/locale';
import { useDatabase, useSetting } from '../../components/shell/database-context';
import { sidePanelMessages } from '../../components/pages/side-panel/messages';
import { EmptyState } from '../../components/shell/EmptyState';
import { DiaryEditor } from '../../components/reports/index';
import { IntelList } from '../../components/intel/IntelList';
import { daysOfIsoWeek, isoWeekOf, monthOf, today as todayOf } from '../../lib/kernel/dates';
import type { FieldkitDatabase } from '../../lib/store/database';
import type { DiaryKind } from '../../lib/reports/diary-schema';

const noSave = async () => undefined;

/**
 * Dexie 4 keeps the results of live `toArray()` reads in a cache shared by every instance of a
 * database, for 3 s after the last reader goes: a remount a moment later would get the previous
 * mount's whole table without reading it. A side panel that opens reads it. So each mount reads
 * the whole table through a range that covers every key but differs from the last mount's (no
 * cache hit; the same getAll, and the same cloning of the result Dexie does on a miss). The real
 * views read through cursors (`filter(isLive)`), which Dexie does not cache.
 */
let mounts = 0;
const everyString = () => ['', `\uffff${++mounts}`] as const;

/** `listRecords` as it was: live rows of a whole table, newest first (sorted in memory). */
async function wholeTable<T extends { updatedAt: string; deletedAt?: string }>(rows: Promise<T[]>): Promise<T[]> {
  return (await rows).filter((row) => !row.deletedAt).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** `useDealers` as it was: every dealer, by name. */
function useAllDealers() {
  const db = useDatabase();
  return useLiveQuery(async () => (await db.dealers.where('name').between(...everyString()).toArray()).filter((d) => !d.deletedAt), [db]);
}

const cardsOf = (db: FieldkitDatabase) => wholeTable(db.visitCards.where(':id').between(...everyString()).toArray());
const diariesOf = (db: FieldkitDatabase) => wholeTable(db.diaryEntries.where(':id').between(...everyString()).toArray());

/** The profile's own rows of a whole table (undefined while either loads). */
function useOwn<T extends { author: { id: string } }>(rows: T[] | undefined, authorId: string | undefined): T[] | undefined {
  return useMemo(() => (rows && authorId !== undefined ? rows.filter((row) => row.author.id === authorId) : undefined), [rows, authorId]);
}

export function LegacyTodayView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const dealers = useAllDealers();
  const day = todayOf();
  const cards = useOwn(useLiveQuery(() => cardsOf(db), [db]), profile?.id);
  const diaries = useOwn(useLiveQuery(() => diariesOf(db), [db]), profile?.id);
  const todaysCards = useMemo(() => (cards ?? []).filter((c) => c.visitDay === day), [cards, day]);
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  const daily = (diaries ?? []).filter((d) => d.content.kind === 'daily');
  const todaysEntry = daily.find((d) => d.periodStart === day);
  const previousEntry = daily.filter((d) => d.periodStart < day).sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0];

  if (!profile || !dealers || !cards || !diaries) return null;
  return (
    <div className="fk-stack">
      <h2>{t('todayTitle', { day })}</h2>
      <section aria-labelledby="fk-today-visits" className="fk-stack">
        <h3 id="fk-today-visits">{t('todaysVisits')}</h3>
        {todaysCards.length === 0 ? (
          <EmptyState testId="empty-visits" title={t('visitsEmptyTitle')} body={t('visitsEmptyBody')} />
        ) : (
          <p className="fk-muted" data-testid="visits-today">
            {t('visitsToday', { count: todaysCards.length })}
          </p>
        )}
      </section>
      <section aria-label={t('dailyReport')}>
        <DiaryEditor
          key={todaysEntry?.id ?? 'new'}
          kind="daily"
          periodStart={day}
          entry={todaysEntry}
          previousEntry={previousEntry}
          visitsOfPeriod={todaysCards}
          dealersById={dealersById}
          onSave={noSave}
        />
      </section>
    </div>
  );
}

export function LegacyDealersView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const dealers = useAllDealers();
  const profile = useSetting('profile');
  // Every card of every author, scanned for each dealer's last visit.
  const lastVisits = useLiveQuery(async () => {
    const last = new Map<string, string>();
    await db.visitCards.each((card) => {
      if (!card.deletedAt && card.visitDay > (last.get(card.dealerId) ?? '')) last.set(card.dealerId, card.visitDay);
    });
    return last;
  }, [db]);

  if (!dealers || !profile) return null;
  return (
    <div className="fk-stack">
      <h2>{t('dealersTitle')}</h2>
      {dealers.length === 0 ? (
        <EmptyState testId="empty-dealers" title={t('dealersEmptyTitle')} body={t('dealersEmptyBody')} />
      ) : (
        <>
          <label>
            {t('dealersSearch')} <input type="search" />
          </label>
          <ul className="fk-list" aria-label={t('dealersTitle')}>
            {dealers.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong> {d.city && <span className="fk-muted">· {d.city}</span>} {d.grade && <span>· {d.grade}</span>}{' '}
                {/* Shown once the scan has finished: the bench waits for the real answer. */}
                {lastVisits && (
                  <span className="fk-muted" data-testid="dealer-last-visit">
                    · {lastVisits.has(d.id) ? t('dealerLastVisit', { day: lastVisits.get(d.id)! }) : t('dealerNotVisited')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function LegacyIntelView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const items = useLiveQuery(() => wholeTable(db.intelItems.where(':id').between(...everyString()).toArray()), [db]);
  const dealers = useAllDealers();
  const profile = useSetting('profile');
  if (!items || !dealers || !profile) return null;
  return (
    <div className="fk-stack">
      <div className="fk-row">
        <h2>{t('intelTitle')}</h2>
        <button type="button" className="fk-button fk-button-primary">
          {t('newIntel')}
        </button>
      </div>
      {items.length === 0 ? <EmptyState testId="empty-intel" title={t('intelEmptyTitle')} body={t('intelEmptyBody')} /> : <IntelList items={items} />}
    </div>
  );
}

const KINDS = ['weekly', 'monthly', 'inspection'] as const satisfies readonly DiaryKind[];
const KIND_LABELS = { weekly: 'reportWeekly', monthly: 'reportMonthly', inspection: 'reportInspection' } as const;

export function LegacyReportsView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const profile = useSetting('profile');
  const dealers = useAllDealers();
  const kind = 'weekly' as (typeof KINDS)[number];
  const day = todayOf();
  const periodStart = kind === 'weekly' ? daysOfIsoWeek(day)[0]! : kind === 'monthly' ? `${monthOf(day)}-01` : day;
  const diaries = useOwn(useLiveQuery(() => diariesOf(db), [db]), profile?.id);
  const cards = useOwn(useLiveQuery(() => cardsOf(db), [db]), profile?.id);
  const dealersById = useMemo(() => Object.fromEntries((dealers ?? []).map((d) => [d.id, d.name])), [dealers]);
  if (!profile || !diaries || !cards || !dealers) return null;

  const ofKind = diaries.filter((d) => d.content.kind === kind).sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  const entry = ofKind.find((d) => d.periodStart === periodStart);
  const previousEntry = ofKind.find((d) => d.periodStart < periodStart);
  const week = isoWeekOf(day);
  const visitsOfPeriod = cards.filter((c) => isoWeekOf(c.visitDay) === week);

  return (
    <div className="fk-stack">
      <h2>{t('reportsTitle')}</h2>
      <div role="group" aria-label={t('reportKind')} className="fk-row">
        {KINDS.map((k) => (
          <button key={k} type="button" className="fk-button" aria-pressed={kind === k}>
            {t(KIND_LABELS[k])}
          </button>
        ))}
      </div>
      <p className="fk-muted" data-testid="report-period">
        {t('periodWeek', { week, visits: visitsOfPeriod.length })}
      </p>
      <DiaryEditor
        key={`${kind}:${entry?.id ?? 'new'}`}
        kind={kind}
        periodStart={periodStart}
        entry={entry}
        previousEntry={previousEntry}
        visitsOfPeriod={visitsOfPeriod}
        dealersById={dealersById}
        onSave={noSave}
      />
    </div>
  );
}
