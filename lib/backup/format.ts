/**
 * The backup file: one versioned JSON document holding every local table except the outbox,
 * the audit trail and anything secret (the CRM token never lives in Dexie). Each table names the
 * schema its rows must satisfy, so an import is validated row by row before anything is written.
 */
import { z } from '../kernel/zod';
import { Dealer, Terminal } from '../dealers/schema';
import { VisitCard } from '../visits/schema';
import { DiaryEntry } from '../reports/diary-schema';
import { Competitor, IntelItem, Product } from '../intel/schema';
import { Report, Template } from '../reports/schema';
import { Setting } from '../store/settings-schema';
import { RuleSet } from '../rules/rule-set-schema';
import { AssessmentResult } from '../rules/assessment-schema';

export const BACKUP_FORMAT = 'fieldkit-backup';
export const BACKUP_VERSION = 1;


/** Tables in the order they are written; `key` is how rows are matched when merging. */
export const BACKUP_TABLES = {
  dealers: { schema: Dealer, key: 'id' },
  terminals: { schema: Terminal, key: 'id' },
  visitCards: { schema: VisitCard, key: 'id' },
  diaryEntries: { schema: DiaryEntry, key: 'id' },
  intelItems: { schema: IntelItem, key: 'id' },
  competitors: { schema: Competitor, key: 'id' },
  products: { schema: Product, key: 'id' },
  reports: { schema: Report, key: 'id' },
  templates: { schema: Template, key: 'id' },
  ruleSets: { schema: RuleSet, key: ['id', 'version'] },
  assessments: { schema: AssessmentResult, key: 'id' },
  settings: { schema: Setting, key: 'key' },
} as const;
export type BackupTable = keyof typeof BACKUP_TABLES;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `expected "${BACKUP_FORMAT}" — this is not a Fieldkit backup` }),
  version: z.number().int().positive(),
  exportedAt: z.iso.datetime({ offset: true }),
  appVersion: z.string(),
  tables: z.record(z.string(), z.array(z.unknown())),
});
export type BackupHeader = z.infer<typeof BackupHeader>;
