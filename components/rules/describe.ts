/**
 * Problems and version changes of a rule set as one sentence each, naming the item, setting or
 * input by its label ("「周报」的分值公式在第 20 个字符处不完整。"). The technical path and message
 * stay with the caller, for a details disclosure.
 */
import type { Problem } from '../../lib/rules/problems';
import type { RuleSetChange } from '../../lib/rules/diff';
import { formatDay } from '../../lib/kernel/format';
import type { MessageKey } from './messages';
import { isRecord, itemLabel, localized, readableExpression, valueWithUnit, weightsArePercent, numberText, type Draft, type Reader } from './readable';

type Segment = string;

/** `root.children[0].bands[1].score` / `root.children[orderChange].table.良` → segments. */
export function segmentsOf(path: string): Segment[] {
  const out: Segment[] = [];
  for (const match of path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) out.push(match[1] ?? match[2]!);
  return out;
}

/** What a path points at, for naming it to a person. */
type Subject =
  | { kind: 'ruleSet' }
  | { kind: 'item'; item: Draft; parent?: Draft }
  | { kind: 'parameter'; name: string }
  | { kind: 'input'; name: string }
  | { kind: 'derived'; name: string }
  | { kind: 'grade'; grade: unknown }
  | { kind: 'sample'; name: string }
  | { kind: 'check'; check: unknown }
  | { kind: 'reading' };

interface Located {
  subject: Subject;
  /** The rest of the path below the subject, e.g. ['bands', '1', 'score']. */
  field: Segment[];
}

const pick = (list: unknown, key: string | undefined): unknown => {
  if (!Array.isArray(list) || key === undefined) return undefined;
  const byId = list.find((element) => isRecord(element) && (element.id === key || element.grade === key || element.name === key));
  if (byId !== undefined) return byId;
  return /^\d+$/.test(key) ? list[Number(key)] : undefined;
};

export function locate(path: string, draft: Draft | undefined): Located {
  const segments = segmentsOf(path);
  const [head, second] = segments;
  switch (head) {
    case 'root': {
      let item = isRecord(draft?.root) ? draft.root : undefined;
      let parent: Draft | undefined;
      let i = 1;
      while (segments[i] === 'children' && segments[i + 1] !== undefined && item) {
        const child = pick(item.children, segments[i + 1]);
        if (!isRecord(child)) break;
        parent = item;
        item = child;
        i += 2;
      }
      return item ? { subject: { kind: 'item', item, parent }, field: segments.slice(i) } : { subject: { kind: 'ruleSet' }, field: ['root'] };
    }
    case 'parameters':
      return second ? { subject: { kind: 'parameter', name: second }, field: segments.slice(2) } : { subject: { kind: 'ruleSet' }, field: ['settings'] };
    case 'inputs':
      return second ? { subject: { kind: 'input', name: second }, field: segments.slice(2) } : { subject: { kind: 'ruleSet' }, field: ['inputs'] };
    case 'derived':
      return second ? { subject: { kind: 'derived', name: second }, field: segments.slice(2) } : { subject: { kind: 'ruleSet' }, field: ['inputs'] };
    case 'grades':
      return { subject: { kind: 'grade', grade: pick(draft?.grades, second) }, field: segments.slice(2) };
    case 'samples':
      return { subject: { kind: 'sample', name: segments[3] ?? '' }, field: [] };
    case 'checks':
      return { subject: { kind: 'check', check: pick(draft?.checks, second) }, field: segments.slice(2) };
    case 'readings':
      return { subject: { kind: 'reading' }, field: segments.slice(2) };
    default:
      return { subject: { kind: 'ruleSet' }, field: segments };
  }
}

const SIMPLE_FIELDS = new Set([
  'weight', 'max', 'floor', 'cap', 'base', 'value', 'score', 'target', 'better', 'when', 'count', 'points', 'limit', 'otherwise', 'repeatWhen', 'repeatMultiplier',
  'oncePerItem', 'label', 'description', 'id', 'kind', 'children', 'weightsSum', 'expr', 'effectiveFrom', 'name', 'version', 'subject', 'period',
  'min', 'unit', 'rounding', 'inputs', 'root', 'settings',
]);

