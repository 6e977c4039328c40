/**
 * The admin's deadline rules as a record kind (read and saved through ./deadline-store.ts), shared by the whole team: one record (`deadlineRules`, a fixed id)
 * holding the overrides by subject, synced to the CRM like every record so every device judges
 * and reminds by the same rules. Each rule is checked when read (`deadlineRulesFrom`): one that is
 * not valid leaves that subject at its default and is named. Before any admin saved rules, the
 * device's own settings row (`deadlineRules`, from before rules were shared) still applies.
 */
import { z } from '../kernel/zod';
import { recordBase } from '../kernel/record';
import { defineKind, type ReadableRecord, type RenderContext } from '../store/kind';
import { defineQuery } from '../store/query';
import { field, present } from '../store/readable';
import { deadlineRulesFrom, isDeadlineSubject } from './deadline-rules';
import { describeDeadline, subjectName } from './deadline-words';

/** The one record's id: every device writes the same row, so there is one rule set per team. */
export const DEADLINE_RULES_ID = '01JD0000000000000000DEAD00';

export const DeadlineRuleSet = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  /** Overrides by subject; absent subjects use the brief's defaults. Values checked when read. */
  rules: z.record(z.string().max(64), z.unknown()),
});
export type DeadlineRuleSet = z.infer<typeof DeadlineRuleSet>;

function renderRuleSet(set: DeadlineRuleSet, { locale }: RenderContext): ReadableRecord {
  const { rules, problems } = deadlineRulesFrom(set.rules);
  const invalid = new Set(problems.map((p) => p.subject));
  const changed = Object.keys(set.rules).filter((s) => isDeadlineSubject(s) && !invalid.has(s));
  return {
    title: { 'zh-CN': 'Fieldkit 截止时间', en: 'Fieldkit deadlines' },
    lines: present(changed.map((subject) => field(subjectName(subject, 'zh-CN'), subjectName(subject, 'en'), describeDeadline(rules[subject as keyof typeof rules], locale)))),
  };
}

export const deadlineRuleSetKind = defineKind({
  name: 'deadlineRules',
  table: 'deadlineRuleSets',
  schema: DeadlineRuleSet,
  indexes: [],
  labels: { 'zh-CN': { one: '截止时间规则', other: '截止时间规则' }, en: { one: 'deadline rules', other: 'deadline rules' } },
  crm: {
    home: 'activity',
    findBy: 'recordId',
    dealerIdOf: () => undefined,
    timestampOf: (set) => set.updatedAt,
    render: renderRuleSet,
  },
});

/** The team's rule set, by its fixed id. */
export const teamDeadlineRules = defineQuery({
  name: 'reports.teamDeadlineRules',
  table: 'deadlineRuleSets',
  index: ':id',
  example: {},
  run: async (db): Promise<DeadlineRuleSet | undefined> => {
    const row = await db.deadlineRuleSets.get(DEADLINE_RULES_ID);
    return row && !row.deletedAt ? row : undefined;
  },
});

