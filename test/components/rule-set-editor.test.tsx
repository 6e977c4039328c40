// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleSetEditor } from '../../components/rules/index';
import { messages } from '../../components/rules/messages';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import type { RuleSet } from '../../lib/rules/rule-set-schema';

afterEach(cleanup);

const quarterly = (): RuleSet => structuredClone(getBuiltInRuleSet('dealer-quarterly')!.ruleSet);
const repMonthly = (): RuleSet => structuredClone(getBuiltInRuleSet('sales-rep-monthly')!.ruleSet);

function setup(locale: 'en' | 'zh-CN' = 'en', ruleSets: RuleSet[] = [quarterly(), repMonthly()]) {
  const onSave = vi.fn(async (_ruleSet: RuleSet) => {});
  render(<RuleSetEditor ruleSets={ruleSets} onSave={onSave} locale={locale} />);
  return { onSave, user: userEvent.setup() };
}

const sampleScore = () => screen.getByTestId('sample-score');

describe('RuleSetEditor', () => {
  it('has the same message keys in both languages', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('shows the live sample score with explanations', () => {
    setup('zh-CN');
    // Sample quarter: 46 + 16 + 8 + 4 + 8 + 3 − 3 = 82 → 良好
    expect(within(sampleScore()).getByText('82')).toBeTruthy();
    expect(within(sampleScore()).getByText('良好')).toBeTruthy();
    expect(within(sampleScore()).getByText('订单改动率 14%（≤ 18%） → 80 分 × 10% = 8.0')).toBeTruthy();
  });

  it('speaks to an admin: labels, units and formulas in words, no technical names or seed lines', async () => {
    const { user } = setup('zh-CN');
    await user.selectOptions(screen.getByLabelText('规则集'), 'sales-rep-monthly');
    const settings = screen.getByRole('region', { name: '可调设置' });
    const items = screen.getByRole('region', { name: '考核项' });
    // The total as one line, weights in percent.
    expect(items.textContent!.replace(/\u00a0/g, ' ')).toContain('月度考核得分 = 日常工作 × 70% + 出勤 × 30%');
    // A setting with its unit and help text; a deduction set by that setting says so by label.
    expect(within(settings).getByLabelText('经销商管理每项扣分')).toHaveProperty('value', '5');
    expect(items.textContent).toContain('由“经销商管理每项扣分”决定：5 分');
    for (const region of [settings, items]) {
      expect(region.textContent).not.toMatch(/dealerDeduction|dealerDeductOncePerItem|keyAccountZeroAtMissing|种子|seed/);
    }
    // A percentage setting is shown as a percentage.
    await user.selectOptions(screen.getByLabelText('规则集'), 'dealer-quarterly');
    expect(screen.getByLabelText('完成率低于此值得 0 分')).toHaveProperty('value', '60');
  });

  it('recomputes the sample when a band is edited in the form, and says what changed', async () => {
    const { user } = setup();
    const score = screen.getByLabelText('Order-change rate — Band 2 score');
    await user.clear(score);
    await user.type(score, '90');
    // order change now 90 × 10% = 9 instead of 8 → 83
    expect(within(sampleScore()).getByText('83')).toBeTruthy();
    const diff = screen.getByTestId('diff').textContent!;
    expect(diff).toContain('The band 2 score of “Order-change rate”: 80 pts → 90 pts');
    expect(diff).toContain('1 change from version 1');
  });

  it('saves a valid edit as the next version', async () => {
    const { user, onSave } = setup();
    const points = screen.getByLabelText('Points per price-policy breach');
    await user.clear(points);
    await user.type(points, '4');
    await user.click(screen.getByRole('button', { name: 'Save as version 2' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const saved = onSave.mock.calls[0]![0];
    expect(saved).toMatchObject({ id: 'dealer-quarterly', version: 2 });
    expect(saved.parameters.priceBreachPoints!.value).toBe(4);
    expect(screen.getByRole('status').textContent).toContain('Saved version 2');
  });

  it('names every problem of an invalid edit in a sentence, keeps the paths in a disclosure, and never saves it', async () => {
    const { user, onSave } = setup();
    const weight = screen.getByLabelText('Sales-target completion — Weight');
    expect(weight).toHaveProperty('value', '50');
    await user.clear(weight);
    await user.type(weight, '60');
    const feedback = screen.getByLabelText('Market-feedback quality — Score for 良');
    await user.clear(feedback);
    await user.type(feedback, 'goodish');
    const alert = screen.getByRole('alert');
    const sentences = within(alert).getAllByRole('listitem').map((li) => li.textContent);
    expect(sentences).toContain('The weights under “Quarterly score” add up to 110%; they must add up to 100%.');
    expect(sentences).toContain('The score for “良” of “Market-feedback quality” uses “goodish”, which is neither an input nor a setting.');
    const technical = alert.querySelector('details')!;
    expect(technical.textContent).toContain("root.children[4].table.良: unknown name 'goodish'");
    expect(technical.open).toBe(false);
    const save = screen.getByRole('button', { name: 'Save as version 2' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.click(save);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says in Chinese where a formula is incomplete', async () => {
    const { user } = setup('zh-CN');
    const formula = screen.getByLabelText('销售目标完成率 — 分值公式');
    await user.clear(formula);
    await user.type(formula, 'min(completionCap,');
    const alert = screen.getByRole('alert');
    expect(within(alert).getAllByRole('listitem')[0]!.textContent).toBe('「销售目标完成率」的分值公式在第 19 个字符处不完整。');
    expect(alert.querySelector('details')!.textContent).toContain('root.children[0].score: unexpected end of expression at column 19');
  });

  it('switches rule sets and edits a boolean setting with a keyboard-reachable checkbox', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Rule set'), 'sales-rep-monthly');
    // Sample month: 56 + 27.6 = 83.6
    expect(within(sampleScore()).getByText('83.6')).toBeTruthy();
    const perItem = screen.getByLabelText('Deduct once per item (not per occurrence)');
    perItem.focus();
    await user.keyboard(' ');
    // per occurrence: the 2 late daily reports cost 10 → dealer management 15 → (15 + 60) × 0.7 = 52.5 + 27.6 = 80.1
    expect(within(sampleScore()).getByText('80.1')).toBeTruthy();
  });

  it('edits the example by label and reports a partial score by label', async () => {
    const { user } = setup();
    await user.clear(screen.getByLabelText('Quarterly sales'));
    expect(within(sampleScore()).getByText(/Partial: missing Quarterly sales/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore the example' }));
    expect(within(sampleScore()).getByText('82')).toBeTruthy();
  });

  it('applies raw JSON and rejects broken JSON without touching the draft', async () => {
    setup();
    const raw = screen.getByLabelText('Rule-set JSON') as HTMLTextAreaElement;
    fireEvent.change(raw, { target: { value: '{ broken' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply JSON' }));
    expect(screen.getByRole('alert').textContent).toMatch(/This JSON has a mistake/);
    const edited = quarterly();
    edited.version = 2;
    edited.parameters.priceBreachLimit!.value = 9;
    fireEvent.change(raw, { target: { value: JSON.stringify(edited) } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply JSON' }));
    expect((screen.getByLabelText('Most deducted for price breaches') as HTMLInputElement).value).toBe('9');
  });

  it('imports a rule-set file and shows the version conflict of a stale one', async () => {
    const { user } = setup('en', [quarterly(), { ...quarterly(), version: 2 }]);
    const stale = quarterly();
    stale.parameters.priceBreachPoints!.value = 5; // version 1 with different content
    const file = new File([JSON.stringify(stale)], 'quarterly.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import a rule-set file'), file);
    expect(await screen.findByText('Version 1 already exists with different content: raise the version number.')).toBeTruthy();
  });

  it('compares with an earlier version in words', async () => {
    const older = quarterly();
    const newer = { ...quarterly(), version: 2, parameters: { ...quarterly().parameters, priceBreachLimit: { ...quarterly().parameters.priceBreachLimit!, value: 9 } } };
    const { user } = setup('en', [older, newer]);
    expect(screen.getByTestId('diff').textContent).toContain('No changes from version 2.');
    await user.selectOptions(screen.getByLabelText('Compare with'), '1');
    const diff = screen.getByTestId('diff').textContent!;
    expect(diff).toContain('The setting “Most deducted for price breaches”: 6 pts → 9 pts');
    expect(diff).not.toMatch(/version changed/);
  });
});
