/**
 * Reading and saving the team's deadline rules (the record kind is in ./deadline-kind.ts).
 */
import type { Author } from '../kernel/record';
import type { FieldkitDatabase } from '../store/database';
import { saveRecord } from '../store/records';
import { readSetting } from '../store/settings';
import { DEADLINE_RULES_ID, teamDeadlineRules } from './deadline-kind';

export { DEADLINE_RULES_ID, teamDeadlineRules };

/** The overrides in force: the team's shared rules, else this device's older settings row. */
export async function readDeadlineOverrides(db: FieldkitDatabase): Promise<Record<string, unknown>> {
  const shared = await teamDeadlineRules.run(db, {});
  return shared ? shared.rules : readSetting(db, 'deadlineRules');
}

/** Saves the team's overrides (an admin's change, shown as such in the CRM note). */
export async function saveDeadlineOverrides(db: FieldkitDatabase, rules: Record<string, unknown>, author: Author): Promise<void> {
  await saveRecord(db, 'deadlineRuleSets', { id: DEADLINE_RULES_ID, rules }, { author });
}
