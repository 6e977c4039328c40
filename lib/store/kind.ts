/**
 * A record kind, declared once: its table and indexes, zod schema (and so its version), the
 * fields derived on every save, how it is named in both languages, and how it maps to the CRM.
 * The store, the outbox, backup, sync and the CRM adapter all read these declarations; nothing
 * else lists kinds. `lib/kinds.ts` is the registry of the product's kinds.
 */
import type { z } from '../kernel/zod';
import type { DBCore, Middleware } from 'dexie';
import type { FieldkitDatabase } from './database';
import type { Locale } from '../kernel/i18n';

/** A noun in one language: "visit card" / "visit cards"; Chinese uses the same word for both. */
export interface KindNoun {
  one: string;
  other: string;
}

/**
 * One labelled line of a record as a CRM user without Fieldkit reads it. The label is Fieldkit's
 * own vocabulary, declared in both languages like every message bundle (the note shows the one of
 * the record's language); the value is already in the record's language (dates, prices, yes/no)
 * or is what the user typed.
 */
export interface ReadableLine {
  label: Record<Locale, string>;
  value: string;
}

/** A headed part of a readable record: a list of items and/or a paragraph, in the record's language. */
export interface ReadableSection {
  heading: Record<Locale, string>;
  items?: string[];
  text?: string;
}

/**
 * What a CRM user without Fieldkit reads on the dealer's timeline; the adapter formats it in one
 * language, `locale`. The title is one of the kinds' titles (the same words head the note and
 * name it in its footer).
 */
export interface ReadableRecord {
  title: Record<Locale, string>;
  /** Labelled lines under the title. */
  lines: ReadableLine[];
  /** Headed parts after the lines (a weekly report's summary, plan, key-account visits …). */
  sections?: ReadableSection[];
  /** The day or period the record is about, as its reader writes it ("2026年11月20日"). */
  date?: string;
  /** Who wrote it, as the note names them (a rep who never set a name reads as 我 / Me). */
  author?: string;
  /**
   * The language the note is written in. The engine sets it from the render context, so a
   * kind's rendering need not; absent, zh-CN.
   */
  locale?: Locale;
}

/** What a kind's rendering gets from the engine besides the record. */
export interface RenderContext {
  /** The record's language: every word of the rendering is in it. */
  locale: Locale;
  /**
   * A dealer's name by its local id, for the dealers the mapping names (`dealerIdOf`,
   * `dealerIdsNamedIn`); undefined for one this device does not know. Ids never reach the text.
   */
  dealerName(id: string): string | undefined;
}

/**
 * How a kind lives in the CRM, in CRM-agnostic words:
 * - `activity`: an entry on its dealer's CRM timeline, found again by the record's own id
 *   (the lookup that makes a lost create safe to retry);
 * - `dealer`: the dealer (customer) record itself, found by the CRM id it was pulled with;
 * - `dealerFields`: named fields ON its dealer's CRM record (a HubSpot company's properties),
 *   found by the dealer's CRM id. Nothing is created or deleted in the CRM: every push is an update
 *   of fields the dealer's record already has, so it is idempotent and needs no lookup, and it is
 *   never pulled back as a record (the CRM's lists, reports and workflows read the fields).
 */
export type CrmMapping<R> =
  | {
      home: 'activity';
      findBy: 'recordId';
      /** The dealer the activity belongs to: its association in the CRM. */
      dealerIdOf(record: R): string | undefined;
      /** Other dealers the readable rendering names (a weekly report's key-account visits). */
      dealerIdsNamedIn?(record: R): string[];
      /** When the activity happened (ISO instant): its place on the CRM timeline. */
      timestampOf(record: R): string;
      render(record: R, context: RenderContext): ReadableRecord;
      /**
       * Media the record carries (a screenshot, a photo) that reach the CRM as files attached to
       * the activity, never inside its text or its structured copy: `fields` are left out of what
       * the CRM stores (and kept locally when a pulled copy lacks them), `of` lists the files.
       */
      attachments?: AttachmentMapping<R>;
    }
  | {
      home: 'dealer';
      findBy: 'crmId';
      render(record: R, context: RenderContext): ReadableRecord;
    }
  | {
      home: 'dealerFields';
      findBy: 'dealerCrmId';
      /** The dealer whose CRM record holds the fields; a dealer not linked to one has nowhere to write them. */
      dealerIdOf(record: R): string;
      /**
       * The fields to write, by CRM-agnostic name, every one of them every time (so a field that
       * must become empty is sent as `''`, which clears it). The CRM adapter maps each name to
       * one of its own fields and refuses a record that names one it has none for.
       */
      fieldsOf(record: R): Readonly<Record<string, string | number>>;
      render(record: R, context: RenderContext): ReadableRecord;
    };

