import type { RuleSet } from './rule-set-schema';

export interface RuleSetChange {
  /** e.g. `root.children[dailyWork].weight` — array elements with an `id` are named by it. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * What changed between two versions of a rule set, leaf by leaf. Items, grades and readings are
 * matched by id/grade rather than position, so moving an item is not reported as every field changing.
 */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetChange[] {
  const changes: RuleSetChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function keyOf(element: unknown): string | undefined {
  if (element && typeof element === 'object') {
    const record = element as Record<string, unknown>;
    if (typeof record.id === 'string') return record.id;
    if (typeof record.grade === 'string') return record.grade;
    if (typeof record.name === 'string') return record.name;
  }
  return undefined;
}

function walk(a: unknown, b: unknown, path: string, changes: RuleSetChange[]): void {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = a.every((x) => keyOf(x) !== undefined) && b.every((x) => keyOf(x) !== undefined);
    if (keyed) {
      const left = new Map(a.map((x) => [keyOf(x)!, x]));
      const right = new Map(b.map((x) => [keyOf(x)!, x]));
      for (const [key, value] of left) {
        const at = `${path}[${key}]`;
        if (right.has(key)) walk(value, right.get(key), at, changes);
        else changes.push({ path: at, change: 'removed', before: value });
      }
      for (const [key, value] of right) if (!left.has(key)) changes.push({ path: `${path}[${key}]`, change: 'added', after: value });
      return;
    }
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const at = `${path}[${i}]`;
      if (i >= a.length) changes.push({ path: at, change: 'added', after: b[i] });
      else if (i >= b.length) changes.push({ path: at, change: 'removed', before: a[i] });
      else walk(a[i], b[i], at, changes);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in b)) changes.push({ path: at, change: 'removed', before: a[key] });
      else if (!(key in a)) changes.push({ path: at, change: 'added', after: b[key] });
      else walk(a[key], b[key], at, changes);
    }
    return;
  }
  changes.push({ path, change: 'changed', before: a, after: b });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
