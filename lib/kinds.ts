/**
 * The registry: every record kind Fieldkit stores, each declared once in its capability slice.
 * The store builds its tables from this list; the outbox, backup, sync and the CRM mapping read
 * it. To add a kind, declare it in its slice and list it here (docs/architecture.md).
 */
import type { KindDefinition } from './store/kind';
import { dealerFactsKind, dealerKind, terminalKind } from './dealers/kind';
import { dealerKpiKind } from './dealers/kpi-snapshot-kind';
import { visitMonthKind } from './dealers/visit-month-kind';
import { visitCardKind } from './visits/kind';
import { diaryEntryKind, reportKind, reviewEventKind, templateKind } from './reports/kind';
import { roleAssignmentKind } from './team/kind';
import { deadlineRuleSetKind } from './reports/deadline-kind';
import { visitPhotoKind } from './visits/photo';
import { intelItemKind } from './intel/kind';
import { competitorKind, productKind } from './intel/dictionary/kind';
import { assessmentKind, ruleSetKind } from './rules/kind';

export const KINDS = [
  dealerKind,
  terminalKind,
  dealerFactsKind,
  visitCardKind,
  visitMonthKind,
  visitPhotoKind,
  diaryEntryKind,
  reviewEventKind,
  intelItemKind,
  competitorKind,
  productKind,
  reportKind,
  templateKind,
  ruleSetKind,
  assessmentKind,
  dealerKpiKind,
  roleAssignmentKind,
  deadlineRuleSetKind,
] as const satisfies readonly KindDefinition[];

export type ProductKind = (typeof KINDS)[number];
