import { SimHttpError, validationError, type BatchItemError } from '../errors';
import { present, presentAssociations, propertyList } from '../present';
import { search } from '../search';
import { objectTypeOf } from '../state';
import type { ObjectType, SimObject } from '../types';
import { archiveObject, createObject, InputError, normaliseProperties, requireBody, updateObject } from '../write';
import { objectScope, requireScope, route, type Route, type RouteContext, type SimRequest } from './types';

const BATCH_MAX = 100;

function typeParam(req: SimRequest): ObjectType {
  const t = objectTypeOf(req.params.type ?? '');
  if (!t) throw new SimHttpError(400, { message: `Unable to infer object type from: ${req.params.type}`, category: 'VALIDATION_ERROR' });
  return t;
}

function batchInputs(body: unknown): unknown[] {
  const b = requireBody(body);
  if (!Array.isArray(b.inputs)) throw validationError('inputs must be an array.');
  if (b.inputs.length > BATCH_MAX) {
    throw validationError(`Batch input size of ${b.inputs.length} exceeds the limit of ${BATCH_MAX} inputs per request.`, {
      context: { limit: [String(BATCH_MAX)] },
    });
  }
  return b.inputs as unknown[];
}

function itemError(e: unknown, context: Record<string, string[]>): BatchItemError {
  const err = e instanceof InputError ? e : new InputError(500, 'INTERNAL_ERROR', String(e));
  return { status: 'error', category: err.category, ...(err.subCategory ? { subCategory: err.subCategory } : {}), message: err.message, context, errors: [], links: {} };
}

function batchBody(results: unknown[], errors: BatchItemError[], startedAt: string) {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt,
    completedAt: new Date().toISOString(),
  };
}

/** Returns properties of each written object: what the caller wrote plus HubSpot's own. */
function written(type: ObjectType, o: SimObject, input: unknown) {
  const names = Object.keys((input as { properties?: Record<string, unknown> })?.properties ?? {});
  return present(type, o, names);
}

/**
 * Batch create: all valid → 201. Some invalid and every input carries an objectWriteTraceId →
 * 207 with the valid ones created and one error per failed input (context.objectWriteTraceId).
 * Some invalid without trace ids → 400 for the whole batch and nothing written.
 */
