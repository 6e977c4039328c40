/**
 * The visit-month summary's declaration (./visit-months.ts): a kind like any other, so the store
 * builds its table from the registry, the convention test checks it, and backup leaves it out.
 */
import { defineKind } from '../store/kind';
import { VisitMonth } from './visit-months';
import { visitMonthsMiddleware } from './visit-months-middleware';

/** 经销商月度拜访汇总: derived from the visit cards, kept by a middleware, local to this device. */
export const visitMonthKind = defineKind({
  name: 'visitMonth',
  table: 'visitMonths',
  schema: VisitMonth,
  // One row per dealer and month, read as a range of one dealer's months: the key is the index.
  primaryKey: '[dealerId+month]',
  indexes: [],
  labels: { 'zh-CN': { one: '月度拜访汇总', other: '月度拜访汇总' }, en: { one: 'visit-month summary', other: 'visit-month summaries' } },
  // Computed from the cards, never typed by a person.
  authored: false,
  // Rebuilt from the cards a backup does keep (restoring the cards rebuilds it).
  backup: false,
  maintainedBy: visitMonthsMiddleware,
});
