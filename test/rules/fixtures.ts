import type { RuleSetInput } from '../../lib/rules/rule-set-schema';

const label = (en: string, zh = en) => ({ en, 'zh-CN': zh });

/** A small rule set in the shape of the quarterly template, for tests that edit it. */
export function miniRuleSet(): RuleSetInput {
  return {
    id: 'mini',
    version: 1,
    effectiveFrom: '2026-01-01',
    name: label('Mini', '迷你'),
    description: label('Test rule set', '测试规则'),
    subject: 'dealer',
    period: 'quarter',
    parameters: { breachPoints: { value: 3, label: label('Breach points') } },
    inputs: {
      target: { type: 'number', unit: 'CNY', min: 0, label: label('Target', '目标') },
      actual: { type: 'number', unit: 'CNY', min: 0, label: label('Actual', '实际') },
      changeRate: { type: 'number', unit: 'percent', min: 0, label: label('Order-change rate', '订单改动率') },
      feedback: { type: 'enum', values: ['优', '良', '中', '差'], label: label('Feedback', '反馈') },
      breaches: { type: 'number', unit: 'count', min: 0, label: label('Breaches', '违规') },
    },
    derived: { completion: { expr: 'actual / target', unit: 'percent', label: label('Completion', '完成率') } },
    root: {
      kind: 'block',
      id: 'total',
      label: label('Total', '总分'),
      max: 100,
      floor: 0,
      weightsSum: 1,
      children: [
        { kind: 'formula', id: 'sales', label: label('Sales', '销售'), weight: 0.6, max: 100, value: 'completion', valueUnit: 'percent', score: 'min(100, value * 100)' },
        {
          kind: 'bands',
          id: 'changes',
          label: label('Order-change rate', '订单改动率'),
          weight: 0.2,
          max: 100,
          value: 'changeRate',
          valueUnit: 'percent',
          bands: [
            { op: '<=', bound: '6%', score: 100 },
            { op: '<=', bound: '18%', score: 80 },
          ],
          otherwise: 0,
        },
        { kind: 'table', id: 'quality', label: label('Feedback', '反馈'), weight: 0.2, max: 100, value: 'feedback', table: { 优: 100, 良: 80, 中: 60, 差: 0 } },
        { kind: 'deduction', id: 'breach', label: label('Breach', '违规'), count: 'breaches', points: 'breachPoints', limit: 6 },
      ],
    },
    samples: [{ name: 'sample', inputs: { target: 100, actual: 90, changeRate: 0.14, feedback: '良', breaches: 1 } }],
  };
}
