/**
 * Numbered schema versions of the Fieldkit database. Each version lists only what it changes;
 * Dexie composes them. A version is never edited after it ships: add a new one and a test in
 * test/unit/db-migrations.test.ts that opens a fixture of the previous version.
 *
 * Index design follows the product's queries:
 * - a dealer's visits by date            → visitCards [dealerId+visitDay]
 * - a rep's records by ISO week          → visitCards / diaryEntries / reports [author.id+isoWeek]
 * - intel by competitor + SKU + date     → intelItems [competitorName+sku+observedDay]
 * - the outbox by status + next attempt  → outbox [status+nextAttemptAt]
 */
export const STORES_V1 = {
  dealers: 'id, name, responsibleRepId, crm.objectId, remoteModifiedAt, updatedAt',
  terminals: 'id, dealerId',
  visitCards: 'id, [dealerId+visitDay], [author.id+visitDay], visitDay, updatedAt',
  diaryEntries: 'id, [author.id+isoWeek], [author.id+content.kind+periodStart], status, updatedAt',
  intelItems: 'id, [competitorName+sku+observedDay], observedDay, dealerId, updatedAt',
  competitors: 'id, name',
  products: 'id, sku, competitorId',
  reports: 'id, [author.id+isoWeek], kind, updatedAt',
  templates: 'id, kind',
  ruleSets: '[id+version], id',
  assessments: 'id, [subjectId+period], ruleSetId, updatedAt',
  outbox: 'id, &[table+recordId], [status+nextAttemptAt], status',
  audit: 'id, at, recordId',
  settings: 'key',
} as const;

/** v2: visit cards carry their ISO week so a rep's week loads from one index range. */
export const STORES_V2 = {
  visitCards: 'id, [dealerId+visitDay], [author.id+visitDay], [author.id+isoWeek], visitDay, updatedAt',
} as const;

/**
 * v3: stored scores are `AssessmentResult`s, whose subject is an object; index its id with the
 * period ("this rep's scores by month") and the rule-set version a score was computed with.
 */
export const STORES_V3 = {
  assessments: 'id, [subject.id+period], [ruleSetId+ruleSetVersion], updatedAt',
} as const;

export const CURRENT_VERSION = 3;
