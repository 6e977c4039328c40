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