/** The name of a field below its subject ("第 2 档得分", "分值公式"), or undefined for the subject itself. */
export function fieldName(field: Segment[], reader: Reader): string | undefined {
  const { t } = reader;
  const [head, second, third] = field;
  if (head === undefined) return undefined;
  if (head === 'bands' && second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second) + 1;
    if (third === 'bound') return t('f_bandBound', { index });
    if (third === 'op') return t('f_bandOp', { index });
    return t('f_bandScore', { index });
  }
  if (head === 'table' && second !== undefined) return t('f_tableScore', { value: second });
  if (head === 'zeroWhen') return t('f_zeroWhen');
  if (head === 'bounds' || head === 'totalUnit') return t('f_settings');
  if (SIMPLE_FIELDS.has(head)) return t(`f_${head}` as MessageKey);
  return t('f_settings');
}

/** "「周报」的分值公式", "设置「缺勤每天扣分」", "规则集的生效日期". */
export function thingOf(located: Located, reader: Reader, draft: Draft | undefined): string {
  const { t, locale } = reader;
  const field = fieldName(located.field, reader);
  const { subject } = located;
  const labelOf = (group: unknown, name: string) => (isRecord(group) ? localized((group[name] as Draft | undefined)?.label, locale) : undefined) ?? reader.names.get(name)?.label ?? name;
  switch (subject.kind) {
    case 'item': {
      const label = itemLabel(subject.item, reader);
      return field ? t('thingItem', { label, field }) : t('thingItemOnly', { label });
    }
    case 'parameter': {
      const label = labelOf(draft?.parameters, subject.name);
      return !field || located.field[0] === 'value' ? t('thingParameter', { label }) : t('thingParameterField', { label, field });
    }
    case 'input': {
      const label = labelOf(draft?.inputs, subject.name);
      return field ? t('thingInput', { label, field }) : t('thingInputOnly', { label });
    }
    case 'derived':
      return t('thingDerived', { label: labelOf(draft?.derived, subject.name) });
    case 'grade': {
      const grade = isRecord(subject.grade) ? (localized(subject.grade.label, locale) ?? String(subject.grade.grade ?? '')) : '';
      return t('thingGrade', { label: grade, field: field ?? t('f_min') });
    }
    case 'sample':
      return t('thingSample', { label: labelOf(draft?.inputs, subject.name) });
    case 'check':
    case 'reading':
      return t('thingCheck');
    case 'ruleSet':
      return t('thingRuleSet', { field: field ?? t('f_settings') });
  }
}

