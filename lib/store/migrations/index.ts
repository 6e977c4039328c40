import type { Transaction } from 'dexie';
import { V1 } from './001-initial';
import { V2 } from './002-visit-weeks';
import { V3 } from './003-score-index';
import { V4 } from './004-registry';
import { V5 } from './005-dealer-facts';
import { V6 } from './006-dealer-kpi-snapshots';
import { V7 } from './007-review-roles-photos';
import { V8 } from './008-report-sources';
import { V9 } from './009-intel-dictionary';
import { V10 } from './010-visit-months';

export interface Migration {
  version: number;
  /** Only the tables this version changes; Dexie composes versions. */
  stores: Readonly<Record<string, string>>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Every shipped schema version, oldest first. */
export const MIGRATIONS: readonly Migration[] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10];

export const CURRENT_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Tables the store itself owns (not record kinds): the outbox, the audit trail, settings. */
export const SYSTEM_STORES = {
  outbox: 'id, &[table+recordId], [status+nextAttemptAt], status',
  audit: 'id, at, recordId',
  settings: 'key',
} as const;
