/**
 * The views-bench page (built by bench/views.bench.ts with Vite, opened in headless Chromium).
 * The side-panel views are micro-frontends: each mounts here inside the real ExtensionRoot
 * (database + locale), against a real IndexedDB seeded with the scale fixture, no extension
 * needed. `window.fieldkitBench` seeds a scenario and times one mount of one view.
 */
import { Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { TodayView } from '../../components/visits/TodayView';
import { DealersView } from '../../components/dealers/DealersView';
import { IntelView } from '../../components/intel/IntelView';
import { ReportsView } from '../../components/reports/ReportsView';
import { intelFormMessages } from '../../components/intel/messages';
import { visitCardMessages } from '../../components/visits/messages';
import { translator } from '../../lib/kernel/i18n';
import { today as todayOf } from '../../lib/kernel/dates';
import { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import type { Author } from '../../lib/kernel/record';
import { VisitCard } from '../../lib/visits/schema';
import { DiaryEntry } from '../../lib/reports/diary-schema';
import { IntelItem } from '../../lib/intel/schema';
import { Competitor } from '../../lib/intel/dictionary/schema';
import { Dealer } from '../../lib/dealers/schema';
import { competitorsOf, daysEndingOn, dealersOf, historyOf, prng, type History } from './fixture';
import { LegacyDealersView, LegacyIntelView, LegacyReportsView, LegacyTodayView } from './legacy';
import type { FieldkitBench, MeasureResult, ScenarioSpec, SeedResult, Variant, ViewName } from './api';

declare global {
  interface Window {
    fieldkitBench: FieldkitBench;
    /** With --js-flags=--expose-gc. */
    gc?: () => void;
  }
}

const LOCALE = 'en';
const CHUNK = 5000;

const VIEWS: Record<Variant, Record<ViewName, () => ReactNode>> = {
  indexed: { today: () => <TodayView />, dealers: () => <DealersView />, intel: () => <IntelView />, reports: () => <ReportsView /> },
  whole: { today: () => <LegacyTodayView />, dealers: () => <LegacyDealersView />, intel: () => <LegacyIntelView />, reports: () => <LegacyReportsView /> },
};

const INTEL_LIST = `ul[aria-label="${CSS.escape(translator(intelFormMessages, LOCALE)('listTitle'))}"] > li`;
/** Today's visits, whichever way the view shows them: the count line, or a row of a visit list (list or table). */
const TODAYS_VISITS = `[data-testid="visits-today"], ul[aria-label="${CSS.escape(translator(visitCardMessages, LOCALE)('listTitle'))}"] > li, tbody tr`;

/**
 * The first meaningful render of each view: what the user opened it for is on screen.
 * - today: the daily report editor and today's visits (the fixture always has cards today);
 * - dealers: the first dealer row, with the day of its last visit;
 * - intel: the first item of the intel list;
 * - reports: the period line (`report-period`) and the report editor.
 */
const MEANINGFUL: Record<ViewName, (host: HTMLElement) => boolean> = {
  today: (host) => host.querySelector('form') !== null && host.querySelector(TODAYS_VISITS) !== null,
  dealers: (host) => host.querySelector('ul > li [data-testid="dealer-last-visit"]') !== null,
  intel: (host) => host.querySelector(INTEL_LIST) !== null,
  reports: (host) => host.querySelector('[data-testid="report-period"]') !== null && host.querySelector('form') !== null,
};

/** Rejects the measurement at once when the view throws while rendering. */
class Boundary extends Component<{ onError: (error: unknown) => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** After the next frame has been rendered (rAF runs before style/layout/paint; the message after it). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );
}

/**
 * Until the main thread has been idle for a while: a view's reads that were still running when
 * it was unmounted (Dexie does not cancel them) must not slow the next mount down.
 */
async function settle(maxMs = 15_000): Promise<void> {
  const until = performance.now() + maxMs;
  let quiet = 0;
  while (quiet < 3 && performance.now() < until) {
    const idle = await new Promise<number>((resolve) => requestIdleCallback((deadline) => resolve(deadline.timeRemaining()), { timeout: 1000 }));
    quiet = idle >= 40 ? quiet + 1 : 0;
  }
}

async function measure(database: string, view: ViewName, variant: Variant, timeoutMs: number): Promise<MeasureResult> {
  await settle();
  // A fresh Dexie instance per mount, like a side panel that opens (Dexie's live-query cache is
  // shared by database name all the same: see `everyString` in ./legacy.tsx).
  const db = new FieldkitDatabase({ name: database });
  await db.open();
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const meaningful = MEANINGFUL[view];
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (error: unknown) => void = () => undefined;
  const shown = new Promise<void>((resolve, reject) => {
    fail = reject;
    observer = new MutationObserver(() => {
      if (meaningful(host)) resolve();
    });
    observer.observe(host, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(() => reject(new Error(`${view} (${variant}) not rendered within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const started = performance.now();
    root.render(
      <Boundary onError={(error) => fail(error)}>
        <ExtensionRoot db={db} browserLanguage={LOCALE}>
          {VIEWS[variant][view]()}
        </ExtensionRoot>
      </Boundary>,
    );
    await shown;
    await afterNextFrame();
    const ms = performance.now() - started;
    return { ms, rows: host.querySelectorAll('li, tbody tr').length };
  } finally {
    observer?.disconnect();
    clearTimeout(timer);
    root.unmount();
    host.remove();
    db.close();
    window.gc?.();
  }
}

type SeededTable = 'dealers' | 'visitCards' | 'diaryEntries' | 'intelItems' | 'competitors';

/**
 * Writes rows in chunks, one transaction each, straight to IndexedDB under the store Dexie opened
 * (same tables and indexes): Dexie's bulkPut adds per-row bookkeeping for live queries that
 * only slows the seeding down. Relaxed durability: nothing is fsynced per chunk.
 */
async function putAll(db: FieldkitDatabase, table: SeededTable, rows: readonly object[]) {
  const idb = db.backendDB();
  for (let i = 0; i < rows.length; i += CHUNK) {
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(table, 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore(table);
      for (const row of rows.slice(i, i + CHUNK)) store.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error(`${table}: transaction aborted`));
    });
  }
}

function validate(history: History, dealers: Dealer[]): number {
  const check = (label: string, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, rows: readonly unknown[]) => {
    for (const row of rows) {
      const parsed = schema.safeParse(row);
      if (!parsed.success) throw new Error(`fixture ${label} is invalid: ${String(parsed.error)}\n${JSON.stringify(row)}`);
    }
    return rows.length;
  };
  return (
    check('dealer', Dealer, dealers) + check('visit card', VisitCard, history.cards) + check('diary entry', DiaryEntry, history.diaries) + check('intel item', IntelItem, history.intel)
  );
}

async function seed(spec: ScenarioSpec): Promise<SeedResult> {
  const database = `fieldkit-bench-${spec.name}`;
  await new FieldkitDatabase({ name: database }).delete();
  const db = new FieldkitDatabase({ name: database });
  await db.open();
  const today = todayOf();
  const days = daysEndingOn(today, spec.years);
  const now = days[days.length - 1]!.noon;
  const manager: Author = { id: 'mgr-001', name: '区域经理 王磊' };
  const counts = { dealers: 0, visitCards: 0, diaryEntries: 0, intelItems: 0, daily: 0, weekly: 0, monthly: 0 };
  let generateMs = 0;
  let writeMs = 0;
  let validated = 0;
  let own: SeedResult['own'] = { visitCards: 0, diaryEntries: 0, intelItems: 0, todaysCards: 0 };

  const store = async (history: History, dealers: Dealer[], mine: boolean) => {
    if (mine) {
      own = { visitCards: history.cards.length, diaryEntries: history.diaries.length, intelItems: history.intel.length, todaysCards: history.cards.filter((c) => c.visitDay === today).length };
      validated += validate(history, dealers);
    }
    const started = performance.now();
    await putAll(db, 'dealers', dealers);
    await putAll(db, 'visitCards', history.cards);
    await putAll(db, 'diaryEntries', history.diaries);
    await putAll(db, 'intelItems', history.intel);
    writeMs += performance.now() - started;
    counts.dealers += dealers.length;
    counts.visitCards += history.cards.length;
    counts.diaryEntries += history.diaries.length;
    counts.intelItems += history.intel.length;
    for (const entry of history.diaries) counts[entry.content.kind as 'daily' | 'weekly' | 'monthly'] += 1;
  };

  const allDealerIds: string[] = [];
  const seeding = performance.now();
  let reps = 0;
  for (let r = 0; r < spec.reps; r++) {
    if (spec.seedBudgetMs !== undefined && r > 0 && performance.now() - seeding > spec.seedBudgetMs) break;
    reps += 1;
    const started = performance.now();
    const author: Author = { id: `rep-${String(r + 1).padStart(3, '0')}`, name: `销售代表 ${r + 1}` };
    // Seeded by the rep's number: rep-001 has the same dealers and history in every scenario.
    const dealers = dealersOf(r, author, prng(2 * r + 1), now);
    allDealerIds.push(...dealers.map((d) => d.id));
    const history = historyOf(author, dealers.map((d) => d.id), days, spec.years, prng(2 * r + 2), manager);
    generateMs += performance.now() - started;
    await store(history, dealers, !spec.manager && r === 0);
  }
  if (spec.manager) {
    const started = performance.now();
    // The manager visits their reps' key dealers: 120 spread over all of them.
    const step = Math.max(1, Math.floor(allDealerIds.length / 120));
    const dealerIds = allDealerIds.filter((_, i) => i % step === 0).slice(0, 120);
    const history = historyOf(manager, dealerIds, days, spec.years, prng(999_999), manager);
    generateMs += performance.now() - started;
    await store(history, [], true);
  }
  const competitors = competitorsOf(prng(7), now, manager);
  for (const competitor of competitors) Competitor.parse(competitor);
  await putAll(db, 'competitors', competitors);
  const profile = spec.manager ? { ...manager, role: 'manager' as const } : { id: 'rep-001', name: '销售代表 1', role: 'rep' as const };
  await writeSetting(db, 'profile', profile);
  db.close();
  return { database, reps, today, counts, own, generateMs, writeMs, validated };
}

window.fieldkitBench = { seed, measure, today: () => todayOf() };
document.title = 'fieldkit views bench: ready';
