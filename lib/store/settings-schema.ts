import { z } from '../kernel/zod';

export const LanguagePreference = z.enum(['auto', 'zh-CN', 'en']);
export type LanguagePreference = z.infer<typeof LanguagePreference>;

/**
 * Local settings, one row per key, each value with its own schema so a bad row can be named.
 * The CRM token is NOT a setting: it lives in the background's connection store and never
 * leaves it (see lib/sync/connection).
 */
export const SettingValues = {
  language: LanguagePreference,
  /**
   * Who is using this device. `role` is the user's own choice until an admin assigns roles
   * (lib/team/roles.ts: an assignment wins); `timeZone` (IANA) is where their deadlines fall,
   * absent: the device's zone.
   */
  profile: z.object({ id: z.string().min(1), name: z.string().min(1), role: z.enum(['rep', 'manager', 'admin']), timeZone: z.string().min(1).max(64).optional() }),
  /**
   * Deadline rules an admin changed, by subject (lib/reports/deadline-rules.ts); a subject absent
   * here uses the brief's default. Each value is checked by the deadline rules' own schema.
   */
  deadlineRules: z.record(z.string(), z.unknown()),
  /** Reminders: on or off, and quiet hours (local "HH:mm", from may be after to: overnight). */
  reminders: z.object({ enabled: z.boolean(), quietFrom: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), quietTo: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
  /** Which stored version of each rule set is active (id → version). */
  activeRuleSets: z.record(z.string(), z.number().int().positive()),
  /**
   * Column mappings of dealer-data imports the user confirmed, by import kind and header
   * signature, each target per column and when it was last used (lib/dealers/import/remembered.ts).
   */
  importColumnMappings: z.record(z.string(), z.object({ targets: z.array(z.string()), usedAt: z.string() })),
} as const;
export type SettingKey = keyof typeof SettingValues;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SettingValues)[K]>;

export const Setting = z.object({ key: z.string(), value: z.unknown() });
export type Setting = z.infer<typeof Setting>;

/**
 * A conflict copy (lib/sync/conflicts.ts), stored as `sync.conflict.<id>`. The losing version is
 * any synced record, so only what the sync panel reads is checked strictly; the record's own
 * fields are checked by its kind if someone copies it back.
 */
export const ConflictCopyValue = z.object({
  id: z.string().min(1),
  table: z.string().min(1),
  recordId: z.string().min(1),
  at: z.string().min(1),
  kept: z.enum(['local', 'remote']),
  keptVersion: z.string(),
  losingVersion: z.string(),
  losingAuthor: z.string(),
  losing: z.looseObject({ id: z.string().min(1), updatedAt: z.string().min(1), author: z.object({ id: z.string(), name: z.string() }) }),
});

/** The KPI snapshot refresh cursor (lib/dealers/kpi-snapshot.ts, same shape there). */
export const KpiRefreshCursorValue = z.object({ after: z.string(), passEndedAt: z.number().optional() });

/** Settings keyed by a prefix (many rows of one shape). */
const PREFIXED_SETTINGS: readonly { prefix: string; schema: z.ZodType }[] = [{ prefix: 'sync.conflict.', schema: ConflictCopyValue }];

/** Other settings rows that have one key each, outside the typed `SettingValues` of readSetting. */
const OTHER_SETTINGS: Readonly<Record<string, z.ZodType>> = { 'dealers.kpiRefresh': KpiRefreshCursorValue };

/**
 * The schema of a settings row's value, by its key: every row written or imported is checked
 * against it, so a bad row is named instead of breaking whatever reads it later. Undefined: a key
 * no Fieldkit version writes (refused on import). Device-only sync rows (`sync.*` other than
 * conflict copies) never travel in backups; the sync engine types them itself.
 */
export function settingSchemaFor(key: string): z.ZodType | undefined {
  if (Object.hasOwn(SettingValues, key)) return SettingValues[key as SettingKey];
  if (Object.hasOwn(OTHER_SETTINGS, key)) return OTHER_SETTINGS[key];
  return PREFIXED_SETTINGS.find((entry) => key.startsWith(entry.prefix))?.schema;
}

/** Checks one settings row against its key's schema; the first problem, with its path inside the value. */
export function checkSettingRow(row: Setting): { ok: true; value: unknown } | { ok: false; path: PropertyKey[]; message: string } {
  const schema = settingSchemaFor(row.key);
  if (!schema) return { ok: false, path: ['key'], message: `unknown setting "${row.key}"` };
  const parsed = schema.safeParse(row.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, path: ['value', ...issue.path], message: `setting "${row.key}": ${issue.message}` };
}
