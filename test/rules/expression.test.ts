import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionTypeError, type Scope, type Slots } from '../../lib/rules/expr/compile';
import { ExpressionSyntaxError } from '../../lib/rules/expr/lexer';
import { parseExpression } from '../../lib/rules/expr/parser';
import { EvaluationError, type Value, type ValueType } from '../../lib/rules/expr/types';

const VARIABLES: Record<string, { type: ValueType; value: Value | undefined }> = {
  a: { type: { kind: 'number' }, value: 6 },
  b: { type: { kind: 'number' }, value: 4 },
  zero: { type: { kind: 'number' }, value: 0 },
  flag: { type: { kind: 'boolean' }, value: true },
  grade: { type: { kind: 'enum', values: ['优', '良', '中', '差'] }, value: '良' },
  shipments: { type: { kind: 'series' }, value: [10, 20, 30, 40] },
  other: { type: { kind: 'series' }, value: [1, 2, 3, 4] },
  absent: { type: { kind: 'number' }, value: undefined },
};
const names = Object.keys(VARIABLES);
const scope: Scope = (name) => (name in VARIABLES ? { slot: names.indexOf(name) + 1, type: VARIABLES[name]!.type } : undefined);
const slots: Slots = [undefined, ...names.map((name) => VARIABLES[name]!.value)];

function run(source: string): Value {
  return compileExpression(parseExpression(source), scope).evaluate(slots);
}
function typeOf(source: string): string {
  return compileExpression(parseExpression(source), scope).type.kind;
}

describe('expression language', () => {
  it('follows arithmetic precedence and left associativity', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('-a + b')).toBe(-2);
    expect(run('a / b / 3')).toBe(0.5);
  });

  it('reads percent literals as fractions, the way the seeds write thresholds', () => {
    expect(run('6%')).toBeCloseTo(0.06);
    expect(run('a / 100 <= 6%')).toBe(true);
  });

  it('has and/or/not with not binding tighter than and', () => {
    expect(run('not flag and a > b')).toBe(false);
    expect(run('not (flag and a < b)')).toBe(true);
    expect(run('a > b or zero > 1')).toBe(true);
    expect(run('flag && !false')).toBe(true);
  });

  it('compares enums with their values', () => {
    expect(run("grade == '良'")).toBe(true);
    expect(run('grade != "优"')).toBe(true);
  });

  it('computes over series: the average of the last 3 months and element-wise arithmetic', () => {
    expect(run('avg(last(shipments, 3))')).toBe(30); // (20 + 30 + 40) / 3
    expect(run('sum(shipments - other)')).toBe(90); // 9 + 18 + 27 + 36
    expect(run('max(shipments)')).toBe(40);
    expect(run('last(shipments)')).toBe(40);
    expect(run('count(shipments)')).toBe(4);
    expect(run('trailingRises(shipments)')).toBe(3);
    expect(run('trailingBelow(other, 3)')).toBe(0);
    expect(run('trailingBelow(shipments, 100)')).toBe(4);
  });

  it('evaluates only the chosen branch of if()', () => {
    expect(run('if(zero == 0, 0, a / zero)')).toBe(0);
  });

  it('reports division by zero and missing values at run time instead of producing 0', () => {
    expect(() => run('a / zero')).toThrow(EvaluationError);
    expect(() => run('absent + 1')).toThrow(/absent is missing/);
    expect(() => run('avg(last(shipments, 5))')).toThrow(/last 5 periods/);
  });

  it('infers result types', () => {
    expect(typeOf('a / b')).toBe('number');
    expect(typeOf('shipments * 2')).toBe('series');
    expect(typeOf('a >= b')).toBe('boolean');
    expect(typeOf("if(flag, grade, grade)")).toBe('enum');
  });

  it.each([
    ['a +', /unexpected end/],
    ['a + * b', /unexpected '\*'/],
    ['(a + b', /expected '\)'/],
    ['a < b < 3', /cannot be chained/],
    ['a $ b', /unexpected '\$'/],
    ["'open", /unterminated string/],
  ])('rejects the syntax error in %s', (source, message) => {
    expect(() => parseExpression(source)).toThrow(ExpressionSyntaxError);
    expect(() => parseExpression(source)).toThrow(message);
  });

  it.each([
    ['a + flag', /needs numbers or series/],
    ['flag > 1', /needs a number/],
    ['a and flag', /needs a boolean/],
    ['nope + 1', /unknown name 'nope'/],
    ['eval(a)', /unknown function 'eval'/],
    ['sum(a)', /expects one series/],
    ['if(a, 1, 2)', /condition must be boolean/],
    ['if(flag, 1, flag)', /branches differ/],
    ['grade == 3', /cannot compare/],
    ['shipments < 3', /needs a number/],
  ])('rejects the type error in %s', (source, message) => {
    expect(() => compileExpression(parseExpression(source), scope)).toThrow(ExpressionTypeError);
    expect(() => compileExpression(parseExpression(source), scope)).toThrow(message);
  });

  it('says at which column a syntax error is', () => {
    try {
      parseExpression('a * (b + )');
      expect.unreachable();
    } catch (error) {
      expect((error as ExpressionSyntaxError).at).toBe(9); // the ')' after '+'
    }
  });
});
