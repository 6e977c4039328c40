import { conflict, SimHttpError, validationError, type BatchItemError } from '../errors';
import { makeProperty } from '../seed';
import { objectTypeOf } from '../state';
import type { ObjectType, PropertyType, SimProperty } from '../types';
import { InputError, requireBody } from '../write';
import { requireScope, route, schemaScope, type Route, type RouteContext, type SimRequest } from './types';

const TYPES: PropertyType[] = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'];
const FIELD_TYPES = ['textarea', 'text', 'date', 'file', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation', 'html', 'phonenumber'];
/**
 * Which fieldType goes with which type, from HubSpot's properties guide ("Property type and
 * fieldType values", developers.hubspot.com/docs/api/crm/properties): bool → booleancheckbox;
 * enumeration → booleancheckbox, checkbox, radio, select; date and datetime → date; string → file,
 * text, textarea (html and phonenumber are HubSpot's own string field types); number → number;
 * calculation_equation with any of them.
 */
const FIELD_TYPES_OF: Record<PropertyType, readonly string[]> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  string: ['file', 'text', 'textarea', 'html', 'phonenumber', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
};

function typeParam(req: SimRequest): ObjectType {
  const t = objectTypeOf(req.params.type ?? '');
  if (!t) throw new SimHttpError(400, { message: `Unable to infer object type from: ${req.params.type}`, category: 'VALIDATION_ERROR' });
  return t;
}

function presentProperty(p: SimProperty) {
  const { readOnlyValue, ...rest } = p;
  return { ...rest, modificationMetadata: { archivable: !p.hubspotDefined, readOnlyDefinition: p.hubspotDefined, readOnlyValue } };
}

/**
 * A portal that refuses custom note properties (config `noteProperties: 'refused'`) answers a
 * property or group create on notes with a 400, as HubSpot answers a create it does not support
 * on an object type. The exact words of a real refusal are not published; the category is.
 */
function refuseNoteSchema(ctx: RouteContext, type: ObjectType): void {
  if (type === 'notes' && ctx.config.noteProperties === 'refused') {
    throw validationError('Custom properties are not supported on object type NOTE in this portal.', { subCategory: 'PROPERTY_CREATE_NOT_SUPPORTED' });
  }
}

/** Validates a PropertyCreate and stores it; InputError on anything HubSpot would refuse. */
function createProperty(ctx: RouteContext, type: ObjectType, raw: unknown): SimProperty {
  const b = raw as Record<string, unknown>;
  const name = String(b?.name ?? '');
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new InputError(400, 'VALIDATION_ERROR', `Invalid property name "${name}": use lowercase letters, digits and underscores.`);
  if (!b.label) throw new InputError(400, 'VALIDATION_ERROR', `Property ${name} needs a label.`);
  if (!TYPES.includes(b.type as PropertyType)) throw new InputError(400, 'VALIDATION_ERROR', `Invalid type ${String(b.type)} for property ${name}.`);
  if (!FIELD_TYPES.includes(String(b.fieldType))) throw new InputError(400, 'VALIDATION_ERROR', `Invalid fieldType ${String(b.fieldType)} for property ${name}.`);
  if (!FIELD_TYPES_OF[b.type as PropertyType].includes(String(b.fieldType))) {
    throw new InputError(400, 'VALIDATION_ERROR', `fieldType ${String(b.fieldType)} is not valid for a property of type ${String(b.type)} (${name}).`);
  }
  const groupName = String(b.groupName ?? '');
  if (!ctx.state.groups[type].get(groupName)) throw new InputError(400, 'VALIDATION_ERROR', `Property group ${groupName} does not exist.`);
  if (b.type === 'enumeration' && (!Array.isArray(b.options) || b.options.length === 0)) {
    throw new InputError(400, 'VALIDATION_ERROR', `Enumeration property ${name} needs options.`);
  }
  // HubSpot allows unique-value properties on contacts, companies, deals, tickets and custom objects.
  if (b.hasUniqueValue === true && type !== 'companies') {
    throw new InputError(400, 'VALIDATION_ERROR', `hasUniqueValue is not supported on ${type}.`);
  }
  if (ctx.state.properties[type].get(name)) throw new InputError(409, 'OBJECT_ALREADY_EXISTS', `A property named '${name}' already exists.`);
  const at = ctx.state.now();
  const p: SimProperty = {
    ...makeProperty(groupName, [name, String(b.label), b.type as PropertyType, String(b.fieldType)], Number(b.displayOrder ?? -1)),
    description: String(b.description ?? ''),
    options: Array.isArray(b.options) ? (b.options as SimProperty['options']) : [],
    hasUniqueValue: b.hasUniqueValue === true,
    hidden: b.hidden === true,
    formField: b.formField === true,
    hubspotDefined: false,
    createdAt: at,
    updatedAt: at,
  };
  ctx.state.properties[type].set(name, p);
  return p;
}

export const propertyRoutes: Route[] = [
  route('GET', '/crm/v3/properties/:type/groups', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'read'));
    return { status: 200, body: { results: [...ctx.state.groups[type].values()] } };
  }),
  route('GET', '/crm/v3/properties/:type/groups/:name', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'read'));
    const g = ctx.state.groups[type].get(req.params.name ?? '');
    if (!g) throw new SimHttpError(404, { message: `Unable to find property group ${req.params.name}`, category: 'OBJECT_NOT_FOUND' });
    return { status: 200, body: g };
  }),
  route('POST', '/crm/v3/properties/:type/groups', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'write'));
    refuseNoteSchema(ctx, type);
    const b = requireBody(req.body);
    const name = String(b.name ?? '');
    if (!/^[a-z][a-z0-9_]*$/.test(name) || !b.label) throw validationError(`Invalid property group: needs a lowercase name and a label.`);
    if (ctx.state.groups[type].get(name)) throw conflict(`A property group named '${name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    const g = { name, label: String(b.label), displayOrder: Number(b.displayOrder ?? -1), archived: false };
    ctx.state.groups[type].set(name, g);
    return { status: 201, body: g };
  }),
  route('GET', '/crm/v3/properties/:type', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'read'));
    return { status: 200, body: { results: [...ctx.state.properties[type].values()].filter((p) => !p.archived).map(presentProperty) } };
  }),
  route('GET', '/crm/v3/properties/:type/:name', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'read'));
    const p = ctx.state.properties[type].get(req.params.name ?? '');
    if (!p) throw new SimHttpError(404, { message: `Unable to find property ${req.params.name}`, category: 'OBJECT_NOT_FOUND' });
    return { status: 200, body: presentProperty(p) };
  }),
  route('POST', '/crm/v3/properties/:type', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'write'));
    refuseNoteSchema(ctx, type);
    try {
      return { status: 201, body: presentProperty(createProperty(ctx, type, requireBody(req.body))) };
    } catch (e) {
      throw e instanceof InputError ? e.toHttp() : e;
    }
  }),
  route('POST', '/crm/v3/properties/:type/batch/create', (ctx, req) => {
    const type = typeParam(req);
    requireScope(ctx, ...schemaScope(type, 'write'));
    refuseNoteSchema(ctx, type);
    const b = requireBody(req.body);
    if (!Array.isArray(b.inputs)) throw validationError('inputs must be an array.');
    if (b.inputs.length > 100) throw validationError(`Batch input size of ${b.inputs.length} exceeds the limit of 100.`);
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const errors: BatchItemError[] = [];
    for (const input of b.inputs as unknown[]) {
      try {
        results.push(presentProperty(createProperty(ctx, type, input)));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const name = String((input as { name?: unknown })?.name ?? '');
        errors.push({ status: 'error', category: e.category, message: e.message, context: { name: [name] }, errors: [], links: {} });
      }
    }
    return {
      status: errors.length > 0 ? 207 : 201,
      body: { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt, completedAt: new Date().toISOString() },
    };
  }),
];
