import type { DiaryEntry, DiaryKind } from './diary-schema';
import type { VisitCard } from '../visits/schema';
import { cleanLines } from '../kernel/text';
import type { Locale } from '../kernel/i18n';
import { formatQuantity } from '../kernel/units';

type Grade = '' | 'A' | 'B' | 'C';
export interface SummaryRow { item: string; completion: string; problem: string }
export interface PlanRow { priority: string; support: string }
export interface KeyAccountRow { dealerId: string; day: string; purpose: string; outcome: string }
export interface GradeRow { dealerId: string; from: Grade; to: Grade }

export type DailyState = { kind: 'daily'; todayWork: string[]; tomorrowPlan: string[]; problems: string[] };
export type WeeklyState = {
  kind: 'weekly';
  lastWeekSummary: SummaryRow[];
  nextWeekPlan: PlanRow[];
  keyAccountVisits: KeyAccountRow[];
  gradeChanges: GradeRow[];
  lateReason: string;
};
export type MonthlyState = { kind: 'monthly'; results: string[]; problems: string[]; nextMonthPlan: string[]; localProposal: string };
export type InspectionState = { kind: 'inspection'; learned: string[]; handled: string[]; guided: string[] };
export type EditorState = DailyState | WeeklyState | MonthlyState | InspectionState;

type Content = DiaryEntry['content'];
/** Words the prefill writes into the report, in the UI language (the editor's translator). */
type Translate = (key: 'outcomeOrdered', vars: { quantity: string }) => string;

export const emptySummaryRow = (): SummaryRow => ({ item: '', completion: '', problem: '' });
export const emptyPlanRow = (): PlanRow => ({ priority: '', support: '' });
export const emptyKeyAccountRow = (day: string): KeyAccountRow => ({ dealerId: '', day, purpose: '', outcome: '' });
export const emptyGradeRow = (): GradeRow => ({ dealerId: '', from: '', to: '' });

/** The editor's starting point: the saved entry, or what the previous entry and the visits already say. */
export function initialState(
  kind: DiaryKind,
  entry: DiaryEntry | undefined,
  previous: DiaryEntry | undefined,
  visitsOfPeriod: readonly VisitCard[],
  t: Translate,
  locale: Locale,
): { state: EditorState; prefilledFromPlan: boolean } {
  const saved = entry?.content.kind === kind ? entry.content : undefined;
  const before = previous?.content.kind === kind ? previous.content : undefined;
  if (saved) {
    const state = stateFromContent(saved);
    // A generated draft stores 0 for a plan item no record speaks to (the schema needs a number): the rep says how far it got.
    const unknown = new Set((entry?.status === 'draft' ? (entry.snapshot?.plan ?? []) : []).filter((row) => row.suggestion === 'unknown').map((row) => row.item));
    if (state.kind === 'weekly' && unknown.size > 0)
      state.lastWeekSummary = state.lastWeekSummary.map((row) => (unknown.has(row.item) && row.completion === '0' ? { ...row, completion: '' } : row));
    return { state, prefilledFromPlan: false };
  }
  switch (kind) {
    case 'daily': {
      // Yesterday's plan for tomorrow is today's starting list of work.
      const plan = before?.kind === 'daily' ? cleanLines(before.tomorrowPlan) : [];
      return { state: { kind, todayWork: plan, tomorrowPlan: [], problems: [] }, prefilledFromPlan: plan.length > 0 };
    }
    case 'weekly': {
      const plan = before?.kind === 'weekly' ? before.nextWeekPlan.filter((row) => row.priority.trim()) : [];
      return {
        state: {
          kind,
          lastWeekSummary: plan.map((row) => ({ item: row.priority, completion: '', problem: '' })),
          nextWeekPlan: [],
          keyAccountVisits: visitsOfPeriod
            .filter((card) => card.keyAccount && !card.deletedAt)
            .sort((a, b) => a.visitDay.localeCompare(b.visitDay))
            .map((card) => ({
              dealerId: card.dealerId,
              day: card.visitDay,
              purpose: card.note.slice(0, 500),
              outcome: card.orderQuantity ? t('outcomeOrdered', { quantity: formatQuantity(card.orderQuantity, card.unit, locale) }) : '',
            })),
          gradeChanges: [],
          lateReason: '',
        },
        prefilledFromPlan: plan.length > 0,
      };
    }
    case 'monthly':
      return { state: { kind, results: [], problems: [], nextMonthPlan: [], localProposal: '' }, prefilledFromPlan: false };
    case 'inspection':
      return { state: { kind, learned: [], handled: [], guided: [] }, prefilledFromPlan: false };
  }
}

