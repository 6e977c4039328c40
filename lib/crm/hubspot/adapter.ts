/**
 * The HubSpot implementation of the CRM port (../port.ts): the only module in Fieldkit that knows HubSpot's
 * paths and shapes. It runs in the MV3 service worker (HubSpot's API allows no CORS from pages).
 *
 * Every answer is parsed with zod before it is returned; every failure is a CrmError; nothing is
 * retried here (the sync engine persists retries).
 */
import { CrmError, type RateLimitSnapshot } from '../errors';
import type { ConnectionInfo, CrmOwner, CrmPort, FoundRecord, Page, PushInput, PushResult, RecordStorage, RemoteDealer, RemoteRecord, SchemaReport } from '../port';
import type { z } from '../../kernel/zod';
import { createApis, type HubSpotApis } from './apis';
import { companyOf, companyProperties, COMPANY_READ_PROPERTIES, UnknownDealerField, type DealerUpdate } from './companies';
import { errorFromBatchItem, invalidResponse } from './errors';
import { createFilesApi, fileBudget, resolveAttachments, type AttachmentOutcome } from './files';
import { BODY_MARKER, BODY_READ_PROPERTIES, bodyModeProperties, keyOfBody, keyToken, pulledRecordOfBody } from './note-body';
import { companyAssociation, NOTE_READ_PROPERTIES, noteProperties, pulledRecordOf, storedId } from './notes';
import { COMPANY_PROPERTIES, GROUP_LABEL, GROUP_NAME, MAX_STRING, NOTE_PROPERTIES, type PropertySpec } from './properties';
import {
  AccountDetails,
  BatchResult,
  OwnersPage,
  PropertyBatch,
  PropertyGroup,
  PropertyList,
  SchemaList,
  SearchPage,
  type SimpleObject,
  type StandardError,
  TokenInfo,
} from './responses';
import { missingScopes } from './scopes';
import { Transport } from './transport';

export interface HubSpotAdapterOptions {
  /** Private-app access token. */
  token: string;
  /** Default https://api.hubapi.com; tests and the demo point it at the simulator. */
  baseUrl?: string;
  /** Default the global fetch (bound, so it also works in a service worker). */
  fetch?: typeof fetch;
  /** Called with the rate-limit headers of every response that has them. */
  onRateLimit?: (snapshot: RateLimitSnapshot) => void;
  /** Per-request timeout; a timeout is a `network` error. Default 30 s. */
  timeoutMs?: number;
  now?: () => number;
  /** How the search pacing waits (default a timer; tests on virtual time pass theirs). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where notes carry Fieldkit's record: its `fieldkit_*` note properties (default), or the note
   * body (./note-body.ts) on a portal that refuses custom note properties. `ensureSchema` finds out
   * and switches this adapter; the connection keeps the answer for the next adapter.
   */
  recordStorage?: RecordStorage;
}

const BATCH_MAX = 100;
/** Search pages are at most 200; 100 keeps one page ≈ one batch for the engine. */
const PAGE_SIZE = 100;
/** Bound on pages read in one call that loops (owners, local-id lookups). */
const MAX_PAGES = 50;
/**
 * Body mode looks records up by a CONTAINS_TOKEN filter each, one per filter group: HubSpot takes
 * at most 5 filter groups per search (docs/hubspot.md), so 5 records per search.
 */
const BODY_LOOKUP_GROUPS = 5;

