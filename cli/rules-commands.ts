import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getBuiltInRuleSet, listBuiltInRuleSets } from '../lib/rules/built-in';
import { parseRuleSet } from '../lib/rules/load';
import type { RuleItem } from '../lib/rules/rule-set-schema';
import { formatTable, printLines, UserError, type Io } from './io';

export type Lang = 'en' | 'zh-CN';

export function listRules(io: Io, lang: Lang): number {
  const rows = listBuiltInRuleSets().map((r) => [r.id, `v${r.version}`, r.effectiveFrom, r.subject, r.period, r.name[lang]]);
  printLines(io.out, formatTable(['id', 'version', 'effective', 'subject', 'period', 'name'], rows));
  return 0;
}

export function showRules(io: Io, id: string | undefined, lang: Lang, asJson: boolean): number {
  if (!id) throw new UserError('usage: fieldkit rules show <id>');
  const compiled = getBuiltInRuleSet(id);
  if (!compiled) throw new UserError(`no built-in rule set "${id}" (see: fieldkit rules list)`);
  const { ruleSet } = compiled;
  if (asJson) {
    io.out.write(JSON.stringify(ruleSet, null, 2) + '\n');
    return 0;
  }
  const lines = [`${ruleSet.name[lang]} (${ruleSet.id} v${ruleSet.version}, effective ${ruleSet.effectiveFrom})`, '', ruleSet.description[lang], '', 'Inputs:'];
  lines.push(
    ...formatTable(
      ['name', 'type', 'unit', 'meaning'],
      Object.entries(ruleSet.inputs).map(([name, input]) => [
        name,
        input.type === 'enum' ? `enum(${input.values.join('/')})` : input.type,
        'unit' in input && input.unit ? input.unit : '',
        input.label[lang],
      ]),
    ).map((line) => `  ${line}`),
  );
  if (Object.keys(ruleSet.parameters).length) {
    lines.push('', 'Parameters:');
    lines.push(...formatTable(['name', 'value', 'unit', 'meaning'], Object.entries(ruleSet.parameters).map(([name, p]) => [name, String(p.value), p.unit ?? '', p.label[lang]])).map((l) => `  ${l}`));
  }
  lines.push('', 'Items:');
  const walk = (item: RuleItem, depth: number) => {
    const weight = item.weight === 1 ? '' : ` × ${item.weight}`;
    lines.push(`${'  '.repeat(depth + 1)}${item.id} [${item.kind}${weight}] ${item.label[lang]}`);
    if (item.kind === 'block') for (const child of item.children) walk(child, depth + 1);
  };
  walk(ruleSet.root, 0);
  if (ruleSet.grades.length) lines.push('', 'Grades:', ...ruleSet.grades.map((g) => `  ≥ ${g.min}: ${g.grade}${g.label ? ` ${g.label[lang]}` : ''}${g.note ? ` — ${g.note[lang]}` : ''}`));
  if (ruleSet.readings.length) lines.push('', 'Readings:', ...ruleSet.readings.map((r) => `  - ${r.text[lang]}${r.parameter ? ` [${r.parameter}]` : ''}`));
  printLines(io.out, lines);
  return 0;
}

export function validateRules(io: Io, file: string | undefined): number {
  if (!file) throw new UserError('usage: fieldkit rules validate <file>');
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    throw new UserError(`cannot read ${file}`);
  }
  const result = parseRuleSet(text);
  if (!result.ok) {
    printLines(io.err, [`${file}: invalid rule set (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'})`, ...result.errors.map((e) => `  ${e.path || '(root)'}: ${e.message}`)]);
    return 1;
  }
  printLines(io.out, [`${file}: ok (${result.ruleSet.id} v${result.ruleSet.version})`, ...result.warnings.map((w) => `  warning ${w.path}: ${w.message}`)]);
  return 0;
}
