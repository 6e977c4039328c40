import { z } from '../kernel/zod';
import { Day, Id, Instant, IsoWeek, Month, recordBase } from '../kernel/record';

/**
 * A generated report (one-click weekly report, team roll-up, competitive analysis). It keeps the
 * ids of the records it was built from so a reader can drill down and a rebuild can be compared.
 *
 * A team roll-up (./rollup-store.ts) is one record per manager and period — its id is derived
 * from the author, kind and period — so posting it again updates the same CRM note.
 */
export const Report = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  kind: z.enum(['weekly', 'teamRollup', 'competitorAnalysis']),
  isoWeek: IsoWeek.optional(),
  /** The month a monthly report (or roll-up) covers. */
  month: Month.optional(),
  /** The period it covers: a week (Monday to Sunday) or a month. */
  period: z.object({ kind: z.enum(['weekly', 'monthly']), start: Day, end: Day }).optional(),
  title: z.string().min(1).max(200),
  /** Editable body as structured sections; export renders them. */
  sections: z.array(z.object({ heading: z.string(), lines: z.array(z.string()) })).default([]),
  sourceRecordIds: z.array(Id).default([]),
  generatedAt: Instant,
  postedAt: Instant.optional(),
});
export type Report = z.infer<typeof Report>;

/** The report kinds a template shapes (the kinds of diary entry, ./diary-schema.ts). */
export const TEMPLATE_KINDS = ['daily', 'weekly', 'monthly', 'inspection'] as const;
export const TemplateKind = z.enum(TEMPLATE_KINDS);
export type TemplateKind = z.infer<typeof TemplateKind>;

/** The field types an admin can add to a template. */
export const FIELD_TYPES = ['text', 'number', 'choice', 'skuChecklist', 'customer', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * Words a reader sees, in both languages. The structural schema accepts empty strings: an empty
 * label is one of the reasons `validateTemplate` (./template-validate.ts) gives, in words.
 */
export const LocalText = z.object({ 'zh-CN': z.string().max(400), en: z.string().max(400) });
export type LocalText = z.infer<typeof LocalText>;

/**
 * One of the report kind's own sections (e.g. the daily report's `todayWork`), keyed by its
 * content field. The editor for the kind draws it; the template only says how: its label (absent:
 * the product's own words), a hint, whether it must be filled before submitting, and — in a
 * copy — whether it is hidden. A required section cannot be hidden.
 */
export const TemplateSection = z.object({
  key: z.string().max(64),
  label: LocalText.optional(),
  hint: LocalText.optional(),
  required: z.boolean(),
  hidden: z.boolean().optional(),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

/** One answer of a choice field: `value` is what an entry stores, the label what people read. */
export const TemplateChoice = z.object({ value: z.string().max(64), label: LocalText });
export type TemplateChoice = z.infer<typeof TemplateChoice>;

/**
 * A field an admin added. Its value lives in the entry's `extra[key]`:
 * text → string; number → number (in `unit`); choice → a choice's `value`; skuChecklist →
 * `{ [sku]: boolean }` (carried / not carried, every SKU answered when required); customer → a
 * dealer id; date → YYYY-MM-DD. `type` is a plain string here so a template from a newer
 * Fieldkit still loads; `validateTemplate` refuses a type it does not know.
 */
export const TemplateField = z.object({
  key: z.string().max(64),
  type: z.string().max(32),
  label: LocalText,
  hint: LocalText.optional(),
  required: z.boolean(),
  unit: z.string().max(40).optional(),
  choices: z.array(TemplateChoice).max(200).optional(),
  skus: z.array(z.string().max(200)).max(500).optional(),
});
export type TemplateField = z.infer<typeof TemplateField>;

/**
 * A report template (schema version 2): the kind's sections with their labels, hints, required
 * and hidden flags, the fields an admin added, which deadline rule applies (the rule itself is
 * edited in Options › Deadlines, settings `deadlineRules`), and the reminder and key-account
 * parameters.
 *
 * Versions: every saved version is its own record and is never edited again (only its
 * activation marks change). `familyId` names the template across versions (the first version's
 * id; a built-in's own id), `version` counts up within the family. An entry keeps the `id` and
 * `version` of the exact record it was written with (`DiaryEntry.templateId`/`templateVersion`),
 * so it renders with that version forever (./template-store.ts `templateVersionOf`).
 *
 * Activation (synced like the rest, so every device agrees): the active template of a kind is
 * the one with the latest activation mark among the kind's stored versions — `activatedAt` makes
 * that version active, `deactivatedAt` (set on the version that was active) goes back to the
 * built-in. No stored version: the built-in (./templates.ts).
 *
 * Stored rows of schema version 1 are upgraded in code (`upgradeTemplate`, ./template-upgrade.ts).
 */
export const Template = z.object({
  ...recordBase,
  schemaVersion: z.literal(2),
  kind: TemplateKind,
  familyId: Id,
  version: z.number().int().positive(),
  /** The version this one was copied or edited from (a built-in's id for a first copy). */
  basedOn: z.object({ id: Id, version: z.number().int().positive() }).optional(),
  name: LocalText,
  sections: z.array(TemplateSection).max(40),
  fields: z.array(TemplateField).max(200).default([]),
  /**
   * The deadline subject (lib/reports/deadline-rules.ts) this template's reports answer to;
   * absent: the kind's own, by the author's role (`subjectOfDiary`).
   */
  deadlineSubject: z.string().max(64).optional(),
  minKeyAccountVisits: z.number().int().nonnegative().optional(),
  remindBeforeMinutes: z.number().int().nonnegative().default(60),
  activatedAt: Instant.optional(),
  deactivatedAt: Instant.optional(),
});
export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;

/** The shape stored before schema version 2 (kept to read old rows; see ./template-upgrade.ts). */
export const TemplateV1 = z.object({
  ...recordBase,
  schemaVersion: z.literal(1),
  kind: TemplateKind,
  name: z.string().min(1),
  version: z.number().int().positive(),
  deadline: z.unknown().optional(),
  requiredFields: z.array(z.string()).default([]),
  minKeyAccountVisits: z.number().int().nonnegative().optional(),
  remindBeforeMinutes: z.number().int().nonnegative().default(60),
});
export type TemplateV1 = z.infer<typeof TemplateV1>;
