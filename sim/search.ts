import { validationError } from './errors';
import { present, propertyList } from './present';
import { parseInstant } from './write';
import type { SimState } from './state';
import type { ObjectType, SearchLimits, SimObject, SimProperty } from './types';

interface Filter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  values?: unknown;
  highValue?: unknown;
}

const LIMITS: Record<SearchLimits, { groups: number; perGroup: number; total: number }> = {
  current: { groups: 5, perGroup: 10, total: 25 },
  legacy: { groups: 3, perGroup: 3, total: 9 },
};

const OPERATORS = new Set([
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN',
  'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
]);

/** HubSpot never pages a search past 10,000 results. */
const MAX_RESULTS = 10_000;

/**
 * POST /crm/v3/objects/{type}/search, with HubSpot's limits and filter semantics, over what the
 * search index has seen (SimState.searchable: writes younger than the lag are not there yet).
 * `caseSensitiveIn`: IN / NOT_IN values on string properties match only in lowercase, as HubSpot's
 * search guide says; EQ and the other operators stay case-insensitive.
 */
export function search(state: SimState, type: ObjectType, body: Record<string, unknown>, limits: SearchLimits, caseSensitiveIn = false) {
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw validationError(`limit must be between 1 and 200 (got ${String(body.limit)}).`);
  }
  const offset = body.after === undefined || body.after === '' ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0) throw validationError(`after must be a paging cursor (got ${String(body.after)}).`);
  if (offset + limit > MAX_RESULTS) {
    throw validationError(`The search paging limit is ${MAX_RESULTS} results; narrow the filters instead of paging further.`);
  }
  const groups = checkGroups(state, type, body.filterGroups, LIMITS[limits]);
  let rows = state.searchable(type).filter((o) => groups.length === 0 || groups.some((g) => g.every((f) => matches(state, type, o, f, caseSensitiveIn))));
  if (typeof body.query === 'string' && body.query.trim()) {
    const q = body.query.trim().toLowerCase();
    const fields = type === 'companies' ? ['name', 'domain', 'phone'] : ['hs_note_body'];
    rows = rows.filter((o) => fields.some((f) => (o.properties[f] ?? '').toLowerCase().includes(q)));
  }
  rows = sortRows(state, type, rows, body.sorts);
  const page = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? String(offset + limit) : undefined;
  const requested = propertyList(body.properties);
  return {
    total: rows.length,
    results: page.map((o) => present(type, o, requested)),
    ...(next ? { paging: { next: { after: next } } } : {}),
  };
}

function checkGroups(state: SimState, type: ObjectType, raw: unknown, max: { groups: number; perGroup: number; total: number }): Filter[][] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('filterGroups must be an array.');
  if (raw.length > max.groups) {
    throw validationError(`Too many filter groups: ${raw.length}. The maximum is ${max.groups}.`, { subCategory: 'SEARCH_FILTER_GROUPS_LIMIT' });
  }
  let total = 0;
  const groups = raw.map((g: { filters?: unknown }) => {
    const filters = Array.isArray(g?.filters) ? (g.filters as Filter[]) : [];
    if (filters.length > max.perGroup) {
      throw validationError(`Too many filters in a filter group: ${filters.length}. The maximum is ${max.perGroup}.`, {
        subCategory: 'SEARCH_FILTERS_PER_GROUP_LIMIT',
      });
    }
    total += filters.length;
    for (const f of filters) {
      const op = String(f.operator);
      if (!OPERATORS.has(op)) throw validationError(`Unknown filter operator ${op}.`);
      const name = String(f.propertyName);
      if (!state.properties[type].get(name)) {
        throw validationError(`There was a problem with the request. Property "${name}" does not exist on ${type}.`);
      }
      if ((op === 'IN' || op === 'NOT_IN') && !Array.isArray(f.values)) throw validationError(`${op} needs values[].`);
    }
    return filters;
  });
  if (total > max.total) {
    throw validationError(`Too many filters: ${total}. The maximum is ${max.total}.`, { subCategory: 'SEARCH_FILTERS_LIMIT' });
  }
  return groups;
}