async function parsed<S extends z.ZodType>(schema: S, what: string, call: () => Promise<unknown>): Promise<z.infer<S>> {
  let value: unknown;
  try {
    value = await call();
  } catch (e) {
    if (e instanceof CrmError) throw e;
    // The generated deserialisers throw SyntaxError/TypeError on bodies that are not JSON or not
    // the expected shape; anything else thrown here is a bug and must surface as such.
    if (e instanceof SyntaxError || e instanceof TypeError) throw invalidResponse(what, e.message);
    // Each generated module has its own ApiException class ("HTTP-Code: 200 …") for a 2xx body it
    // cannot map; the transport already turned every non-2xx answer into a CrmError.
    if (e instanceof Error && typeof (e as { code?: unknown }).code === 'number' && e.message.startsWith('HTTP-Code:')) {
      throw invalidResponse(what, e.message.split('\n')[1] ?? e.message);
    }
    throw e;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalidResponse(what, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function sinceFilter(sinceIso: string | undefined) {
  if (sinceIso === undefined) return undefined;
  const ms = Date.parse(sinceIso);
  if (Number.isNaN(ms)) throw new RangeError(`sinceIso is not an ISO instant: ${sinceIso}`);
  // GTE, not GT: two changes in the same millisecond must not be skipped; the caller de-duplicates.
  return { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(ms) };
}

/** Sort objects are what HubSpot documents; the generated type says string[]. */
const OLDEST_CHANGE_FIRST = [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }] as unknown as string[];

function ownerName(o: { id: string; firstName?: string; lastName?: string; email?: string }): string {
  const first = o.firstName?.trim() ?? '';
  const last = o.lastName?.trim() ?? '';
  // Chinese names read family name first with no space (张伟); Latin names first name first.
  if (/[\u3400-\u9fff]/.test(first + last)) return `${last}${first}`;
  return `${first} ${last}`.trim() || o.email || o.id;
}

function traceOf(e: StandardError): string | undefined {
  return e.context?.objectWriteTraceId?.[0];
}

export function createHubSpotAdapter(options: HubSpotAdapterOptions): CrmPort {
  const baseUrl = (options.baseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '');
  const transport = new Transport({
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 30_000,
    now: options.now ?? Date.now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onRateLimit: options.onRateLimit,
  });
  const api: HubSpotApis = createApis(baseUrl, options.token, transport);
  const files = createFilesApi(baseUrl, options.token, transport);
  const now = options.now ?? Date.now;
  let storage: RecordStorage = options.recordStorage ?? 'properties';
  const propertiesOf = async (input: PushInput, fileIds?: readonly string[]) =>
    storage === 'body' ? bodyModeProperties(input, fileIds) : noteProperties(input, fileIds);
  const recordOf = async (note: SimpleObject) => (storage === 'body' ? pulledRecordOfBody(note) : pulledRecordOf(note));
  /** Note properties a read asks for: the body holds the record in body mode. */
  const noteReadProperties = () => (storage === 'body' ? BODY_READ_PROPERTIES : NOTE_READ_PROPERTIES);

  /** The two calls the generated modules do not cover (account info, token info). */
  async function plainJson<S extends z.ZodType>(schema: S, what: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    return parsed(schema, what, async () => {
      const { text } = await transport.send(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return JSON.parse(text) as unknown;
    });
  }

  async function ensureGroup(objectType: string): Promise<boolean> {
    try {
      await parsed(PropertyGroup, `GET property group ${objectType}/${GROUP_NAME}`, () => api.propertyGroups.getByName(objectType, GROUP_NAME));
      return false;
    } catch (e) {
      if (!(e instanceof CrmError) || e.kind !== 'not-found') throw e;
    }
    try {
      await parsed(PropertyGroup, `create property group ${objectType}/${GROUP_NAME}`, () =>
        api.propertyGroups.create(objectType, { name: GROUP_NAME, label: GROUP_LABEL, displayOrder: -1 }),
      );
      return true;
    } catch (e) {
      // Another Fieldkit install created it between our read and our create.
      if (e instanceof CrmError && e.kind === 'conflict') return false;
      throw e;
    }
  }

  async function ensureProperties(objectType: string, specs: readonly PropertySpec[], conflicts: string[]): Promise<string[]> {
    const existing = await parsed(PropertyList, `list ${objectType} properties`, () => api.properties.getAll(objectType));
    const byName = new Map(existing.results.map((p) => [p.name, p]));
    for (const s of specs) {
      const have = byName.get(s.name);
      if (have && have.type !== s.type) conflicts.push(`${objectType}.${s.name} is ${have.type}, Fieldkit needs ${s.type}`);
    }
    const missing = specs.filter((s) => !byName.has(s.name));
    if (missing.length === 0) return [];
    const inputs = missing.map((s) => ({
      name: s.name,
      label: s.label,
      type: s.type,
      fieldType: s.fieldType,
      groupName: GROUP_NAME,
      description: s.description,
      ...(s.options ? { options: s.options.map((o, i) => ({ ...o, displayOrder: i, hidden: false })) } : {}),
      ...(s.hasUniqueValue ? { hasUniqueValue: true } : {}),
    }));
    const res = await parsed(PropertyBatch, `create ${objectType} properties`, () =>
      api.propertiesBatch.create(objectType, { inputs } as unknown as Parameters<HubSpotApis['propertiesBatch']['create']>[1]),
    );
    const failed = (res.errors ?? []).filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
    if (failed.length > 0) {
      throw new CrmError('validation', `HubSpot refused Fieldkit's ${objectType} properties: ${failed.map((e) => e.message).join('; ')}`, {
        ...(failed[0]?.category ? { category: failed[0].category } : {}),
      });
    }
    return res.results.map((p) => `${objectType}.${p.name}`);
  }

  async function detectCustomObjects(): Promise<boolean> {
    try {
      await parsed(SchemaList, 'list custom object schemas', () => api.schemas.getAll());
      return true;
    } catch (e) {
      // 403: no crm.schemas.custom.read, which only Enterprise portals can grant.
      if (e instanceof CrmError && (e.kind === 'forbidden' || e.kind === 'not-found')) return false;
      throw e;
    }
  }

  async function batchCreate(inputs: PushInput[], out: Map<string, PushResult>, fileIdsOf: (input: PushInput) => string[] | undefined): Promise<void> {
    const prepared: { input: PushInput; properties: Record<string, string> }[] = [];
    for (const input of inputs) {
      try {
        prepared.push({ input, properties: await propertiesOf(input, fileIdsOf(input)) });
      } catch (e) {
        out.set(input.localId, { localId: input.localId, ok: false, error: new CrmError('validation', String((e as Error).message)) });
      }
    }
    if (prepared.length === 0) return;
    const body = {
      inputs: prepared.map(({ input, properties }) => ({
        properties,
        objectWriteTraceId: input.localId,
        associations: [...new Set([...(input.dealerCrmId ? [input.dealerCrmId] : []), ...(input.coveredDealerCrmIds ?? [])])].map(companyAssociation),
      })),
    };
    const res = await parsed(BatchResult, 'batch create notes', () =>
      api.notesBatch.create(body as unknown as Parameters<HubSpotApis['notesBatch']['create']>[0]),
    );
    const byTrace = new Map<string, { id: string; updatedAt: Date }>();
    for (const r of res.results) {
      const key =
        r.objectWriteTraceId ??
        prepared.find((p) => storedId(p.input.localId) === r.properties.fieldkit_record_id || p.input.localId === keyOfBody(r.properties.hs_note_body))?.input.localId;
      if (key) byTrace.set(key, r);
    }
    const errors = new Map((res.errors ?? []).flatMap((e) => (traceOf(e) ? [[traceOf(e) as string, e] as const] : [])));
    for (const { input } of prepared) {
      const written = byTrace.get(input.localId);
      const err = errors.get(input.localId);
      // The server's version of what was written: the merge compares it with later pulls.
      if (written) out.set(input.localId, { localId: input.localId, ok: true, crmId: written.id, objectType: 'notes', operation: 'created', modifiedAt: written.updatedAt.toISOString() });
      else if (err) out.set(input.localId, { localId: input.localId, ok: false, error: errorFromBatchItem(err) });
      else out.set(input.localId, { localId: input.localId, ok: false, error: invalidResponse('batch create notes', `no result for ${input.localId}; look it up before re-sending`) });
    }
  }

  /**
   * Batch update of any object type by CRM id; results keyed by the caller's key. HubSpot refuses
   * a whole batch that names one object twice, and two records may write to the same object (a
   * dealer's own fields and its KPI snapshot, both on its company): each further write to an
   * object goes in a later call, so every record still gets its own answer.
   */
  async function batchUpdate(
    what: string,
    objectType: string,
    items: { key: string; crmId: string; properties: Record<string, string> }[],
    send: (inputs: { id: string; properties: Record<string, string>; objectWriteTraceId: string }[]) => Promise<unknown>,
    out: Map<string, PushResult>,
  ): Promise<void> {
    const rounds: (typeof items)[] = [];
    for (const item of items) {
      const round = rounds.find((r) => !r.some((other) => other.crmId === item.crmId));
      if (round) round.push(item);
      else rounds.push([item]);
    }
    for (const round of rounds) await batchUpdateOnce(what, objectType, round, send, out);
  }

  async function batchUpdateOnce(
    what: string,
    objectType: string,
    items: { key: string; crmId: string; properties: Record<string, string> }[],
    send: (inputs: { id: string; properties: Record<string, string>; objectWriteTraceId: string }[]) => Promise<unknown>,
    out: Map<string, PushResult>,
  ): Promise<void> {
    if (items.length === 0) return;
    let res: z.infer<typeof BatchResult>;
    try {
      res = await parsed(BatchResult, what, () => send(items.map((i) => ({ id: i.crmId, properties: i.properties, objectWriteTraceId: i.key }))));
    } catch (e) {
      // HubSpot refuses a whole batch update for one invalid value (400, nothing written): halve it
      // until the bad input stands alone, so one record's problem parks only that record.
      if (!(e instanceof CrmError) || e.kind !== 'validation') throw e;
      if (items.length === 1) {
        out.set(items[0]!.key, { localId: items[0]!.key, ok: false, error: e });
        return;
      }
      const half = Math.ceil(items.length / 2);
      await batchUpdateOnce(what, objectType, items.slice(0, half), send, out);
      await batchUpdateOnce(what, objectType, items.slice(half), send, out);
      return;
    }
    const okIds = new Map(res.results.map((r) => [r.objectWriteTraceId ?? items.find((i) => i.crmId === r.id)?.key, r]));
    const errs = new Map<string, StandardError>();
    for (const e of res.errors ?? []) {
      const key = traceOf(e) ?? items.find((i) => e.context?.ids?.includes(i.crmId))?.key;
      if (key) errs.set(key, e);
    }
    for (const i of items) {
      const written = okIds.get(i.key);
      const err = errs.get(i.key);
      if (written) out.set(i.key, { localId: i.key, ok: true, crmId: written.id, objectType, operation: 'updated', modifiedAt: written.updatedAt.toISOString() });
      else if (err) out.set(i.key, { localId: i.key, ok: false, error: errorFromBatchItem(err) });
      else out.set(i.key, { localId: i.key, ok: false, error: invalidResponse(what, `no result for ${i.key}`) });
    }
  }

  function checkBatch(keys: string[], what: string): void {
    if (keys.length > BATCH_MAX) throw new CrmError('validation', `${what}: at most ${BATCH_MAX} per call, got ${keys.length}`);
    if (new Set(keys).size !== keys.length) throw new CrmError('validation', `${what}: the same record appears twice`);
  }

  const chunked = (ids: string[], size: number) => Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));

  /**
   * Looks records up by their own ids: one search per chunk, every page of it. Oldest note first:
   * if a lost response ever did produce a duplicate, the first note wins. The owner is read too: a
   * note of someone else's is never taken for one of ours (../../sync/engine.ts).
   */
  async function lookUp(
    what: string,
    chunks: string[][],
    search: (chunk: string[]) => { filterGroups: unknown[]; properties: string[] },
    localOf: (note: SimpleObject, chunk: string[]) => string | undefined,
  ): Promise<Map<string, FoundRecord>> {
    const found = new Map<string, FoundRecord>();
    for (const chunk of chunks) {
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const request = { ...search(chunk), sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }], limit: 200, ...(after ? { after } : {}) };
        const res = await parsed(SearchPage, what, () => api.notesSearch.doSearch(request as unknown as Parameters<HubSpotApis['notesSearch']['doSearch']>[0]));
        for (const note of res.results) {
          const local = localOf(note, chunk);
          const ownerId = note.properties.hubspot_owner_id ?? undefined;
          if (local && !found.has(local)) found.set(local, { crmId: note.id, ...(ownerId ? { ownerId } : {}) });
        }
        after = res.paging?.next?.after;
        if (!after) break;
      }
    }
    return found;
  }

  return {
    async checkConnection(): Promise<ConnectionInfo> {
      const [info, details] = await Promise.all([
        // The token goes in the body too: HubSpot identifies private-app tokens from `tokenKey`.
        plainJson(TokenInfo, 'access-token info', 'POST', '/oauth/v2/private-apps/get/access-token-info', { tokenKey: options.token }),
        plainJson(AccountDetails, 'account details', 'GET', '/account-info/v3/details'),
      ]);
      return {
        portalId: details.portalId,
        accountName: details.portalName ?? `HubSpot ${details.portalId}`,
        ...(details.uiDomain ? { uiDomain: details.uiDomain } : {}),
        scopes: info.scopes,
        missingScopes: missingScopes(info.scopes),
        ...(info.userId !== undefined ? { userId: info.userId } : {}),
        ...(details.timeZone ? { timeZone: details.timeZone } : {}),
        ...(details.companyCurrency ? { currency: details.companyCurrency } : {}),
      };
    },

    async ensureSchema(): Promise<SchemaReport> {
      const conflicts: string[] = [];
      const companiesGroup = await ensureGroup('companies');
      const companies = await ensureProperties('companies', COMPANY_PROPERTIES, conflicts);
      let notesGroup = false;
      let notes: string[] = [];
      if (options.recordStorage === 'body') {
        // Chosen before on this portal: notes written then hold their data in the body, so the
        // mode stays even if the portal would now take the properties.
        storage = 'body';
      } else {
        try {
          notesGroup = await ensureGroup('notes');
          notes = await ensureProperties('notes', NOTE_PROPERTIES, conflicts);
          storage = 'properties';
        } catch (e) {
          // The portal refuses custom note properties (a 400) or this token may not create them
          // (a 403): Fieldkit keeps its data in the note body instead, which needs no scope more.
          if (!(e instanceof CrmError) || (e.kind !== 'validation' && e.kind !== 'forbidden')) throw e;
          storage = 'body';
        }
      }
      return {
        propertyGroupCreated: companiesGroup || notesGroup,
        propertiesCreated: [...companies, ...notes],
        customObjectsSupported: await detectCustomObjects(),
        recordStorage: storage,
        ...(conflicts.length > 0 ? { conflicts } : {}),
      };
    },

    async pullDealers(sinceIso, after): Promise<Page<RemoteDealer>> {
      const filter = sinceFilter(sinceIso);
      const request = {
        ...(filter ? { filterGroups: [{ filters: [filter] }] } : {}),
        sorts: OLDEST_CHANGE_FIRST,
        properties: COMPANY_READ_PROPERTIES,
        limit: PAGE_SIZE,
        ...(after ? { after } : {}),
      };
      const res = await parsed(SearchPage, 'search companies', () =>
        api.companiesSearch.doSearch(request as unknown as Parameters<HubSpotApis['companiesSearch']['doSearch']>[0]),
      );
      return { items: res.results.map(companyOf), total: res.total, ...(res.paging?.next ? { after: res.paging.next.after } : {}) };
    },

    async listOwners(): Promise<CrmOwner[]> {
      const owners: CrmOwner[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await parsed(OwnersPage, 'list owners', () => api.owners.getPage(undefined, after, PAGE_SIZE, false));
        for (const o of res.results) {
          owners.push({
            id: o.id,
            name: ownerName(o),
            teams: o.teams ?? [],
            archived: o.archived,
            ...(o.userId !== undefined ? { userId: o.userId } : {}),
            ...(o.email ? { email: o.email } : {}),
            ...(o.firstName ? { firstName: o.firstName } : {}),
            ...(o.lastName ? { lastName: o.lastName } : {}),
          });
        }
        after = res.paging?.next?.after;
        if (!after) return owners;
      }
      throw invalidResponse('list owners', `more than ${MAX_PAGES} pages`);
    },

    async pushRecords(inputs: PushInput[]): Promise<PushResult[]> {
      checkBatch(inputs.map((i) => i.localId), 'pushRecords');
      const out = new Map<string, PushResult>();
      const activities = inputs.filter((i) => i.home === 'activity');
      // Files first: a note lists its attachments by file id, so they must exist before it is written.
      const attaching: Map<string, AttachmentOutcome> = await resolveAttachments(
        files,
        activities.flatMap((i) => (!i.deleted && i.attachments && i.attachments.length > 0 ? [{ localId: i.localId, kind: i.kind, attachments: i.attachments }] : [])),
        fileBudget(transport.rateLimit(), now()),
      );
      const fileIdsOf = (input: PushInput) => {
        const outcome = attaching.get(input.localId);
        return outcome?.ok ? outcome.fileIds : undefined;
      };
      await batchCreate(activities.filter((i) => !i.crmId && !i.deleted), out, fileIdsOf);
      const updates: { key: string; crmId: string; properties: Record<string, string> }[] = [];
      for (const input of activities.filter((i) => i.crmId)) {
        try {
          updates.push({ key: input.localId, crmId: input.crmId as string, properties: await propertiesOf(input, fileIdsOf(input)) });
        } catch (e) {
          out.set(input.localId, { localId: input.localId, ok: false, error: new CrmError('validation', String((e as Error).message)) });
        }
      }
      // A deleted record's note is updated first (its tombstone reaches devices that pull before
      // the archive), then archived, so HubSpot users no longer see it on the timeline.
      await batchUpdate('batch update notes', 'notes', updates, (batch) => api.notesBatch.update({ inputs: batch }), out);
      for (const i of activities.filter((a) => a.deleted)) {
        const answer = out.get(i.localId);
        // Never created: nothing to archive. Already gone in HubSpot: the delete is done.
        if (!i.crmId) out.set(i.localId, { localId: i.localId, ok: true, objectType: 'notes', operation: 'none' });
        else if (answer && !answer.ok && answer.error.kind === 'not-found') out.set(i.localId, { localId: i.localId, ok: true, crmId: i.crmId, objectType: 'notes', operation: 'archived' });
      }
      for (const i of activities.filter((a) => a.crmId && !a.deleted)) {
        // The note of a live record is gone: someone deleted it in HubSpot. Retrying cannot bring
        // it back; the user chooses to create it again or to delete the record too.
        const answer = out.get(i.localId);
        if (answer && !answer.ok && answer.error.kind === 'not-found') {
          out.set(i.localId, { localId: i.localId, ok: false, error: new CrmError('deleted-in-crm', `The HubSpot note ${i.crmId} of this record no longer exists: it was deleted in HubSpot. ${answer.error.message}`, answer.error.details) });
        }
      }
      const toArchive = activities.filter((i) => {
        const answer = out.get(i.localId);
        return i.deleted && i.crmId && answer?.ok === true && answer.operation === 'updated';
      });
      if (toArchive.length > 0) {
        // 204 with no body; a whole-call failure throws and the engine retries the entries.
        await api.notesBatch.archive({ inputs: toArchive.map((i) => ({ id: i.crmId as string })) });
        // Confirmed, not assumed: read the notes back. One still live is a delete still to do
        // (retried with backoff); one gone is done.
        const check = await parsed(BatchResult, 'batch read archived notes', () =>
          api.notesBatch.read({ inputs: toArchive.map((i) => ({ id: i.crmId as string })), properties: ['hs_timestamp'], propertiesWithHistory: [] }, false),
        );
        const stillLive = new Set(check.results.map((r) => r.id));
        for (const i of toArchive) {
          out.set(
            i.localId,
            stillLive.has(i.crmId as string)
              ? { localId: i.localId, ok: false, error: new CrmError('server', `HubSpot still shows note ${i.crmId} after archiving it; the delete will be sent again.`) }
              : { localId: i.localId, ok: true, crmId: i.crmId as string, objectType: 'notes', operation: 'archived' },
          );
        }
      }
      const dealers = inputs.filter((i) => i.home === 'dealer');
      for (const input of dealers.filter((i) => !i.crmId)) {
        // Dealers come from HubSpot; one created only locally has no company to write to yet.
        out.set(input.localId, { localId: input.localId, ok: false, error: new CrmError('validation', 'This dealer is not linked to a HubSpot company yet.') });
      }
      const companyWrites = dealers
        .filter((i) => i.crmId)
        .map((input) => ({ key: input.localId, crmId: input.crmId as string, properties: companyProperties(dealerUpdateOf(input)) }));
      // Fields on a dealer's company (its KPI snapshot): always an update of the dealer's company,
      // every field sent, '' included (it clears the property).
      for (const input of inputs.filter((i) => i.home === 'dealerFields')) {
        const refuse = (message: string) => out.set(input.localId, { localId: input.localId, ok: false, error: new CrmError('validation', message) });
        if (!input.dealerCrmId) {
          refuse('This dealer is not linked to a HubSpot company yet.');
          continue;
        }
        let properties: Record<string, string>;
        try {
          properties = companyProperties({ crmId: input.dealerCrmId, fields: input.fields ?? {} });
        } catch (e) {
          if (!(e instanceof UnknownDealerField)) throw e;
          refuse(e.message);
          continue;
        }
        const tooLong = Object.entries(properties).find(([, value]) => value.length > MAX_STRING);
        if (tooLong) refuse(`${tooLong[0]} is longer than HubSpot's ${MAX_STRING} characters.`);
        else companyWrites.push({ key: input.localId, crmId: input.dealerCrmId, properties });
      }
      await batchUpdate('batch update companies', 'companies', companyWrites, (batch) => api.companiesBatch.update({ inputs: batch }), out);
      // A note written without its files is still written: the engine retries or reports the files.
      for (const [localId, outcome] of attaching) {
        const result = out.get(localId);
        if (!outcome.ok && result?.ok && result.operation !== 'none') out.set(localId, { ...result, attachmentError: outcome.error });
      }
      return inputs.map((i) => out.get(i.localId) as PushResult);
    },

    async findRecordsByLocalIds(localIds: string[]): Promise<Map<string, FoundRecord>> {
      const ids = [...new Set(localIds)];
      if (storage === 'body') {
        // The key is a word of the body: a CONTAINS_TOKEN filter group per record, 5 records a
        // search (HubSpot's filter-group limit); a hit counts only if its data carries that key.
        return lookUp(
          'search note bodies by record id',
          chunked(ids, BODY_LOOKUP_GROUPS),
          (chunk) => ({ filterGroups: chunk.map((id) => ({ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: keyToken(id) }] })), properties: ['hs_note_body', 'hubspot_owner_id'] }),
          (note, chunk) => {
            const local = keyOfBody(note.properties.hs_note_body);
            return local && chunk.includes(local) ? local : undefined;
          },
        );
      }
      const wanted = new Map(ids.map((id) => [storedId(id), id]));
      return lookUp(
        'search notes by record id',
        chunked([...wanted.keys()], BATCH_MAX),
        (chunk) => ({ filterGroups: [{ filters: [{ propertyName: 'fieldkit_record_id', operator: 'IN', values: chunk }] }], properties: ['fieldkit_record_id', 'hubspot_owner_id'] }),
        (note) => wanted.get(note.properties.fieldkit_record_id?.toLowerCase() ?? ''),
      );
    },

    async pullRecords(sinceIso, after): Promise<Page<RemoteRecord>> {
      const filter = sinceFilter(sinceIso);
      const fieldkitNotes =
        storage === 'body'
          ? { propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: BODY_MARKER }
          : { propertyName: 'fieldkit_record_id', operator: 'HAS_PROPERTY' };
      const request = {
        filterGroups: [{ filters: [fieldkitNotes, ...(filter ? [filter] : [])] }],
        sorts: OLDEST_CHANGE_FIRST,
        properties: noteReadProperties(),
        limit: PAGE_SIZE,
        ...(after ? { after } : {}),
      };
      const res = await parsed(SearchPage, 'search notes', () =>
        api.notesSearch.doSearch(request as unknown as Parameters<HubSpotApis['notesSearch']['doSearch']>[0]),
      );
      const items: RemoteRecord[] = [];
      const skipped: { crmId: string; reason: string }[] = [];
      for (const note of res.results) {
        const r = await recordOf(note);
        if (typeof r === 'string') skipped.push({ crmId: note.id, reason: r });
        else items.push(r);
      }
      return {
        items,
        total: res.total,
        ...(res.paging?.next ? { after: res.paging.next.after } : {}),
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },

    async readArchivedRecords(crmIds): Promise<RemoteRecord[]> {
      checkBatch(crmIds, 'readArchivedRecords');
      if (crmIds.length === 0) return [];
      const res = await parsed(BatchResult, 'batch read archived notes', () =>
        api.notesBatch.read({ inputs: crmIds.map((id) => ({ id })), properties: noteReadProperties(), propertiesWithHistory: [] }, true),
      );
      const records = await Promise.all(res.results.map(recordOf));
      return records.filter((r): r is RemoteRecord => typeof r !== 'string');
    },

    rateLimit: () => transport.rateLimit(),
  };
}

/** Fieldkit's customer-file fields of a dealer record, as the company update sends them. */
function dealerUpdateOf(input: PushInput): DealerUpdate {
  const r = input.record as Partial<Record<keyof DealerUpdate, unknown>>;
  const pick = <K extends keyof DealerUpdate>(key: K) => (r[key] === undefined ? {} : { [key]: r[key] as DealerUpdate[K] });
  return { crmId: input.crmId as string, ...pick('customerClass'), ...pick('grade'), ...pick('creditLimit'), ...pick('arrears'), ...pick('responsibleRepId') };
}
