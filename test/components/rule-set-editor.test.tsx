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
    expect(within(sampleScore()).getByText('订单改动率 14%（≤ 18%） → 80 分 × 10% = 8.0')).toBeTruthy();
  });

  it('recomputes the sample when a band is edited in the form', async () => {
    const { user } = setup();
    const score = screen.getByLabelText('Order-change rate — Band 2 Score');
    await user.clear(score);
    await user.type(score, '90');
    // order change now 90 × 10% = 9 instead of 8 → 83
    expect(within(sampleScore()).getByText('83')).toBeTruthy();
    expect(screen.getByTestId('diff').textContent).toContain('root.children[orderChange].bands[1].score changed: 80 → 90');
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

  it('lists every problem of an invalid edit with its path and never saves it', async () => {
    const { user, onSave } = setup();
    const weight = screen.getByLabelText('Sales-target completion — Weight');
    await user.clear(weight);
    await user.type(weight, '0.6');
    const feedback = screen.getByLabelText('Market-feedback quality — Score for 良');
    await user.clear(feedback);
    await user.type(feedback, 'goodish');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('root.children: weights sum to 1.1, but weightsSum says 1');
    expect(alert.textContent).toContain("root.children[4].table.良: unknown name 'goodish'");
    const save = screen.getByRole('button', { name: 'Save as version 2' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.click(save);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('switches rule sets and edits a boolean parameter with a keyboard-reachable checkbox', async () => {
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

  it('reports a partial sample when an input is missing', () => {
    setup();
    const sample = screen.getByLabelText('Sample inputs (JSON)');
    fireEvent.change(sample, { target: { value: JSON.stringify({ salesTarget: 100 }) } });
    expect(within(sampleScore()).getByText(/Partial: missing salesActual/)).toBeTruthy();
  });

  it('applies raw JSON and rejects broken JSON without touching the draft', async () => {
    setup();
    const raw = screen.getByLabelText('Raw JSON') as HTMLTextAreaElement;
    fireEvent.change(raw, { target: { value: '{ broken' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply JSON' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON/);
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
    expect(await screen.findByText(/version 1 of dealer-quarterly already exists with different content/)).toBeTruthy();
  });

  it('compares with an earlier version', async () => {
    const older = quarterly();
    const newer = { ...quarterly(), version: 2, parameters: { ...quarterly().parameters, priceBreachLimit: { ...quarterly().parameters.priceBreachLimit!, value: 9 } } };
    const { user } = setup('en', [older, newer]);
    await user.selectOptions(screen.getByLabelText('Compare with'), '1');
    const diff = screen.getByTestId('diff').textContent!;
    expect(diff).toContain('version changed: 1 → 3');
    expect(diff).toContain('parameters.priceBreachLimit.value changed: 6 → 9');
  });
});
