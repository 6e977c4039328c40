/**
 * Reading templates stored in an older shape. Schema version 1 (before templates were editable)
 * kept a flat list of required content fields and its own deadline object; version 2 keeps the
 * kind's sections with their flags, the admin's fields, and names a deadline subject whose rule
 * lives in Options › Deadlines. A version-1 row is upgraded in code wherever one is read (the
 * store, sync, a backup), so it always parses; the database migration that rewrites stored rows
 * calls the same function.
 */
import { Template, TemplateV1, type TemplateKind } from './schema';
import { BUILT_IN_SECTIONS, KIND_NAMES } from './templates';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A version-1 row in the version-2 shape; anything else is returned as it is. The old deadline
 * object is dropped on purpose: deadline rules are edited in one place now (settings
 * `deadlineRules` by subject), and no version-1 template was ever editable, so the kind's own
 * rule is what it meant. The old name was the kind ("weekly") or a single string, used for both
 * languages.
 */
export function upgradeTemplate(row: unknown): unknown {
  if (!isRecord(row) || row.schemaVersion !== 1) return row;
  const old = TemplateV1.safeParse(row);
  if (!old.success) return row;
  const v1 = old.data;
  const kind: TemplateKind = v1.kind;
  const name = v1.name === kind ? KIND_NAMES[kind] : { 'zh-CN': v1.name, en: v1.name };
  return {
    id: v1.id,
    schemaVersion: 2,
    author: v1.author,
    createdAt: v1.createdAt,
    updatedAt: v1.updatedAt,
    ...(v1.deletedAt ? { deletedAt: v1.deletedAt } : {}),
    ...(v1.crm ? { crm: v1.crm } : {}),
    kind,
    familyId: v1.id,
    version: v1.version,
    name,
    sections: BUILT_IN_SECTIONS[kind].map((section) => ({ key: section.key, required: v1.requiredFields.includes(section.key) })),
    fields: [],
    ...(v1.minKeyAccountVisits !== undefined ? { minKeyAccountVisits: v1.minKeyAccountVisits } : {}),
    remindBeforeMinutes: v1.remindBeforeMinutes,
  };
}

/** A stored row of either version as a version-2 template, or undefined when it is neither. */
export function parseTemplate(row: unknown): Template | undefined {
  const parsed = Template.safeParse(upgradeTemplate(row));
  return parsed.success ? parsed.data : undefined;
}
