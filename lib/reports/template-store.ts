/**
 * Report templates as the product uses them: the active one of each kind, any version an entry
 * was written with, and saving an admin's edit as a new version (never over an old one).
 *
 * - A version is a record of its own (`templates` table, synced like other records so every
 *   device agrees); `familyId` ties the versions of one template together, `version` counts.
 * - An entry keeps the `id` and `version` of the record it was written with; `templateVersionOf`
 *   resolves that pair forever (built-ins included).
 * - The active template of a kind is the stored version with the latest activation mark
 *   (`activatedAt`; a later `deactivatedAt` on the active one means "the built-in again"), else
 *   the built-in. Saving a version activates it; an invalid one is refused before anything is
 *   written, so the previous stays active.
 */
import type { Author } from '../kernel/record';
import { newId } from '../kernel/ids';
import type { FieldkitDatabase } from '../store/database';
import { saveRecord, type RecordDraft } from '../store/records';
import { TEMPLATE_KINDS, type Template, type TemplateKind } from './schema';
import { builtInTemplate, builtInVersion, isBuiltInId, KIND_NAMES } from './templates';
import { templatesOfKind } from './queries';
import { templateById } from './template-queries';
import { validateTemplate, type TemplateValidation } from './template-validate';
import { upgradeTemplate } from './template-upgrade';

const DRAFT_AUTHOR = { id: 'fieldkit', name: 'Fieldkit' };

/** Every stored version of a kind's templates, oldest version first. */
export function storedTemplatesOf(db: FieldkitDatabase, kind: TemplateKind): Promise<Template[]> {
  return templatesOfKind.run(db, { kind });
}

/** The activation events of a kind's stored versions, latest last. */
function latestActivation(stored: readonly Template[]): Template | undefined {
  const events = stored.flatMap((template) => [
    ...(template.activatedAt ? [{ at: template.activatedAt, order: 1, template, active: true }] : []),
    ...(template.deactivatedAt ? [{ at: template.deactivatedAt, order: 0, template, active: false }] : []),
  ]);
  // Equal instants (two devices in one millisecond): an activation after a deactivation, then by id.
  events.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order || a.template.id.localeCompare(b.template.id));
  const last = events[events.length - 1];
  return last?.active ? last.template : undefined;
}

/** The template a new entry of `kind` is written with: the admin's active version, else the built-in. */
export async function activeTemplateOf(db: FieldkitDatabase, kind: TemplateKind): Promise<Template> {
  return latestActivation(await storedTemplatesOf(db, kind)) ?? builtInTemplate(kind);
}

/**
 * The exact template an entry was written with (its `templateId` and `templateVersion`): a
 * built-in version, a stored version by its record id, or — for an id that names a template
 * family — that family's version (the earliest saved when two devices both saved it).
 */
export async function templateVersionOf(db: FieldkitDatabase, templateId: string, version: number): Promise<Template | undefined> {
  const builtIn = builtInVersion(templateId, version);
  if (builtIn) return builtIn;
  const row = await templateById.run(db, { id: templateId });
  if (row && row.version === version) return row;
  const kinds = row ? [row.kind] : TEMPLATE_KINDS;
  for (const kind of kinds) {
    const match = (await storedTemplatesOf(db, kind)).filter((t) => t.familyId === templateId && t.version === version);
    if (match.length > 0) return match.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
  }
  return undefined;
}

/** One template across its versions, for the list in Options › Templates. */
export interface TemplateFamily {
  familyId: string;
  kind: TemplateKind;
  builtIn: boolean;
  /** Oldest first; a built-in has its one current version. */
  versions: Template[];
}

/** A kind's templates: the built-in, the admin's copies with their versions, and the active one. */
export interface KindTemplates {
  kind: TemplateKind;
  builtIn: Template;
  copies: TemplateFamily[];
  active: Template;
}

/** What Options › Templates lists, for every kind. */
export async function templateLibrary(db: FieldkitDatabase): Promise<KindTemplates[]> {
  return Promise.all(
    TEMPLATE_KINDS.map(async (kind) => {
      const stored = await storedTemplatesOf(db, kind);
      const families = new Map<string, TemplateFamily>();
      for (const template of stored) {
        let family = families.get(template.familyId);
        if (!family) families.set(template.familyId, (family = { familyId: template.familyId, kind, builtIn: false, versions: [] }));
        family.versions.push(template);
      }
      const copies = [...families.values()].sort((a, b) => a.versions[0]!.createdAt.localeCompare(b.versions[0]!.createdAt));
      return { kind, builtIn: builtInTemplate(kind), copies, active: latestActivation(stored) ?? builtInTemplate(kind) };
    }),
  );
}

/**
 * A new template copied from a built-in, not yet stored: a family of its own, version 1, the
 * built-in's sections, fields and parameters, named "… (copy)". The admin edits it and saves.
 */
