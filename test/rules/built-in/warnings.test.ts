import { describe, expect, it } from 'vitest';
import { itemAt, scoreWith } from '../helpers';

const calm = { arrears: 100_000, creditLimit: 500_000, monthlyAchievement: [1.02, 1.0, 1.1], inventoryCover: [1.5, 1.4, 1.3], requiredSkusNotCarried: 0 };
const score = (changes: Partial<typeof calm>) => scoreWith('warnings', { ...calm, ...changes });
const raised = (changes: Partial<typeof calm>, id: string) => itemAt(score(changes), id).value;

describe('warnings', () => {
  it('raises nothing for a calm dealer', () => {
    expect(score({}).total).toBe(0);
    expect(score({}).grade).toBe('ok');
  });

  it('warns only when arrears strictly exceed the credit limit', () => {
    expect(raised({ arrears: 499_999 }, 'arrearsOverCredit')).toBe(false);
    expect(raised({ arrears: 500_000 }, 'arrearsOverCredit')).toBe(false);
    expect(raised({ arrears: 500_001 }, 'arrearsOverCredit')).toBe(true);
  });

  it('warns after 3 missed months in a row; a met month resets the run', () => {
    expect(raised({ monthlyAchievement: [0.98, 0.95, 0.9] }, 'targetMissed')).toBe(true);
    expect(raised({ monthlyAchievement: [0.98, 1.01, 0.9] }, 'targetMissed')).toBe(false);
    expect(raised({ monthlyAchievement: [0.9, 0.98, 1.01, 0.9, 0.8] }, 'targetMissed')).toBe(false);
  });

  it('warns when inventory cover rose 2 periods running', () => {
    expect(raised({ inventoryCover: [1.2, 1.1, 1.3, 1.5] }, 'inventoryRising')).toBe(true);
    expect(raised({ inventoryCover: [1.2, 1.3, 1.2, 1.5] }, 'inventoryRising')).toBe(false);
  });

  it('counts every warning raised', () => {
    const result = score({ arrears: 600_000, monthlyAchievement: [0.9, 0.9, 0.9], inventoryCover: [1, 2, 3], requiredSkusNotCarried: 2 });
    expect(result.total).toBe(4);
    expect(result.grade).toBe('warn');
  });
});