/** Numbers and datetimes compare numerically, everything else as case-insensitive text, as HubSpot does. */
function key(def: SimProperty | undefined, v: string): number | string {
  if (def && (def.type === 'number' || def.type === 'datetime' || def.type === 'date')) {
    const n = def.type === 'number' ? Number(v) : parseInstant(v);
    return n === undefined || Number.isNaN(n) ? v.toLowerCase() : n;
  }
  return v.toLowerCase();
}

function matches(state: SimState, type: ObjectType, o: SimObject, f: Filter, caseSensitiveIn: boolean): boolean {
  const name = String(f.propertyName);
  const def = state.properties[type].get(name);
  // The index holds string values lowercased; IN / NOT_IN values are compared as sent.
  const listKey = (v: string) => (caseSensitiveIn && typeof key(def, v) === 'string' ? v : key(def, v));
  const actual = o.properties[name];
  const has = actual !== undefined && actual !== '';
  const op = String(f.operator);
  if (op === 'HAS_PROPERTY') return has;
  if (op === 'NOT_HAS_PROPERTY') return !has;
  if (op === 'NEQ') return !has || key(def, actual) !== key(def, String(f.value));
  if (op === 'NOT_IN') return !has || !(f.values as unknown[]).some((v) => listKey(String(v)) === key(def, actual));
  if (!has) return false;
  const a = key(def, actual);
  const b = key(def, String(f.value));
  switch (op) {
    case 'EQ':
      return a === b;
    case 'IN':
      return (f.values as unknown[]).some((v) => listKey(String(v)) === a);
    case 'LT':
      return a < b;
    case 'LTE':
      return a <= b;
    case 'GT':
      return a > b;
    case 'GTE':
      return a >= b;
    case 'BETWEEN':
      return a >= b && a <= key(def, String(f.highValue));
    case 'CONTAINS_TOKEN':
      return containsToken(String(a), String(f.value));
    case 'NOT_CONTAINS_TOKEN':
      return !containsToken(String(a), String(f.value));
    default:
      return false;
  }
}

/**
 * CONTAINS_TOKEN matches a whole word of the value, not any substring: HubSpot's search guide calls
 * it "contains a token" and completes partial words only with a `*` wildcard (its example:
 * `*@hubspot.com`). The simulator takes the strictest reading of "word": rich text loses its tags,
 * then words are split on whitespace only, so a client that relies on punctuation splitting
 * (`fk-123` found by `123`) fails here as it may on HubSpot. Case-insensitive.
 */
export function containsToken(text: string, pattern: string): boolean {
  const words = text.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/g, ' ').toLowerCase().split(/\s+/).filter(Boolean);
  const wanted = pattern.toLowerCase();
  if (!wanted.includes('*')) return words.includes(wanted);
  const escaped = wanted.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^${escaped.join('.*')}$`);
  return words.some((w) => re.test(w));
}

/** One sort, `{propertyName, direction}` or a bare property name; ties break on id for stable paging. */
function sortRows(state: SimState, type: ObjectType, rows: SimObject[], raw: unknown): SimObject[] {
  const first = Array.isArray(raw) ? (raw[0] as unknown) : undefined;
  if (first === undefined) return rows;
  const spec =
    typeof first === 'string'
      ? { propertyName: first.replace(/^-/, ''), direction: first.startsWith('-') ? 'DESCENDING' : 'ASCENDING' }
      : (first as { propertyName?: string; direction?: string });
  const name = String(spec.propertyName);
  const def = state.properties[type].get(name);
  if (!def) throw validationError(`Cannot sort on unknown property "${name}".`);
  const dir = spec.direction === 'DESCENDING' ? -1 : 1;
  return [...rows].sort((x, y) => {
    const a = x.properties[name];
    const b = y.properties[name];
    if (a === undefined || b === undefined) return a === b ? Number(x.id) - Number(y.id) : a === undefined ? 1 : -1;
    const ka = key(def, a);
    const kb = key(def, b);
    return ka < kb ? -dir : ka > kb ? dir : Number(x.id) - Number(y.id);
  });
}
