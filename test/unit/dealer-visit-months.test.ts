/**
 * The visit-month summary (lib/dealers/visit-months.ts) against a from-scratch computation: random
 * histories of writes — new cards, edits that move a card to another dealer, month or terminal,
 * tombstones, hard deletes, pulled cards (lib/sync/merge.ts), bulk writes, `modify`, a cleared
 * table — leave stored rows equal to the rows summarised from the cards as they are, equal to a
 * rebuild, and a panel built from them equal to one built from the raw cards.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { FieldkitDatabase as Database } from '../../lib/store/database';
import { CURRENT_VERSION } from '../../lib/store/migrations';
import { V9 } from '../../lib/store/migrations/009-intel-dictionary';
import { freshDatabase } from '../fixtures/records';
import { DEALER, FACTS, TERMINALS } from '../fixtures/dealer-history';
import { Dealer, Terminal } from '../../lib/dealers/schema';
import { VisitCard } from '../../lib/visits/schema';
import { deleteRecord, saveRecord } from '../../lib/store/records';
import { mergeRemoteRecord } from '../../lib/sync/merge';
import { loadDealerPanel, panelRuleSets, recentVisitsOf } from '../../lib/dealers/panel-data';
import { buildDealerPanel, panelCardMonths, panelWindow } from '../../lib/dealers/panel';
import { addCardToMonth, rebuildVisitMonths, summarizeVisitMonth, summarizeVisitMonths, VisitMonth } from '../../lib/dealers/visit-months';
import { visitMonthsOfDealer } from '../../lib/dealers/queries';
import { dealerVisitsInRange } from '../../lib/visits/queries';
import { daysOfMonth } from '../../lib/kernel/dates';
import { newId } from '../../lib/kernel/ids';
import type { FieldkitDatabase } from '../../lib/store/database';

const REP = { id: 'owner-101', name: '张伟' };
const AT = '2026-11-28T08:00:00.000Z';
const OTHER = Dealer.parse({ ...DEALER, id: '01JDD000000000000000000002', name: '华北润滑油经销有限公司', crm: undefined });
const OTHER_TERMINALS = [0, 1, 2].map((i) => Terminal.parse({ ...TERMINALS[i]!, id: `01JDT9${String(i).padStart(20, '0')}`, dealerId: OTHER.id }));
const DEALERS = [DEALER, OTHER];
const TERMINALS_OF = { [DEALER.id]: TERMINALS.slice(0, 4), [OTHER.id]: OTHER_TERMINALS };
/** Days of three months, a few each, so same-day ties and month moves both happen. */
const DAYS = ['2026-09-03', '2026-09-03', '2026-09-30', '2026-10-01', '2026-10-15', '2026-10-15', '2026-11-02', '2026-11-20', '2026-11-20', '2026-11-30'];
const SKUS = ['M1-4L', 'M2-4L', 'HX7'];

/** What a random card says: the fields the summary reads, and a note it does not. */
const cardFields = fc.record({
  dealer: fc.integer({ min: 0, max: 1 }),
  day: fc.constantFrom(...DAYS),
  terminal: fc.integer({ min: -1, max: 3 }),
  inventory: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  required: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), carried: fc.boolean() }), { maxLength: 3 }),
  note: fc.constantFrom('', '补货', '陈列'),
});
type CardFields = typeof cardFields extends fc.Arbitrary<infer T> ? T : never;

function draftOf(fields: CardFields) {
  const dealer = DEALERS[fields.dealer]!;
  const terminals = TERMINALS_OF[dealer.id]!;
  const terminal = fields.terminal >= 0 ? terminals[fields.terminal % terminals.length] : undefined;
  return {
    dealerId: dealer.id,
    ...(terminal ? { terminalId: terminal.id } : {}),
    visitDay: fields.day,
    isoWeek: '2026-W47',
    ...(fields.inventory !== undefined ? { currentInventory: fields.inventory } : {}),
    unit: '箱',
    orderedSkus: [],
    requiredSkus: fields.required,
    recentPurchases: [],
    actions: { checkedInventory: true, didDisplay: false, tookOrder: false, recommendedNewProducts: false },
    keyAccount: false,
    note: fields.note,
  };
}

const fullCard = (fields: CardFields, id = newId()): VisitCard => VisitCard.parse({ ...draftOf(fields), id, schemaVersion: 2, author: REP, createdAt: AT, updatedAt: AT });

