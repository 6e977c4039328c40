import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionTypeError, type Scope } from '../../lib/rules/expr/compile';
import { ExpressionSyntaxError, tokenize } from '../../lib/rules/expr/lexer';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_TREE_DEPTH, parseExpression } from '../../lib/rules/expr/parser';
import { MAX_RULE_SET_DEPTH, parseRuleSet, ruleSetShapeProblem } from '../../lib/rules/load';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';

const scope: Scope = (name) => (name === 'a' ? { slot: 0, type: { kind: 'number' } } : undefined);
const run = (source: string) => compileExpression(parseExpression(source), scope).evaluate([2]);

function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${source.slice(0, 40)}…" parsed`);
}

describe('rule expressions: depth limits', () => {
  it('refuses brackets nested 100,000 deep with a message naming the limit, not a stack overflow', () => {
    const deep = '('.repeat(100_000) + 'a' + ')'.repeat(100_000);
    const error = syntaxError(deep);
    expect(error.message).toContain(`more than ${MAX_EXPRESSION_DEPTH} levels deep`);
    expect(error.at).toBe(MAX_EXPRESSION_DEPTH);
  });

  it('refuses deep prefix signs and nested calls the same way', () => {
    expect(syntaxError('-'.repeat(50_000) + 'a').message).toContain('levels deep');
    expect(syntaxError('abs('.repeat(50_000) + 'a' + ')'.repeat(50_000)).message).toContain('levels deep');
  });

  it('refuses a chain of operations longer than the tree limit', () => {
    const chain = Array.from({ length: 100_000 }, () => 'a').join(' + ');
    expect(syntaxError(chain).message).toContain(`more than ${MAX_EXPRESSION_TREE_DEPTH} operations`);
  });

  it('still reads expressions up to the limits', () => {
    const depth = MAX_EXPRESSION_DEPTH - 1;
    expect(run('('.repeat(depth - 1) + 'a' + ')'.repeat(depth - 1))).toBe(2);
    expect(run(Array.from({ length: 200 }, () => 'a').join(' + '))).toBe(400);
  });
});

describe('rule expressions: names are looked up as own properties only', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('"%s" is a name, not an operator', (word) => {
    const tokens = tokenize(`${word} + 1`);
    expect(tokens[0]).toEqual({ kind: 'ident', name: word, at: 0 });
    expect(() => compileExpression(parseExpression(`${word} + 1`), scope)).toThrow(new ExpressionTypeError(`unknown name '${word}'`, 0));
  });

  it.each(['toString', 'constructor', 'hasOwnProperty'])('"%s(a)" is an unknown function, not a prototype member', (word) => {
    expect(() => compileExpression(parseExpression(`${word}(a)`), scope)).toThrow(`unknown function '${word}'`);
  });
});

describe('rule-set files: shape before schema', () => {
  const base = () => structuredClone(getBuiltInRuleSet('dealer-quarterly')!.ruleSet) as unknown as Record<string, unknown>;

  function nested(levels: number) {
    let inner: Record<string, unknown> = { id: 'leaf', kind: 'formula', expr: '1' };
    for (let i = 0; i < levels; i++) inner = { id: `b${i}`, kind: 'block', children: [inner] };
    return { ...base(), root: inner };
  }

  it('names a file nested 1,000 deep instead of overflowing', () => {
    const result = parseRuleSet(JSON.stringify(nested(1000)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(`deeper than ${MAX_RULE_SET_DEPTH} levels`);
    expect(result.errors[0]!.path.startsWith('root.children[0].children[0]')).toBe(true);
  });

  it('names children that are not a list', () => {
    const ruleSet = base();
    ruleSet.root = { ...(ruleSet.root as object), children: 'x' };
    expect(ruleSetShapeProblem(ruleSet)).toEqual({ kind: 'notList', path: 'root.children', field: 'children' });
    const result = parseRuleSet(ruleSet);
    expect(result.ok ? [] : result.errors).toEqual([{ path: 'root.children', message: '"children" must be a list ([…])' }]);
  });

  it('lets every built-in rule set through unchanged', () => {
    for (const id of ['dealer-quarterly', 'sales-rep-monthly']) {
      const ruleSet = getBuiltInRuleSet(id)!.ruleSet;
      expect(ruleSetShapeProblem(ruleSet)).toBeUndefined();
      expect(parseRuleSet(ruleSet).ok).toBe(true);
    }
  });
});
