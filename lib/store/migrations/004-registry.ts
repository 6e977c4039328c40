/**
 * v4: the tables are built from the record-kind registry (lib/kinds.ts). Indexes no named query
 * reads are dropped (whole-table `updatedAt` / `visitDay` / `status` scans are gone); intel gains
 * a dealer's items by day and generated reports an author's reports by kind and time.
 * This is the registry's store spec frozen at v4: test/conventions/registry.test.ts fails when
 * the registry changes without a v5 here.
 */
export const V4 = {
  version: 4,
  stores: {
    dealers: 'id, name, crm.objectId',
    terminals: 'id, dealerId',
    visitCards: 'id, [dealerId+visitDay], [author.id+visitDay], [author.id+isoWeek]',
    diaryEntries: 'id, [author.id+isoWeek], [author.id+content.kind+periodStart]',
    intelItems: 'id, [competitorName+sku+observedDay], observedDay, [dealerId+observedDay]',
    competitors: 'id, name',
    products: 'id, sku, competitorId',
    reports: 'id, [author.id+kind+generatedAt]',
    templates: 'id, kind',
    ruleSets: '[id+version], id',
    assessments: 'id, [subject.id+period], [ruleSetId+ruleSetVersion]',
  },
} as const;
