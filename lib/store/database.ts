import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Dealer, Terminal } from '../dealers/schema';
import type { VisitCard } from '../visits/schema';
import type { DiaryEntry } from '../reports/diary-schema';
import type { IntelItem, Competitor, Product } from '../intel/schema';
import type { Report, Template } from '../reports/schema';
import type { OutboxEntry } from './outbox';
import type { AuditEvent } from './audit';
import type { Setting } from './settings-schema';
import type { RuleSet } from '../rules/rule-set-schema';
import type { AssessmentResult } from '../rules/assessment-schema';
import { STORES_V1, STORES_V2, STORES_V3 } from './migrations';
import { isoWeekOf } from '../kernel/dates';


export interface DatabaseOptions {
  name?: string;
  /** Tests pass a fresh `IDBFactory` so each test gets an isolated database. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export const DATABASE_NAME = 'fieldkit';

export class FieldkitDatabase extends Dexie {
  dealers!: EntityTable<Dealer, 'id'>;
  terminals!: EntityTable<Terminal, 'id'>;
  visitCards!: EntityTable<VisitCard, 'id'>;
  diaryEntries!: EntityTable<DiaryEntry, 'id'>;
  intelItems!: EntityTable<IntelItem, 'id'>;
  competitors!: EntityTable<Competitor, 'id'>;
  products!: EntityTable<Product, 'id'>;
  reports!: EntityTable<Report, 'id'>;
  templates!: EntityTable<Template, 'id'>;
  ruleSets!: Table<RuleSet, [string, number]>;
  assessments!: EntityTable<AssessmentResult, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  audit!: EntityTable<AuditEvent, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(options: DatabaseOptions = {}) {
    // Only pass the factories when given: Dexie treats an explicit `undefined` as "none".
    super(options.name ?? DATABASE_NAME, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {});
    this.version(1).stores(STORES_V1);
    this.version(2)
      .stores(STORES_V2)
      .upgrade(async (tx) => {
        await tx
          .table('visitCards')
          .toCollection()
          .modify((card: { visitDay: string; isoWeek?: string; schemaVersion: number }) => {
            card.isoWeek = isoWeekOf(card.visitDay);
            card.schemaVersion = 2;
          });
      });
    // Index change only: v1/v2 never wrote scores (no UI or engine stored them before v3).
    this.version(3).stores(STORES_V3);
  }
}

let shared: FieldkitDatabase | undefined;

/** The extension-origin database. Never opened from a content script (it would open the page's). */
export function getDatabase(): FieldkitDatabase {
  shared ??= new FieldkitDatabase();
  return shared;
}