function batchCreate(ctx: RouteContext, type: ObjectType, inputs: unknown[]) {
  const startedAt = new Date().toISOString();
  const traced = inputs.every((i) => typeof (i as { objectWriteTraceId?: unknown })?.objectWriteTraceId === 'string');
  if (!traced) {
    // Dry-run on a copy first so a failing input leaves nothing half-written.
    for (const input of inputs) {
      const probe = structuredClone(input);
      try {
        dryRunCreate(ctx, type, probe);
      } catch (e) {
        if (e instanceof InputError) throw e.toHttp();
        throw e;
      }
    }
  }
  const results: unknown[] = [];
  const errors: BatchItemError[] = [];
  for (const input of inputs) {
    const trace = (input as { objectWriteTraceId?: string })?.objectWriteTraceId;
    try {
      const o = createObject(ctx.state, type, input);
      results.push({ ...written(type, o, input), ...(trace ? { objectWriteTraceId: trace } : {}) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(itemError(e, trace ? { objectWriteTraceId: [trace] } : {}));
    }
  }
  return { status: errors.length > 0 ? 207 : 201, body: batchBody(results, errors, startedAt) };
}

function dryRunCreate(ctx: RouteContext, type: ObjectType, input: unknown): void {
  const before = { next: ctx.state.objects[type].size, assocs: ctx.state.associations.length };
  const o = createObject(ctx.state, type, input);
  ctx.state.objects[type].delete(o.id);
  ctx.state.associations.length = before.assocs;
}

/** Batch update: unknown ids and invalid values fail per input (207, context.ids); duplicates are a 400. */
function batchUpdate(ctx: RouteContext, type: ObjectType, inputs: unknown[]) {
  const startedAt = new Date().toISOString();
  const ids = inputs.map((i) => String((i as { id?: unknown })?.id ?? ''));
  if (new Set(ids).size !== ids.length) throw validationError('Duplicate IDs found in batch input.');
  if (ctx.config.strict.batchUpdateAllOrNothing) {
    // HubSpot refuses a batch update whose inputs carry an invalid property value as a whole
    // (400 VALIDATION_ERROR, nothing written); only ids it cannot find are reported per input.
    inputs.forEach((input, n) => {
      const id = ids[n] ?? '';
      if (!ctx.state.get(type, id)) return;
      try {
        normaliseProperties(ctx.state, type, (input as { properties?: unknown })?.properties ?? {}, 'update', id);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        if (e.status === 400) throw e.toHttp();
        // Anything else (a 409 on a unique value) is reported per input below.
      }
    });
  }
  const results: unknown[] = [];
  const errors: BatchItemError[] = [];
  inputs.forEach((input, n) => {
    const id = ids[n] ?? '';
    const trace = (input as { objectWriteTraceId?: string })?.objectWriteTraceId;
    try {
      const o = updateObject(ctx.state, type, id, input);
      results.push({ ...written(type, o, input), ...(trace ? { objectWriteTraceId: trace } : {}) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(itemError(e, { ids: [id], ...(trace ? { objectWriteTraceId: [trace] } : {}) }));
    }
  });
  return { status: errors.length > 0 ? 207 : 200, body: batchBody(results, errors, startedAt) };
}

function findBy(ctx: RouteContext, type: ObjectType, id: string, idProperty: string | null): SimObject | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return ctx.state.get(type, id);
  return ctx.state.list(type).find((o) => o.properties[idProperty] === id);
}

function archivedById(ctx: RouteContext, type: ObjectType, id: string): SimObject | undefined {
  const o = ctx.state.objects[type].get(id);
  return o?.archived ? o : undefined;
}

function assocTypes(req: SimRequest): ObjectType[] {
  return (propertyList(req.query.getAll('associations')) ?? []).flatMap((n) => objectTypeOf(n) ?? []);
}

export const objectRoutes: Route[] = [
  route('GET', '/crm/v3/objects/:type', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'read'));
    const limit = Math.min(Number(req.query.get('limit') ?? 10) || 10, 100);
    const all = ctx.state.list(type);
    const after = req.query.get('after');
    const start = after ? all.findIndex((o) => Number(o.id) > Number(after)) : 0;
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const last = page.at(-1);
    const more = start >= 0 && start + limit < all.length;
    const props = propertyList(req.query.getAll('properties'));
    const assoc = assocTypes(req);
    return {
      status: 200,
      body: {
        results: page.map((o) => ({ ...present(type, o, props), associations: presentAssociations(ctx.state, type, o.id, assoc) })),
        ...(more && last ? { paging: { next: { after: last.id } } } : {}),
      },
    };
  }),
  route('POST', '/crm/v3/objects/:type', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    try {
      const o = createObject(ctx.state, type, requireBody(req.body));
      return { status: 201, body: written(type, o, req.body) };
    } catch (e) {
      throw e instanceof InputError ? e.toHttp() : e;
    }
  }),
  route('POST', '/crm/v3/objects/:type/search', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'read'));
    return { status: 200, body: search(ctx.state, type, requireBody(req.body), ctx.config.searchLimits, ctx.config.strict.caseSensitiveIn) };
  }),
  route('POST', '/crm/v3/objects/:type/batch/create', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    return batchCreate(ctx, type, batchInputs(req.body));
  }),
  route('POST', '/crm/v3/objects/:type/batch/update', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    return batchUpdate(ctx, type, batchInputs(req.body));
  }),
  route('POST', '/crm/v3/objects/:type/batch/read', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'read'));
    const inputs = batchInputs(req.body);
    const body = requireBody(req.body);
    const props = propertyList(body.properties);
    const idProperty = typeof body.idProperty === 'string' ? body.idProperty : null;
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const errors: BatchItemError[] = [];
    for (const input of inputs) {
      const id = String((input as { id?: unknown })?.id ?? '');
      // `archived=true` reads only archived objects (CRM objects API, batch read: "Whether to
      // return only results that have been archived"); otherwise only live ones.
      const o = req.query.get('archived') === 'true' ? archivedById(ctx, type, id) : findBy(ctx, type, id, idProperty);
      if (o) results.push(present(type, o, props));
      else errors.push(itemError(new InputError(404, 'OBJECT_NOT_FOUND', `Could not get some ${type} objects, they may be deleted or not exist.`), { ids: [id] }));
    }
    return { status: errors.length > 0 ? 207 : 200, body: batchBody(results, errors, startedAt) };
  }),
  route('POST', '/crm/v3/objects/:type/batch/archive', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    for (const input of batchInputs(req.body)) archiveObject(ctx.state, type, String((input as { id?: unknown })?.id ?? ''));
    return { status: 204 };
  }),
  route('GET', '/crm/v3/objects/:type/:id', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'read'));
    const o = findBy(ctx, type, req.params.id ?? '', req.query.get('idProperty'));
    if (!o) throw new SimHttpError(404, { message: `Object not found.  objectId are usually numeric.`, category: 'OBJECT_NOT_FOUND' });
    const assoc = presentAssociations(ctx.state, type, o.id, assocTypes(req));
    return { status: 200, body: { ...present(type, o, propertyList(req.query.getAll('properties'))), ...(assoc ? { associations: assoc } : {}) } };
  }),
  route('PATCH', '/crm/v3/objects/:type/:id', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    try {
      const o = updateObject(ctx.state, type, req.params.id ?? '', requireBody(req.body));
      return { status: 200, body: written(type, o, req.body) };
    } catch (e) {
      throw e instanceof InputError ? e.toHttp() : e;
    }
  }),
  route('DELETE', '/crm/v3/objects/:type/:id', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, objectScope(type, 'write'));
    archiveObject(ctx.state, type, req.params.id ?? '');
    return { status: 204 };
  }),
  // Associations v4: the notes on a company's timeline.
  route('GET', '/crm/v4/objects/:type/:id/associations/:toType', (ctx, req) => {
    const type = typeParam(req);
    const toType = objectTypeOf(req.params.toType ?? '');
    if (!toType) throw validationError(`Unable to infer object type from: ${req.params.toType}`);
    requireScope(ctx, objectScope(type, 'read'));
    requireScope(ctx, objectScope(toType, 'read'));
    if (!ctx.state.get(type, req.params.id ?? '')) {
      throw new SimHttpError(404, { message: `No ${type} with id ${req.params.id}`, category: 'OBJECT_NOT_FOUND' });
    }
    const all = ctx.state.associationsFrom(type, req.params.id ?? '', toType);
    const limit = Math.min(Number(req.query.get('limit') ?? 500) || 500, 500);
    const offset = Number(req.query.get('after') ?? 0) || 0;
    const page = all.slice(offset, offset + limit);
    return {
      status: 200,
      body: {
        results: page.map((a) => ({
          toObjectId: Number(a.toId),
          associationTypes: [{ category: a.category, typeId: a.typeId, label: null }],
        })),
        ...(offset + limit < all.length ? { paging: { next: { after: String(offset + limit) } } } : {}),
      },
    };
  }),
];