type Step =
  | { op: 'save'; fields: CardFields }
  | { op: 'edit'; pick: number; fields: CardFields }
  | { op: 'tombstone'; pick: number }
  | { op: 'hardDelete'; pick: number }
  | { op: 'pull'; pick: number; fields: CardFields; fresh: boolean }
  | { op: 'bulk'; cards: CardFields[] }
  | { op: 'modify'; day: string }
  | { op: 'link'; picks: number[]; edit?: CardFields }
  | { op: 'clear' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('save' as const), fields: cardFields }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), fields: cardFields }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tombstone' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hardDelete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pull' as const), pick: fc.nat(), fields: cardFields, fresh: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bulk' as const), cards: fc.array(cardFields, { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('modify' as const), day: fc.constantFrom(...DAYS) }) },
  // The sync engine's settle: cards rewritten with a new CRM link (the summary skips those), and
  // the same write with the content changed too (which it must not skip).
  { weight: 2, arbitrary: fc.record({ op: fc.constant('link' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), edit: fc.option(cardFields, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

let pulled = 0;

async function apply(db: FieldkitDatabase, s: Step): Promise<void> {
  const ids = (await db.visitCards.toCollection().primaryKeys()) as string[];
  const picked = (pick: number) => (ids.length ? ids[pick % ids.length] : undefined);
  switch (s.op) {
    case 'save':
      await saveRecord(db, 'visitCards', draftOf(s.fields) as never, { author: REP });
      return;
    case 'edit': {
      const id = picked(s.pick);
      if (id) await saveRecord(db, 'visitCards', { ...draftOf(s.fields), id } as never, { author: REP });
      return;
    }
    case 'tombstone': {
      const id = picked(s.pick);
      if (id) await deleteRecord(db, 'visitCards', id, { author: REP });
      return;
    }
    case 'hardDelete': {
      const id = picked(s.pick);
      if (id) await db.visitCards.delete(id);
      return;
    }
    case 'pull': {
      // Another device's card, or another device's edit of one of ours, read back from the CRM.
      const id = s.fresh ? newId() : picked(s.pick) ?? newId();
      pulled += 1;
      const updatedAt = new Date(Date.parse('2027-01-01T00:00:00Z') + pulled * 1000).toISOString();
      const record = { ...fullCard(s.fields, id), author: { id: 'owner-202', name: '李娜' }, updatedAt };
      await mergeRemoteRecord(db, { table: 'visitCards', crmId: `n-${id}`, objectType: 'notes', modifiedAt: updatedAt, record }, Date.now());
      return;
    }
    case 'bulk':
      await db.visitCards.bulkPut(s.cards.map((fields) => fullCard(fields)));
      return;
    case 'modify':
      // A collection-wide rewrite (as a migration would do): every card of the other dealer moves to one day.
      await db.visitCards.where('[dealerId+visitDay]').between([OTHER.id, '0000-01-01'], [OTHER.id, '9999-12-31'], true, true).modify({ visitDay: s.day });
      return;
    case 'clear':
      await db.visitCards.clear();
      return;
    case 'link': {
      const rows = (await db.visitCards.bulkGet(s.picks.map(picked).filter((id): id is string => id !== undefined))).filter((row): row is VisitCard => row !== undefined);
      pulled += 1;
      const crm = { objectType: 'notes', objectId: `n-${pulled}`, syncedAt: AT, syncedVersion: AT };
      await db.visitCards.bulkPut(rows.map((row) => (s.edit ? { ...row, ...draftOf(s.edit), id: row.id, crm } : { ...row, crm })));
      return;
    }
  }
}

/** Every stored row, and the rows summarised from the cards as they are now. */
async function storedAndExpected(db: FieldkitDatabase) {
  const stored = await db.visitMonths.toArray();
  const expected = summarizeVisitMonths(await db.visitCards.toArray());
  return { stored, expected };
}

async function seedDealers(db: FieldkitDatabase) {
  await db.dealers.bulkPut(DEALERS);
  await db.terminals.bulkPut([...TERMINALS, ...OTHER_TERMINALS]);
  await db.dealerFacts.bulkPut(FACTS);
}

const NOW = new Date('2026-12-01T10:00:00Z');

/** The panel built from the raw cards, read without the summary: the from-scratch computation. */
async function panelFromCards(db: FieldkitDatabase, dealerId: string, period: string) {
  const dealer = (await db.dealers.get(dealerId))!;
  const cardMonths = panelCardMonths(period);
  const window = panelWindow(period);
  const cards = (await db.visitCards.toArray())
    .filter((c) => c.dealerId === dealerId && !c.deletedAt && c.visitDay >= daysOfMonth(cardMonths.from).first && c.visitDay <= daysOfMonth(cardMonths.to).last)
    .sort((a, b) => (a.visitDay === b.visitDay ? (a.id < b.id ? -1 : 1) : a.visitDay < b.visitDay ? -1 : 1));
  const terminals = (await db.terminals.where('dealerId').equals(dealerId).toArray()).filter((t) => !t.deletedAt);
  const facts = (await db.dealerFacts.toArray()).filter((f) => f.dealerId === dealerId && f.period >= window.from && f.period <= window.to);
  return buildDealerPanel({ dealer, terminals, cards, facts }, period, await panelRuleSets(db), { now: NOW, visits: recentVisitsOf(cards), intel: [] });
}

describe('the visit-month summary', () => {
  it('folds cards in any order to the same row, and leaves a month without live cards rowless', () => {
    const cards = DAYS.slice(0, 3).map((day, i) => fullCard({ dealer: 0, day, terminal: i - 1, inventory: 10 * i, required: [{ sku: 'M1-4L', carried: i === 1 }], note: '' }));
    const forward = summarizeVisitMonth(cards);
    expect(summarizeVisitMonth([...cards].reverse())).toEqual(forward);
    expect(forward).toMatchObject({ dealerId: DEALER.id, month: '2026-09', cards: 3, inventoryCount: { day: '2026-09-03', value: 0 } });
    expect(VisitMonth.safeParse(forward).success).toBe(true);
    expect(summarizeVisitMonth(cards.map((c) => ({ ...c, deletedAt: AT })))).toBeUndefined();
  });

  it('counts the latest card of a day, ties broken by the smaller id, however they are folded', () => {
    const [a, b] = [fullCard({ dealer: 0, day: '2026-11-20', terminal: -1, inventory: 5, required: [{ sku: 'HX7', carried: false }], note: '' }, '01JDC000000000000000000001'), fullCard({ dealer: 0, day: '2026-11-20', terminal: -1, inventory: 9, required: [], note: '' }, '01JDC000000000000000000002')];
    for (const order of [[a, b], [b, a]]) {
      const row = order.reduce<VisitMonth | undefined>((r, c) => addCardToMonth(r, c!), undefined)!;
      expect(row.inventoryCount).toEqual({ day: '2026-11-20', cardId: a!.id, value: 5 });
      expect(row.latestByCustomer['']!.notCarried).toEqual(['HX7']);
    }
  });

  it('stays equal to a from-scratch computation through random saves, edits, moves, deletes, pulls and bulk writes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = freshDatabase(`visit-months-${run++}`);
        try {
          await seedDealers(db);
          for (const s of steps) await apply(db, s);
          const { stored, expected } = await storedAndExpected(db);
          expect(stored).toEqual(expected);
          for (const row of stored) expect(VisitMonth.safeParse(row).success).toBe(true);
          // A rebuild from scratch (the v10 migration) finds nothing to change.
          await db.transaction('rw', [db.visitCards, db.visitMonths], (tx) => rebuildVisitMonths(tx));
          expect(await db.visitMonths.toArray()).toEqual(stored);
          for (const dealer of DEALERS) {
            for (const period of ['2026-09', '2026-10', '2026-11']) {
              expect(await loadDealerPanel(db, dealer.id, period, { now: NOW })).toEqual(await panelFromCards(db, dealer.id, period));
            }
          }
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('rolls back with the write that failed: a card and its summary commit together (Dexie hooks subscribed too)', async () => {
    const db = freshDatabase('visit-months-rollback');
    await seedDealers(db);
    // A subscribed hook puts Dexie's hooks middleware in the path: it reads the transaction's zone.
    const created: string[] = [];
    db.visitCards.hook('creating', (key) => void created.push(String(key)));
    const card = fullCard({ dealer: 0, day: '2026-11-02', terminal: 0, inventory: 1, required: [], note: '' });
    await expect(
      db.transaction('rw', db.visitCards, async () => {
        await db.visitCards.put(card);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.visitMonths.count()).toBe(0);
    await db.visitCards.put(card);
    expect(await visitMonthsOfDealer.run(db, { dealerId: DEALER.id, from: '2026-11', to: '2026-11' })).toEqual([summarizeVisitMonth([card])]);
    expect(await dealerVisitsInRange.run(db, { dealerId: DEALER.id, from: '2026-11-01', to: '2026-11-30' })).toEqual([card]);
    expect(created).toEqual([card.id, card.id]);
    await saveRecord(db, 'visitCards', { ...draftOf({ dealer: 0, day: '2026-11-03', terminal: 1, inventory: undefined, required: [], note: '' }) } as never, { author: REP });
    expect((await db.visitMonths.get([DEALER.id, '2026-11']))?.cards).toBe(2);
    await db.delete();
  });

  it('v9 → v10 builds the summary from every card already stored (tombstones left out)', async () => {
    const indexedDB = new IDBFactory();
    const v9 = new Dexie('fieldkit', { indexedDB, IDBKeyRange });
    v9.version(9).stores(V9.stores);
    const cards = DAYS.map((day, i) => fullCard({ dealer: i % 2, day, terminal: (i % 5) - 1, inventory: i % 3 ? i : undefined, required: [{ sku: SKUS[i % 3]!, carried: i % 2 === 0 }], note: '' }));
    cards[3] = { ...cards[3]!, deletedAt: AT };
    await v9.table('visitCards').bulkAdd(cards);
    v9.close();

    const db = new Database({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const rows = await db.visitMonths.toArray();
    expect(rows).toEqual(summarizeVisitMonths(cards));
    expect(rows.reduce((sum, row) => sum + row.cards, 0)).toBe(cards.length - 1);
    db.close();
  });
});
