/**
 * The registry: every record kind Fieldkit stores, each declared once in its capability slice.
 * The store builds its tables from this list; the outbox, backup, sync and the CRM mapping read
 * it. To add a kind, declare it in its slice and list it here (docs/architecture.md).
 */
import type { KindDefinition } from './store/kind';
import { dealerKind, terminalKind } from './dealers/kind';
import { visitCardKind } from './visits/kind';
import { diaryEntryKind, reportKind, templateKind } from './reports/kind';
import { competitorKind, intelItemKind, productKind } from './intel/kind';
import { assessmentKind, ruleSetKind } from './rules/kind';

export const KINDS = [
  dealerKind,
  terminalKind,
  visitCardKind,
  diaryEntryKind,
  intelItemKind,
  competitorKind,
  productKind,
  reportKind,
  templateKind,
  ruleSetKind,
  assessmentKind,
] as const satisfies readonly KindDefinition[];

export type ProductKind = (typeof KINDS)[number];

import { visitQueries } from './visits/queries';
import { reportQueries } from './reports/queries';
import { intelQueries } from './intel/queries';
import { dealerQueries } from './dealers/queries';
import { ruleQueries } from './rules/queries';
import type { NamedQuery } from './store/query';

/** Every named query, for the convention test that proves each index is read by one. */
export const QUERIES: readonly NamedQuery<never, unknown>[] = [...visitQueries, ...reportQueries, ...intelQueries, ...dealerQueries, ...ruleQueries] as never;
