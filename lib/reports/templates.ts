import type { Template } from './schema';

const SYSTEM = { id: 'fieldkit', name: 'Fieldkit' };
const BUILT_IN_AT = '2026-11-01T00:00:00.000Z';

/**
 * Built-in report templates with the deadlines from the domain brief. They are data: an admin
 * edits a copy, never this list, and UI code reads deadlines from here rather than hard-coding.
 */
export const DEFAULT_TEMPLATES: Template[] = [
  {
    id: '01JBZZZZZZZZZZZZZZZZZZZZZ1',
    schemaVersion: 1, author: SYSTEM, createdAt: BUILT_IN_AT, updatedAt: BUILT_IN_AT,
    kind: 'daily', name: 'daily', version: 1,
    deadline: { time: '23:59' },
    requiredFields: ['todayWork', 'tomorrowPlan'],
    remindBeforeMinutes: 60,
  },
  {
    id: '01JBZZZZZZZZZZZZZZZZZZZZZ2',
    schemaVersion: 1, author: SYSTEM, createdAt: BUILT_IN_AT, updatedAt: BUILT_IN_AT,
    kind: 'weekly', name: 'weekly', version: 1,
    deadline: { dayOfWeek: 5, time: '18:00', graceUntil: { dayOffset: 3, time: '09:00', reasonRequired: true } },
    requiredFields: ['lastWeekSummary', 'nextWeekPlan', 'keyAccountVisits'],
    minKeyAccountVisits: 2,
    remindBeforeMinutes: 120,
  },
  {
    id: '01JBZZZZZZZZZZZZZZZZZZZZZ3',
    schemaVersion: 1, author: SYSTEM, createdAt: BUILT_IN_AT, updatedAt: BUILT_IN_AT,
    kind: 'monthly', name: 'monthly', version: 1,
    deadline: { dayOfMonth: 'last', time: '18:00' },
    requiredFields: ['results', 'problems', 'nextMonthPlan'],
    remindBeforeMinutes: 1440,
  },
  {
    id: '01JBZZZZZZZZZZZZZZZZZZZZZ4',
    schemaVersion: 1, author: SYSTEM, createdAt: BUILT_IN_AT, updatedAt: BUILT_IN_AT,
    kind: 'inspection', name: 'inspection', version: 1,
    deadline: { time: '23:59' },
    requiredFields: ['learned', 'handled', 'guided'],
    remindBeforeMinutes: 60,
  },
];
