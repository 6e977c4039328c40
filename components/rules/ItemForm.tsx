import { useState, type ReactNode } from 'react';
import { DisclosureChevron, summaryClass } from './Disclosure';
import { Badge, cn, hintClass, labelClass } from '../ui/index';
import { sentence } from './describe';
import { ExpressionField, NumberField } from './fields';
import {
  blockFormula,
  cleanHelp,
  isRecord,
  itemLabel,
  linkedParameter,
  localized,
  namesSomething,
  readableExpression,
  unitWord,
  valueWithUnit,
  weightText,
  weightsArePercent,
  type Draft,
  type Reader,
} from './readable';

type Path = (string | number)[];

export interface ItemContext {
  reader: Reader;
  /** The unit of scores in this rule set ("分", "元"). */
  scoreUnit: string;
  onChange: (path: Path, value: unknown) => void;
  /** Where a setting's field is, so a value set by a setting can point to it. */
  parameterHref: (name: string) => string;
}

const OPS: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' };

/**
 * A number of an item: editable when it is a number (or a plain "18%"), shown as "set by
 * 「setting」" when a setting decides it, and in words when it is worked out from a formula.
 */
function ValueControl({
  label,
  context,
  value,
  path,
  unit,
  percent,
  size,
  hideLabel,
  ctx,
}: {
  label: string;
  context: string;
  value: unknown;
  path: Path;
  unit?: string;
  percent?: boolean;
  size?: 'sm';
  hideLabel?: boolean;
  ctx: ItemContext;
}) {
  const { reader } = ctx;
  const { t } = reader;
  const linked = linkedParameter(value, reader);
  // A number field stays one while the admin types (a letter typed by mistake is named as a
  // problem, not turned into prose); the tree is remounted when the draft is replaced.
  const [typed] = useState(() => !linked && !namesSomething(value));
  if (!typed && (linked || namesSomething(value))) {
    return (
      <div className="col-span-full flex min-w-0 flex-col gap-1">
        <span className={cn(labelClass, hideLabel && 'sr-only')}>{label}</span>
        <p className="m-0 text-sm text-ink">
          {linked ? (
            <>
              {t('usesParameter', { label: linked.info.label, value: valueWithUnit(linked.info.value, linked.info.unit, reader) })}{' '}
              <a className="text-accent-hover underline underline-offset-2" href={ctx.parameterHref(linked.name)}>
                {t('editInSettings')}
              </a>
            </>
          ) : (
            t('computed', { text: readableExpression(value, reader) })
          )}
        </p>
      </div>
    );
  }
  return (
    <NumberField
      label={label}
      context={context}
      value={value}
      unit={percent && typeof value === 'number' ? '%' : unit}
      percent={percent && typeof value === 'number'}
      hideLabel={hideLabel}
      className={size === 'sm' ? '[&_input]:w-20' : undefined}
      onChange={(next) => ctx.onChange(path, next)}
    />
  );
}

/** A line of how an item is scored: "得分 = 较小值（完成率得分上限，数值 × 100）". */
function RuleLine({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5 sm:flex-row sm:gap-2">
      <dt className="shrink-0 text-sm text-muted sm:w-28">{term}</dt>
      <dd className="m-0 min-w-0 text-sm break-words text-ink">{children}</dd>
    </div>
  );
}

/** Every formula of an item, for the "Edit formulas" disclosure: [path, field name, value]. */
function formulasOf(item: Draft, path: Path, reader: Reader): [Path, string, unknown][] {
  const { t } = reader;
  const out: [Path, string, unknown][] = [];
  for (const key of ['value', 'score', 'target', 'when', 'count', 'repeatWhen'] as const) {
    if (typeof item[key] === 'string') out.push([[...path, key], t(`f_${key}`), item[key]]);
  }
  for (const key of ['weight', 'floor', 'cap', 'base', 'points', 'limit', 'otherwise', 'oncePerItem'] as const) {
    if (namesSomething(item[key])) out.push([[...path, key], t(`f_${key}`), item[key]]);
  }
  if (Array.isArray(item.zeroWhen)) {
    item.zeroWhen.forEach((rule, i) => {
      if (isRecord(rule)) out.push([[...path, 'zeroWhen', i, 'when'], `${t('f_zeroWhen')} ${i + 1}`, rule.when]);
    });
  }
  if (Array.isArray(item.bands)) {
    item.bands.forEach((band, i) => {
      if (isRecord(band) && namesSomething(band.bound)) out.push([[...path, 'bands', i, 'bound'], t('f_bandBound', { index: i + 1 }), band.bound]);
    });
  }
  return out;
}

