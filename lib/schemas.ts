/**
 * Every record Fieldkit stores or exchanges, as zod schemas; each type is `z.infer` of its schema.
 * Import from the specific file inside lib/ (cheaper for bundles); this index is the catalogue.
 */
export * from './kernel/record';
export * from './dealers/schema';
export * from './visits/schema';
export * from './reports/diary-schema';
export * from './intel/schema';
export * from './reports/schema';
export * from './rules/rule-set-schema';
export * from './rules/assessment-schema';
export * from './store/outbox';
export * from './store/audit';
export * from './store/settings-schema';