/** English sentences start with a capital; the `{thing}` that opens many of them does not. */
export function sentence(text: string, reader: Reader): string {
  return reader.locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const COLUMN = /at column (\d+)/;

/** One sentence for a problem, in the UI language, naming what is wrong by its label. */
export function describeProblem(problem: Problem, draft: Draft | undefined, reader: Reader): string {
  const { t, locale } = reader;
  const { message } = problem;
  const located = locate(problem.path, draft);
  const thing = () => thingOf(located, reader, draft);
  const column = COLUMN.exec(message)?.[1];
  const say = (key: MessageKey, values: Record<string, string | number> = {}) => sentence(t(key, values), reader);
  const itemName = () => (located.subject.kind === 'item' ? itemLabel(located.subject.item, reader) : thing());
  let match: RegExpExecArray | null;

  if (problem.path === '' && /JSON/i.test(message)) return say('pJson');
  if (located.subject.kind === 'check') {
    const text = isRecord(located.subject.check) ? localized(located.subject.check.message, locale) : undefined;
    if (text) return text;
  }
  if (located.subject.kind === 'sample') {
    const name = located.subject.name;
    const definition = isRecord(draft?.inputs) ? draft.inputs[name] : undefined;
    return say('pSample', { label: (isRecord(definition) ? localized(definition.label, locale) : undefined) ?? reader.names.get(name)?.label ?? name });
  }
  if (located.subject.kind === 'reading') return say('pReading');
  if (/unexpected end of expression/.test(message)) return say('pIncomplete', { thing: thing(), column: column ?? '?' });
  if ((match = /unknown name '([^']+)'/.exec(message))) return say('pUnknownName', { thing: thing(), name: match[1]! });
  if ((match = /unknown function '([^']+)'/.exec(message))) return say('pUnknownFunction', { thing: thing(), name: match[1]! });
  if (/^(unexpected|expected '|unterminated|comparisons cannot)/.test(message) && column) return say('pSyntax', { thing: thing(), column });
  if ((match = /weights sum to ([\d.]+), but weightsSum says ([\d.]+)/.exec(message))) {
    const percent = Number(match[2]) === 1;
    const show = (n: string) => (percent ? `${numberText(Number(n) * 100, locale)}%` : numberText(Number(n), locale));
    return say('pWeights', { label: itemName(), sum: show(match[1]!), expected: show(match[2]!) });
  }
  if ((match = /children can reach ([\d.]+), more than max ([\d.]+)/.exec(message))) {
    return say('pMax', { label: itemName(), reachable: numberText(Number(match[1]), locale), max: numberText(Number(match[2]), locale) });
  }
  if ((match = /no score for '([^']+)'/.exec(message))) return say('pNoScore', { label: itemName(), value: match[1]! });
  if ((match = /'([^']+)' is not a value of/.exec(message))) return say('pNotAValue', { label: itemName(), value: match[1]! });
  if ((match = /version (\d+) of .* already exists with different content/.exec(message))) return say('pVersionExists', { version: match[1]! });
  if ((match = /version (\d+) is older than the stored version (\d+)/.exec(message))) return say('pVersionOlder', { version: match[1]!, latest: match[2]! });
  if ((match = /item id '([^']+)' is also used/.exec(message))) return say('pDuplicateId', { id: match[1]! });
  if (/depends on itself/.test(message)) return say('pSelfReference', { thing: thing() });
  if ((match = /'([^']+)' is already declared/.exec(message))) return say('pDuplicateName', { name: match[1]! });
  if (/received undefined/.test(message)) return say('pMissing', { thing: thing() });
  if (/Invalid ISO date|Invalid date/i.test(message)) return say('pInvalidDate', { thing: thing() });
  if (/Invalid option|Invalid discriminator|Invalid enum/i.test(message)) return say('pInvalidOption', { thing: thing() });
  if (/expected a boolean|expected boolean|needs a boolean|condition must be boolean/.test(message)) return say('pExpectedBoolean', { thing: thing() });
  if (/expected a number|expected number|needs a number|expected an expression/.test(message)) {
    return /expected an expression/.test(message) ? say('pMissing', { thing: thing() }) : say('pExpectedNumber', { thing: thing() });
  }
  if (/needs a|cannot compare|expects|branches differ|got (enum|boolean|number|series)/.test(message)) return say('pType', { thing: thing() });
  return say('pGeneric', { thing: thing() });
}

/** How a value in a change reads: a formula in words, a number with the unit of what it belongs to. */
function changeValue(value: unknown, located: Located, reader: Reader, draft: Draft | undefined): string {
  const field = located.field;
  const { subject } = located;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && field[0] === 'effectiveFrom') return formatDay(value, reader.locale, 'date');
  if (isRecord(value) || Array.isArray(value)) return localized(value, reader.locale) ?? '…';
  if (field[0] === 'better' && (value === 'higher' || value === 'lower')) return reader.t(value === 'higher' ? 'betterHigher' : 'betterLower');
  let unit: string | undefined;
  if (subject.kind === 'parameter' && (field[0] === 'value' || field.length === 0)) {
    const definition = isRecord(draft?.parameters) ? draft.parameters[subject.name] : undefined;
    unit = isRecord(definition) && typeof definition.unit === 'string' ? definition.unit : reader.names.get(subject.name)?.unit;
  }
  if (subject.kind === 'item' && typeof value === 'number') {
    if (field[0] === 'weight' && weightsArePercent(subject.parent)) unit = 'percent';
    else if (((field[0] === 'bands' && field[2] === 'bound') || field[0] === 'target') && typeof subject.item.valueUnit === 'string') unit = subject.item.valueUnit;
    else if (['max', 'floor', 'cap', 'base', 'points', 'limit', 'otherwise', 'table'].includes(field[0] ?? '') || (field[0] === 'bands' && field[2] === 'score')) unit = 'point';
  }
  return valueWithUnit(value, unit, reader);
}

/** One line per change between two versions; `version` itself is not a change a person makes. */
export function describeChange(change: RuleSetChange, before: Draft, after: Draft, reader: Reader): string | undefined {
  const { t } = reader;
  const segments = segmentsOf(change.path);
  if (change.path === 'version') return undefined;
  const [head] = segments;
  if (head === 'readings') return t('cReadings');
  if (head === 'checks') return t('cChecks');
  if (head === 'samples') return t('cSamples');
  const source = change.change === 'removed' ? before : after;
  const located = locate(change.path, source);
  const { subject, field } = located;
  const value = change.change === 'removed' ? change.before : change.after;
  const label = (group: unknown, name: string) => (isRecord(group) ? localized((group[name] as Draft | undefined)?.label, reader.locale) : undefined) ?? name;

  if (change.change !== 'changed' && field.length === 0) {
    const added = change.change === 'added';
    if (subject.kind === 'item') return sentence(t(added ? 'cItemAdded' : 'cItemRemoved', { label: itemLabel(subject.item, reader) }), reader);
    if (subject.kind === 'parameter') return t(added ? 'cParameterAdded' : 'cParameterRemoved', { label: label(source.parameters, subject.name) });
    if (subject.kind === 'input') return t(added ? 'cInputAdded' : 'cInputRemoved', { label: label(source.inputs, subject.name) });
    if (subject.kind === 'grade') return t('cGrades');
  }
  // An item added inside a block is reported at `…children[id]` with its whole body as the value.
  if (subject.kind === 'item' && field[0] === 'children' && field[1] !== undefined && isRecord(value)) {
    return t(change.change === 'added' ? 'cItemAdded' : 'cItemRemoved', { label: itemLabel(value, reader) });
  }
  if (subject.kind === 'grade') return t('cGrades');
  if (subject.kind === 'ruleSet' && !['effectiveFrom', 'name', 'description', 'subject', 'period'].includes(field[0] ?? '')) return t('cOther');
  const thing = thingOf(located, reader, source);
  // Names and texts are kept in both languages; the other language's change is only mentioned.
  const language = field[field.length - 1];
  if (language === 'en' || language === 'zh-CN') {
    if (language !== reader.locale) return sentence(t('cTranslated', { thing }), reader);
    if (typeof change.before === 'string' && typeof change.after === 'string') return sentence(t('cChanged', { thing, before: change.before, after: change.after }), reader);
  }
  if (change.change === 'added') return sentence(t('cAdded', { thing }), reader);
  if (change.change === 'removed') return sentence(t('cRemoved', { thing }), reader);
  return sentence(
    t('cChanged', {
      thing,
      before: changeValue(change.before, locate(change.path, before), reader, before),
      after: changeValue(change.after, located, reader, after),
    }),
    reader,
  );
}

/** The lines of a diff, each said once (several leaf changes can read the same, e.g. a label in two languages). */
export function describeChanges(changes: RuleSetChange[], before: Draft, after: Draft, reader: Reader): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    const line = describeChange(change, before, after, reader);
    if (line && !lines.includes(line)) lines.push(line);
  }
  return lines;
}

export { readableExpression };
