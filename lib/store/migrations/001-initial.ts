/**
 * v1, as first shipped. A migration is never edited after it ships: add the next one (and a test
 * in test/unit/db-migrations.test.ts that opens a fixture of the previous shape).
 */
export const V1 = {
  version: 1,
  stores: {
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
  },
} as const;