/** How an item is scored and the numbers an admin tunes; blocks list their items below. */
function ItemBody({ item, parent, path, ctx, root = false }: { item: Draft; parent?: Draft; path: Path; ctx: ItemContext; root?: boolean }) {
  const { reader, scoreUnit } = ctx;
  const { t, locale } = reader;
  const label = itemLabel(item, reader);
  const kind = item.kind;
  const description = localized(item.description, locale);
  const set = (...keys: Path) => [...path, ...keys];
  const children = Array.isArray(item.children) ? item.children.filter(isRecord) : [];
  const bands = Array.isArray(item.bands) ? item.bands : [];
  const table = isRecord(item.table) ? item.table : undefined;
  const zeroWhen = Array.isArray(item.zeroWhen) ? item.zeroWhen.filter(isRecord) : [];
  const formulas = formulasOf(item, path, reader);
  const valueUnit = typeof item.valueUnit === 'string' ? item.valueUnit : undefined;
  const once = item.oncePerItem === true || (linkedParameter(item.oncePerItem, reader)?.info.value ?? false) === true;

  const lines: [string, ReactNode][] = [];
  if (kind === 'block' && children.length > 0 && !root) lines.push([t('scoreLine'), blockFormula(item, reader, false)]);
  if (item.value !== undefined && kind !== 'block') lines.push([t('valueLine'), readableExpression(item.value, reader)]);
  if (kind === 'formula' && item.score !== undefined) lines.push([t('scoreLine'), readableExpression(item.score, reader)]);
  if ((kind === 'formula' || kind === 'bands') && (item.target !== undefined || item.better !== undefined)) {
    const target = typeof item.target === 'number' ? valueWithUnit(item.target, valueUnit, reader) : item.target !== undefined ? readableExpression(item.target, reader) : undefined;
    const better = item.better === 'higher' ? t('betterHigher') : item.better === 'lower' ? t('betterLower') : undefined;
    lines.push([t('targetLine'), [target, better].filter(Boolean).join(' · ')]);
  }
  if (kind === 'flag') lines.push([t('conditionLine'), readableExpression(item.when, reader)]);
  if (kind === 'deduction') {
    lines.push([t('countLine'), readableExpression(item.count, reader)]);
    if (once) lines.push(['', t('oncePerItem')]);
    if (item.repeatWhen !== undefined) lines.push([t('repeatLine'), readableExpression(item.repeatWhen, reader)]);
  }
  for (const rule of zeroWhen) lines.push([t('zeroLine'), localized(rule.reason, locale) ?? readableExpression(rule.when, reader)]);

  const percentWeight = weightsArePercent(parent);
  const numbers: ReactNode[] = [];
  if (!root && kind !== 'deduction' && kind !== 'flag') {
    numbers.push(<ValueControl key="weight" label={t('weight')} context={label} value={item.weight ?? 1} path={set('weight')} percent={percentWeight} ctx={ctx} />);
  }
  if (item.max !== undefined) numbers.push(<ValueControl key="max" label={t('max')} context={label} value={item.max} path={set('max')} unit={scoreUnit} ctx={ctx} />);
  if (item.base !== undefined && item.base !== 0) numbers.push(<ValueControl key="base" label={t('base')} context={label} value={item.base} path={set('base')} unit={scoreUnit} ctx={ctx} />);
  if (item.floor !== undefined) numbers.push(<ValueControl key="floor" label={t('floor')} context={label} value={item.floor} path={set('floor')} unit={scoreUnit} ctx={ctx} />);
  if (item.cap !== undefined) numbers.push(<ValueControl key="cap" label={t('cap')} context={label} value={item.cap} path={set('cap')} unit={scoreUnit} ctx={ctx} />);
  if (kind === 'deduction') {
    numbers.push(<ValueControl key="points" label={t('points')} context={label} value={item.points} path={set('points')} unit={scoreUnit} ctx={ctx} />);
    if (item.limit !== undefined) numbers.push(<ValueControl key="limit" label={t('limit')} context={label} value={item.limit} path={set('limit')} unit={scoreUnit} ctx={ctx} />);
  }

  return (
    <div className="flex min-w-0 flex-col gap-3">
      {description && !root && <p className={hintClass}>{cleanHelp(description, reader)}</p>}
      {lines.length > 0 && (
        <dl className="m-0 flex flex-col gap-1.5">
          {lines.map(([term, text], i) => (
            <RuleLine key={i} term={term}>
              {text}
            </RuleLine>
          ))}
        </dl>
      )}
      {numbers.length > 0 && <div className="grid grid-cols-[repeat(auto-fill,minmax(150px,1fr))] gap-3">{numbers}</div>}

      {kind === 'bands' && (
        <div role="group" aria-label={`${label} — ${t('bands')}`} className="flex flex-col gap-2">
          <p className={cn(labelClass, 'm-0')}>{t('bands')}</p>
          <ol className="m-0 flex list-none flex-col gap-2 p-0">
            {bands.map((band, index) =>
              isRecord(band) ? (
                <li key={index} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
                  <span aria-hidden="true" className="w-4 text-center text-muted">
                    {OPS[String(band.op)] ?? String(band.op)}
                  </span>
                  <ValueControl
                    label={t('bandBound', { index: index + 1 })}
                    context={label}
                    value={band.bound}
                    path={set('bands', index, 'bound')}
                    unit={typeof band.bound === 'number' ? unitWord(valueUnit, t) : undefined}
                    percent={valueUnit === 'percent'}
                    size="sm"
                    hideLabel
                    ctx={ctx}
                  />
                  <span aria-hidden="true" className="text-muted">
                    →
                  </span>
                  <ValueControl label={t('bandScore', { index: index + 1 })} context={label} value={band.score} path={set('bands', index, 'score')} unit={scoreUnit} size="sm" hideLabel ctx={ctx} />
                </li>
              ) : null,
            )}
            <li className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
              <span className="text-sm text-muted">{t('otherwiseRow')}</span>
              <span aria-hidden="true" className="text-muted">
                →
              </span>
              <ValueControl label={t('otherwise')} context={label} value={item.otherwise} path={set('otherwise')} unit={scoreUnit} size="sm" hideLabel ctx={ctx} />
            </li>
          </ol>
          <p className={hintClass}>{t('bandsHint')}</p>
        </div>
      )}

      {kind === 'table' && table && (
        <div role="group" aria-label={`${label} — ${t('tableHeading')}`} className="flex flex-col gap-2">
          <p className={cn(labelClass, 'm-0')}>{t('tableHeading')}</p>
          <ul className="m-0 flex list-none flex-col gap-2 p-0">
            {Object.entries(table).map(([value, score]) => (
              <li key={value} className="flex min-w-0 items-center gap-2">
                <span className="min-w-8 text-sm font-medium">{value}</span>
                <span aria-hidden="true" className="text-muted">
                  →
                </span>
                <ValueControl label={t('tableScore', { value })} context={label} value={score} path={set('table', value)} unit={scoreUnit} size="sm" hideLabel ctx={ctx} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {children.length > 0 && (
        <ul className={cn('m-0 flex list-none flex-col gap-2 p-0', !root && 'border-l-2 border-line pl-2')}>
          {children.map((child, index) => (
            <ItemCard key={typeof child.id === 'string' ? child.id : index} item={child} parent={item} path={[...path, 'children', index]} ctx={ctx} />
          ))}
        </ul>
      )}

      {formulas.length > 0 && (
        <details className="min-w-0 rounded-md border border-dashed border-line">
          <summary className={cn(summaryClass, 'min-h-8 py-1.5')}>
            <DisclosureChevron />
            {t('expressions')}
          </summary>
          <div className="flex flex-col gap-3 border-t border-dashed border-line p-3">
            <p className={hintClass}>{t('expressionsHint')}</p>
            {formulas.map(([at, field, value]) => (
              <ExpressionField key={at.join('.')} label={sentence(field, reader)} context={label} value={value} onChange={(next) => ctx.onChange(at, next)} />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

/** One item as a disclosure: its label and weight in the summary, how it scores inside. */
function ItemCard({ item, parent, path, ctx }: { item: Draft; parent: Draft; path: Path; ctx: ItemContext }) {
  const { reader, scoreUnit } = ctx;
  const { t } = reader;
  const label = itemLabel(item, reader);
  const percent = weightsArePercent(parent);
  let meta: ReactNode = null;
  if (item.kind === 'deduction') meta = <Badge tone="warn">{t('deductionBadge')}</Badge>;
  else if (item.kind === 'flag') meta = <Badge tone="warn">{t('flagBadge')}</Badge>;
  else if (percent) meta = weightText(item.weight ?? 1, true, reader);
  else if (typeof item.max === 'number') meta = t('maxPoints', { points: `${item.max}${scoreUnit && scoreUnit !== '%' ? ` ${scoreUnit}` : ''}` });
  return (
    <li className="min-w-0">
      <details className="min-w-0 rounded-lg border border-line bg-surface">
        <summary className={cn(summaryClass, 'min-h-10 px-2.5 text-base font-normal')}>
          <DisclosureChevron />
          <span className="min-w-0 flex-1 font-medium break-words">{label}</span>
          {meta && <span className="shrink-0 text-sm whitespace-nowrap text-muted tabular-nums">{meta}</span>}
        </summary>
        <div className="border-t border-line px-2.5 py-3">
          <ItemBody item={item} parent={parent} path={path} ctx={ctx} />
        </div>
      </details>
    </li>
  );
}

/** The scored items of a rule set: the total as one line, then each item to open. */
export function ItemTree({ root, ctx }: { root: unknown; ctx: ItemContext }) {
  if (!isRecord(root)) return null;
  const { reader } = ctx;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <p className="m-0 rounded-md bg-soft px-3 py-2 text-sm break-words text-ink">
        {root.kind === 'block' ? blockFormula(root, reader) : `${itemLabel(root, reader)} = ${readableExpression(root.score ?? root.value, reader)}`}
      </p>
      <ItemBody item={root} path={['root']} ctx={ctx} root />
    </div>
  );
}
