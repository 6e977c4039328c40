import { validationError, SimHttpError } from './errors';
import { ASSOCIATION_TYPES, CREATED_PROPERTY, type SimState } from './state';
import type { ObjectType, SimObject } from './types';

/** One problem with one property value, in the shape HubSpot lists inside its validation message. */
export interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

/** An input error the batch endpoints report per input and the single endpoints as the whole answer. */
export class InputError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly subCategory?: string,
  ) {
    super(message);
  }
  toHttp(): SimHttpError {
    return new SimHttpError(this.status, { message: this.message, category: this.category, subCategory: this.subCategory });
  }
}

export interface AssociationInput {
  to?: { id?: unknown };
  types?: { associationCategory?: unknown; associationTypeId?: unknown }[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** HubSpot accepts epoch milliseconds or ISO 8601 for datetimes and stores ISO. */
export function parseInstant(v: string): number | undefined {
  if (/^-?\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** Checks and normalises property values; returns the normalised map or throws an InputError. */
export function normaliseProperties(
  state: SimState,
  type: ObjectType,
  input: unknown,
  mode: 'create' | 'update',
  selfId?: string,
): Record<string, string> {
  if (!isPlainObject(input)) throw new InputError(400, 'VALIDATION_ERROR', 'properties must be an object');
  const out: Record<string, string> = {};
  const problems: PropertyProblem[] = [];
  const bad = (name: string, error: string, message: string) => problems.push({ isValid: false, message, error, name });
  for (const [name, raw] of Object.entries(input)) {
    const def = state.properties[type].get(name);
    if (!def || def.archived) {
      bad(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
      continue;
    }
    if (def.readOnlyValue) {
      bad(name, 'READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`);
      continue;
    }
    // HubSpot: "Properties values can be cleared by passing an empty string" (the update endpoints'
    // description in its companies and notes specs), whatever the property's type: a number
    // property given '' is emptied, not refused. The object then reads it as null.
    if (raw === null || raw === '') {
      out[name] = '';
      continue;
    }
    if (typeof raw === 'object') {
      bad(name, 'INVALID_PROPERTY_VALUE', `${JSON.stringify(raw)} is not a valid value for ${name}`);
      continue;
    }
    const value = String(raw);
    if (type === 'notes' && name === 'hs_attachment_ids') {
      // A note lists attachments by file id (`;`-separated, HubSpot's notes guide); an id that is
      // no live file in the portal's file manager is refused, not stored as a dangling link.
      const ids = value.split(';').map((id) => id.trim());
      const unknown = ids.filter((id) => !/^\d+$/.test(id) || !state.file(id));
      if (unknown.length > 0) bad(name, 'INVALID_OPTION', `${unknown.join(';')} ${unknown.length === 1 ? 'is not the id of a file' : 'are not ids of files'} in this portal's file manager.`);
      else out[name] = ids.join(';');
      continue;
    }
    switch (def.type) {
      case 'number':
        if (!Number.isFinite(Number(value))) bad(name, 'INVALID_DOUBLE', `${value} is not a valid number.`);
        else out[name] = value;
        break;
      case 'bool':
        if (value !== 'true' && value !== 'false') bad(name, 'INVALID_BOOLEAN', `${value} is not a valid boolean.`);
        else out[name] = value;
        break;
      case 'datetime': {
        const t = parseInstant(value);
        if (t === undefined) bad(name, 'INVALID_DATE', `${value} is not a valid date.`);
        else out[name] = new Date(t).toISOString();
        break;
      }
      case 'date': {
        // A date property holds a day: HubSpot wants midnight UTC (its properties guide).
        const t = parseInstant(value);
        if (t === undefined) bad(name, 'INVALID_DATE', `${value} is not a valid date.`);
        else if (t % 86_400_000 !== 0) bad(name, 'INVALID_DATE', `${value} is not midnight UTC; a date property holds a day.`);
        else out[name] = new Date(t).toISOString();
        break;
      }
      case 'enumeration':
        if (!def.externalOptions && !def.options.some((o) => o.value === value)) {
          const allowed = def.options.map((o) => o.value).join(', ');
          bad(name, 'INVALID_OPTION', `${value} was not one of the allowed options: [${allowed}]`);
        } else out[name] = value;
        break;
      default:
        if (value.length > 65_536) bad(name, 'INVALID_STRING_LENGTH', `${name} is longer than 65536 characters.`);
        else out[name] = value;
    }
  }
  if (mode === 'create' && type === 'notes' && !out.hs_timestamp && !problems.some((p) => p.name === 'hs_timestamp')) {
    bad('hs_timestamp', 'REQUIRED_PROPERTY', 'hs_timestamp is required.');
  }
  if (problems.length > 0) {
    throw new InputError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`);
  }
  checkUnique(state, type, out, selfId);
  return out;
}

/** hasUniqueValue properties: a second object with the same value is refused, as HubSpot does. */
function checkUnique(state: SimState, type: ObjectType, values: Record<string, string>, selfId?: string): void {
  for (const [name, value] of Object.entries(values)) {
    if (!value || !state.properties[type].get(name)?.hasUniqueValue) continue;
    const other = state.list(type).find((o) => o.id !== selfId && o.properties[name] === value);
    if (other) {
      throw new InputError(
        409,
        'CONFLICT',
        `A ${type === 'companies' ? 'company' : 'note'} with ${name} "${value}" already exists (id ${other.id}).`,
      );
    }
  }
}

/** Validates the association specs of a create input; returns them resolved. */
export function resolveAssociations(state: SimState, type: ObjectType, input: unknown) {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new InputError(400, 'VALIDATION_ERROR', 'associations must be an array');
  return (input as AssociationInput[]).flatMap((a) => {
    const toId = a?.to?.id;
    if (typeof toId !== 'string' && typeof toId !== 'number') {
      throw new InputError(400, 'VALIDATION_ERROR', 'association is missing to.id');
    }
    return (a.types ?? []).map((t) => {
      const typeId = Number(t.associationTypeId);
      const category = String(t.associationCategory ?? 'HUBSPOT_DEFINED');
      const known = ASSOCIATION_TYPES[typeId];
      if (!known || known.from !== type || category !== 'HUBSPOT_DEFINED') {
        throw new InputError(
          400,
          'VALIDATION_ERROR',
          `${category} association type ${typeId} is not valid from ${type}.`,
          'crm.associations.INVALID_ASSOCIATION_TYPE',
        );
      }
      if (!state.get(known.to, String(toId))) {
        throw new InputError(
          400,
          'VALIDATION_ERROR',
          `One or more associations are invalid: ${known.to} ${String(toId)} does not exist.`,
          'crm.associations.TO_OBJECT_NOT_FOUND',
        );
      }
      return { toType: known.to, toId: String(toId), typeId, category: 'HUBSPOT_DEFINED' as const };
    });
  });
}

/** Validates a create input completely, then writes it. Nothing is written if anything is wrong. */
export function createObject(state: SimState, type: ObjectType, input: unknown): SimObject {
  if (!isPlainObject(input)) throw new InputError(400, 'VALIDATION_ERROR', 'each input must be an object');
  const props = normaliseProperties(state, type, input.properties ?? {}, 'create');
  const assocs = resolveAssociations(state, type, input.associations);
  const id = state.newId(type);
  const at = state.now();
  const obj: SimObject = {
    id,
    createdAt: at,
    updatedAt: at,
    archived: false,
    properties: stripEmpty({ ...props, hs_object_id: id, [CREATED_PROPERTY[type]]: at, hs_lastmodifieddate: at }),
  };
  state.objects[type].set(id, obj);
  state.created(obj);
  for (const a of assocs) state.associations.push({ fromType: type, fromId: id, ...a });
  return obj;
}

export function updateObject(state: SimState, type: ObjectType, id: string, input: unknown): SimObject {
  if (!isPlainObject(input)) throw new InputError(400, 'VALIDATION_ERROR', 'each input must be an object');
  const obj = state.get(type, id);
  if (!obj) throw new InputError(404, 'OBJECT_NOT_FOUND', `Object not found. objectId are usually numeric. (id ${id})`);
  const props = normaliseProperties(state, type, input.properties ?? {}, 'update', id);
  const at = state.now();
  state.willWrite(obj);
  obj.properties = stripEmpty({ ...obj.properties, ...props, hs_lastmodifieddate: at });
  obj.updatedAt = at;
  return obj;
}

export function archiveObject(state: SimState, type: ObjectType, id: string): void {
  const obj = state.get(type, id);
  if (!obj) return; // HubSpot answers 204 for ids that are already gone
  state.willWrite(obj);
  obj.archived = true;
  obj.archivedAt = state.now();
}

function stripEmpty(p: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== ''));
}

export function requireBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw validationError('Invalid input JSON: expected an object body.');
  return body;
}
