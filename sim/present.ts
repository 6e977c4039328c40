import { CREATED_PROPERTY, type SimState } from './state';
import type { ObjectType, SimObject } from './types';

/** What HubSpot returns when no `properties` are asked for. */
export const DEFAULT_RETURNED: Record<ObjectType, string[]> = {
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Reads `properties` from a query string (`a,b` or repeated) or a JSON array. */
export function propertyList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  const names = parts.map((s) => s.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** A SimplePublicObject: asked-for properties are present, as null when unset. */
export function present(type: ObjectType, o: SimObject, requested?: string[]) {
  const names = requested
    ? [...new Set([...requested, 'hs_object_id', CREATED_PROPERTY[type], 'hs_lastmodifieddate'])]
    : DEFAULT_RETURNED[type];
  const properties: Record<string, string | null> = {};
  for (const n of names) properties[n] = o.properties[n] ?? null;
  return {
    id: o.id,
    properties,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    archived: o.archived,
    ...(o.archivedAt ? { archivedAt: o.archivedAt } : {}),
  };
}

/** The `associations` block of a GET with `?associations=notes`. */
export function presentAssociations(state: SimState, type: ObjectType, id: string, toTypes: ObjectType[]) {
  const out: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const toType of toTypes) {
    const results = state.associationsFrom(type, id, toType).map((a) => ({
      id: a.toId,
      type: type === 'companies' ? 'company_to_note' : 'note_to_company',
    }));
    if (results.length > 0) out[toType] = { results };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