export function copyBuiltIn(kind: TemplateKind, now: Date = new Date()): Template {
  const source = builtInTemplate(kind);
  const id = newId(now.getTime());
  const at = now.toISOString();
  return {
    id,
    schemaVersion: 2,
    author: DRAFT_AUTHOR,
    createdAt: at,
    updatedAt: at,
    kind,
    familyId: id,
    version: 1,
    basedOn: { id: source.id, version: source.version },
    name: { 'zh-CN': `${KIND_NAMES[kind]['zh-CN']}（副本）`, en: `${KIND_NAMES[kind].en} (copy)` },
    sections: structuredClone(source.sections),
    fields: structuredClone(source.fields),
    ...(source.deadlineSubject ? { deadlineSubject: source.deadlineSubject } : {}),
    ...(source.minKeyAccountVisits !== undefined ? { minKeyAccountVisits: source.minKeyAccountVisits } : {}),
    remindBeforeMinutes: source.remindBeforeMinutes,
  };
}

/**
 * The draft an edit starts from: a copy for a built-in; for a stored version, the same template
 * (same family) to be saved as its next version.
 */
export function draftFrom(template: Template, now: Date = new Date()): Template {
  if (isBuiltInId(template.familyId)) return copyBuiltIn(template.kind, now);
  const { activatedAt: _a, deactivatedAt: _d, crm: _c, ...rest } = structuredClone(template);
  return { ...rest, basedOn: { id: template.id, version: template.version } };
}

/** The stored-template draft `saveRecord` takes (identity, author and times are its own). */
type TemplateDraft = RecordDraft<'templates'>;

/**
 * Validates a template and stores it as a new version of its family (version = the family's
 * highest + 1; the first version's id is the family id), active from `now`. An invalid template
 * — or one that would change a built-in — writes nothing and answers with every problem, so the
 * previous version stays active.
 */
export async function saveTemplateVersion(db: FieldkitDatabase, candidate: unknown, author: Author, now: Date = new Date()): Promise<TemplateValidation> {
  const at = now.toISOString();
  const upgraded = upgradeTemplate(candidate);
  const proposed = typeof upgraded === 'object' && upgraded !== null ? (upgraded as Record<string, unknown>) : {};
  const familyId = typeof proposed.familyId === 'string' ? proposed.familyId : undefined;
  if (familyId && isBuiltInId(familyId)) {
    return {
      ok: false,
      problems: [{ path: 'familyId', message: { 'zh-CN': '内置模板不能直接修改，请先复制一份再改。', en: 'A built-in template cannot be changed; copy it first and edit the copy.' } }],
    };
  }
  // Identity and times are the store's: the candidate's are placeholders from its draft.
  const placeholderId = familyId ?? (typeof proposed.id === 'string' ? proposed.id : newId(now.getTime()));
  const checked = validateTemplate(
    typeof upgraded === 'object' && upgraded !== null
      ? { ...proposed, id: placeholderId, familyId: placeholderId, schemaVersion: 2, author, createdAt: at, updatedAt: at, version: 1, crm: undefined, activatedAt: undefined, deactivatedAt: undefined }
      : upgraded,
  );
  if (!checked.ok) return checked;
  const valid = checked.template;
  return db.transaction('rw', [db.templates, db.outbox, db.audit], async () => {
    const family = (await storedTemplatesOf(db, valid.kind)).filter((t) => t.familyId === valid.familyId);
    const version = Math.max(0, ...family.map((t) => t.version)) + 1;
    const taken = family.some((t) => t.id === valid.familyId) || (await templateById.run(db, { id: valid.familyId })) !== undefined;
    const { id: _id, schemaVersion: _s, author: _a, createdAt: _c, updatedAt: _u, crm: _crm, ...content } = valid;
    const draft: TemplateDraft = { ...content, id: taken ? newId(now.getTime()) : valid.familyId, version, activatedAt: at, deactivatedAt: undefined };
    const saved = await saveRecord(db, 'templates', draft, { author, now });
    return { ok: true as const, template: saved };
  });
}

/**
 * Makes a template the active one of its kind for every device: a stored version gets a fresh
 * activation mark; a built-in becomes active again by marking the currently active stored
 * version deactivated (nothing to write when the built-in is already active).
 */
export async function setActive(db: FieldkitDatabase, template: Pick<Template, 'id' | 'kind'>, author: Author, now: Date = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', [db.templates, db.outbox, db.audit], async () => {
    if (isBuiltInId(template.id)) {
      const active = latestActivation(await storedTemplatesOf(db, template.kind));
      if (active) await saveRecord(db, 'templates', { ...active, deactivatedAt: at }, { author, now });
      return;
    }
    const stored = await templateById.run(db, { id: template.id });
    if (!stored) throw new Error(`no stored template ${template.id}`);
    await saveRecord(db, 'templates', { ...stored, activatedAt: at }, { author, now });
  });
}