function stateFromContent(content: Content): EditorState {
  switch (content.kind) {
    case 'daily':
      return { kind: 'daily', todayWork: content.todayWork, tomorrowPlan: content.tomorrowPlan, problems: content.problems };
    case 'weekly':
      return {
        kind: 'weekly',
        lastWeekSummary: content.lastWeekSummary.map((row) => ({ item: row.item, completion: String(row.completion), problem: row.problem })),
        nextWeekPlan: content.nextWeekPlan.map((row) => ({ ...row })),
        keyAccountVisits: content.keyAccountVisits.map((row) => ({ ...row })),
        gradeChanges: content.gradeChanges.map((row) => ({ dealerId: row.dealerId, from: row.from ?? '', to: row.to })),
        lateReason: content.lateReason ?? '',
      };
    case 'monthly':
      return { kind: 'monthly', results: content.results, problems: content.problems, nextMonthPlan: content.nextMonthPlan, localProposal: content.localProposal ?? '' };
    case 'inspection':
      return { kind: 'inspection', learned: content.learned, handled: content.handled, guided: content.guided };
  }
}

const isBlank = (text: string) => text.trim() === '';
const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
const isPercent = (text: string) => !isBlank(text) && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= 100;
const summaryRowUsed = (row: SummaryRow) => !isBlank(row.item) || !isBlank(row.completion) || !isBlank(row.problem);
const planRowUsed = (row: PlanRow) => !isBlank(row.priority) || !isBlank(row.support);
const keyAccountRowUsed = (row: KeyAccountRow) => row.dealerId !== '' || !isBlank(row.purpose) || !isBlank(row.outcome);
const gradeRowUsed = (row: GradeRow) => row.dealerId !== '' || row.to !== '';

/** Validation errors by path (e.g. "lastWeekSummary.0.completion"); a draft is held to less than a submission. */
export type EditorError =
  | 'errorBlankBeforeSubmit'
  | 'errorCompletion'
  | 'errorCompletionRequired'
  | 'errorDayRequired'
  | 'errorDealerRequired'
  | 'errorGradeRequired'
  | 'errorRequired'
  | 'errorLateReason'
  | 'errorReasonRequired';
/** Each error is a message key the editor translates (components/reports/messages.ts has them all). */
export type EditorErrors = Partial<Record<string, EditorError>>;

