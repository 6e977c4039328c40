/**
 * Every record Fieldkit stores or exchanges, as zod schemas; each type is `z.infer` of its schema.
 * Import from the specific file inside lib/ (cheaper for bundles); this index is the catalogue.
 */
export * from './common';
export * from './dealer';
export * from './visit-card';
export * from './diary';
export * from './intel';
export * from './report';
export * from './rule-set';
export * from './assessment';
export * from './outbox';
export * from './audit';
export * from './settings';