/** One file a record attaches to its CRM activity: a data URL (`data:image/jpeg;base64,…`). */
export interface RecordAttachment {
  /** Which of the record's media this is (`screenshot`); with the record id and content it names the file. */
  name: string;
  dataUrl: string;
}

export interface AttachmentMapping<R> {
  /** Top-level fields holding media: omitted from the CRM's structured copy, kept whole locally. */
  fields: readonly string[];
  /** The files to attach for this version of the record (none: nothing is attached or removed). */
  of(record: R): RecordAttachment[];
  /**
   * Media kept in rows of their own (a visit card's display photos), read when the record is
   * pushed and attached after `of`'s. Whatever changes them must save the record too, so that it
   * is queued (saveVisitCard saves the card with its photos).
   */
  related?(db: FieldkitDatabase, record: R): Promise<RecordAttachment[]>;
}

/** Any zod object schema of a stored row. */
export type RowSchema = z.ZodObject;

export interface KindDefinition<S extends RowSchema = RowSchema> {
  /** Stable singular name: the CRM record type, audit and labels key. Never renamed once shipped. */
  name: string;
  /** The Dexie table. */
  table: string;
  schema: S;
  /** Primary key: `id` (the default) or a compound key such as `[id+version]`. */
  primaryKey?: string;
  /**
   * Dexie index specs, beyond the primary key. Each must be read by a named query
   * (test/conventions/registry.test.ts proves it); add indexes for queries, not just in case.
   */
  indexes: readonly string[];
  /** Fields computed from others on every save (e.g. the ISO week of the visit day). */
  derive?(record: z.input<S>): Partial<z.input<S>>;
  labels: Record<Locale, KindNoun>;
  /** Absent: the kind stays on this device (and in backups). */
  crm?: CrmMapping<z.infer<S>>;
  /** Backed up and restored by Options › Backup (default true). */
  backup?: boolean;
  /**
   * Records with an author, created/updated times and a tombstone (`recordBase`): written with
   * `saveRecord`, listed, opened, edited and deleted by users. False for configuration rows
   * such as rule-set versions that have their own writers.
   */
  authored?: boolean;
  /**
   * For a kind derived from other tables (the visit-month summary): the DBCore middleware that
   * keeps it right on every write to them, installed by the store with the kind.
   */
  maintainedBy?: Middleware<DBCore>;
}

/** Keeps the table name (and a compound primary key) as literal types for the typed database. */
export type DefinedKind<S extends RowSchema, T extends string, P extends string | undefined> = KindDefinition<S> & { table: T; primaryKey: P };

export function defineKind<S extends RowSchema, const T extends string, const P extends string | undefined = undefined>(
  definition: KindDefinition<S> & { table: T; primaryKey?: P },
): DefinedKind<S, T, P> {
  return definition as DefinedKind<S, T, P>;
}

/** The schema version a kind writes: the literal of its schema's `schemaVersion` field. */
export function schemaVersionOf(kind: KindDefinition): number | undefined {
  const field = (kind.schema.shape as Record<string, unknown>).schemaVersion as { def?: { type?: string; values?: unknown[] } } | undefined;
  const value = field?.def?.type === 'literal' ? field.def.values?.[0] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** The Dexie store spec of a kind: primary key first, then its indexes. */
export function storeSpecOf(kind: KindDefinition): string {
  return [kind.primaryKey ?? 'id', ...kind.indexes].join(', ');
}

/** Index names a spec declares, without Dexie's modifiers (`&` unique, `*` multi-entry). */
export function indexNamesOf(kind: KindDefinition): string[] {
  return kind.indexes.map((spec) => spec.replace(/^[&*]/, ''));
}

/**
 * Whether a saved version of a record must be queued for the CRM: kinds with a CRM mapping do,
 * except a dealer no CRM dealer is linked to (dealers come from the CRM; one added in Fieldkit
 * stays local until it is linked). A `dealerFields` record is queued even so: whether its dealer
 * is linked is decided when the entry is claimed (lib/sync/batch.ts), from the dealer as it is then.
 */
export function needsSync(kind: KindDefinition, record: { crm?: unknown }): boolean {
  if (!kind.crm) return false;
  return kind.crm.home !== 'dealer' || record.crm !== undefined;
}