export function validate(state: EditorState, submit: boolean, requiredFields: readonly string[]): EditorErrors {
  const errors: EditorErrors = {};
  const required = new Set(requiredFields);
  const requireLines = (field: string, lines: string[]) => {
    if (submit && required.has(field) && cleanLines(lines).length === 0) errors[field] = 'errorRequired';
  };
  switch (state.kind) {
    case 'daily':
      requireLines('todayWork', state.todayWork);
      requireLines('tomorrowPlan', state.tomorrowPlan);
      requireLines('problems', state.problems);
      break;
    case 'monthly':
      requireLines('results', state.results);
      requireLines('problems', state.problems);
      requireLines('nextMonthPlan', state.nextMonthPlan);
      break;
    case 'inspection':
      requireLines('learned', state.learned);
      requireLines('handled', state.handled);
      requireLines('guided', state.guided);
      break;
    case 'weekly': {
      state.lastWeekSummary.forEach((row, i) => {
        if (!summaryRowUsed(row)) return;
        if (isBlank(row.completion)) {
          if (submit) errors[`lastWeekSummary.${i}.completion`] = 'errorCompletionRequired';
        } else if (!isPercent(row.completion)) errors[`lastWeekSummary.${i}.completion`] = 'errorCompletion';
        if (submit && isBlank(row.item)) errors[`lastWeekSummary.${i}.item`] = 'errorBlankBeforeSubmit';
        // Seed 000: each plan item with its completion and, when not done, the problem that held it back.
        if (submit && isPercent(row.completion) && Number(row.completion) < 100 && isBlank(row.problem)) errors[`lastWeekSummary.${i}.problem`] = 'errorReasonRequired';
      });
      if (submit && required.has('lastWeekSummary') && !state.lastWeekSummary.some(summaryRowUsed)) errors.lastWeekSummary = 'errorRequired';
      if (submit && required.has('nextWeekPlan') && !state.nextWeekPlan.some((row) => !isBlank(row.priority))) errors.nextWeekPlan = 'errorRequired';
      state.nextWeekPlan.forEach((row, i) => {
        if (submit && planRowUsed(row) && isBlank(row.priority)) errors[`nextWeekPlan.${i}.priority`] = 'errorBlankBeforeSubmit';
      });
      // "No field left blank" (seed 000) binds the submitted report; a draft may be half done.
      state.keyAccountVisits.forEach((row, i) => {
        if (!keyAccountRowUsed(row)) return;
        if (!row.dealerId) errors[`keyAccountVisits.${i}.dealerId`] = 'errorDealerRequired';
        if (!isDay(row.day)) errors[`keyAccountVisits.${i}.day`] = 'errorDayRequired';
        if (submit && isBlank(row.purpose)) errors[`keyAccountVisits.${i}.purpose`] = 'errorBlankBeforeSubmit';
        if (submit && isBlank(row.outcome)) errors[`keyAccountVisits.${i}.outcome`] = 'errorBlankBeforeSubmit';
      });
      state.gradeChanges.forEach((row, i) => {
        if (!gradeRowUsed(row)) return;
        if (!row.dealerId) errors[`gradeChanges.${i}.dealerId`] = 'errorDealerRequired';
        if (!row.to) errors[`gradeChanges.${i}.to`] = 'errorGradeRequired';
      });
      break;
    }
  }
  return errors;
}

/**
 * The stored content: trimmed, empty lines and rows dropped. A draft's blank completion is saved
 * as 0 because the schema needs a number; submitting requires a real one.
 */
export function toContent(state: EditorState): Content {
  switch (state.kind) {
    case 'daily':
      return { kind: 'daily', todayWork: cleanLines(state.todayWork), tomorrowPlan: cleanLines(state.tomorrowPlan), problems: cleanLines(state.problems) };
    case 'monthly': {
      const content: Content = { kind: 'monthly', results: cleanLines(state.results), problems: cleanLines(state.problems), nextMonthPlan: cleanLines(state.nextMonthPlan) };
      if (state.localProposal.trim()) content.localProposal = state.localProposal.trim();
      return content;
    }
    case 'inspection':
      return { kind: 'inspection', learned: cleanLines(state.learned), handled: cleanLines(state.handled), guided: cleanLines(state.guided) };
    case 'weekly': {
      const content: Content = {
        kind: 'weekly',
        lastWeekSummary: state.lastWeekSummary
          .filter(summaryRowUsed)
          .map((row) => ({ item: row.item.trim(), completion: isBlank(row.completion) ? 0 : Number(row.completion), problem: row.problem.trim() })),
        nextWeekPlan: state.nextWeekPlan.filter(planRowUsed).map((row) => ({ priority: row.priority.trim(), support: row.support.trim() })),
        keyAccountVisits: state.keyAccountVisits
          .filter(keyAccountRowUsed)
          .map((row) => ({ dealerId: row.dealerId, day: row.day, purpose: row.purpose.trim(), outcome: row.outcome.trim() })),
        gradeChanges: state.gradeChanges
          .filter(gradeRowUsed)
          .map((row) => (row.from ? { dealerId: row.dealerId, from: row.from, to: row.to as 'A' | 'B' | 'C' } : { dealerId: row.dealerId, to: row.to as 'A' | 'B' | 'C' })),
      };
      if (state.lateReason.trim()) content.lateReason = state.lateReason.trim();
      return content;
    }
  }
}

/** Number of key-account visits the weekly report lists (rows with a customer). */
export function keyAccountVisitCount(state: WeeklyState): number {
  return state.keyAccountVisits.filter((row) => row.dealerId).length;
}
