/** Immutable update of a JSON value at a path, for editing a rule-set draft field by field. */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(root[head as number], rest, value);
    return copy;
  }
  const record = (root ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head as string], rest, value) };
}

/** Number fields accept a number or, failing that, the typed text (an expression or a mistake the validator will name). */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}
