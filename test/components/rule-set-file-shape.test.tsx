// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleSetEditor } from '../../components/rules/index';
import { messages } from '../../components/rules/messages';
import { shapeMessages } from '../../components/rules/shape-messages';
import { getBuiltInRuleSet } from '../../lib/rules/built-in';
import type { RuleSet } from '../../lib/rules/rule-set-schema';

afterEach(cleanup);

const quarterly = (): RuleSet => structuredClone(getBuiltInRuleSet('dealer-quarterly')!.ruleSet);

/** A rule set whose root block holds a block holding a block … `levels` deep. */
function nestedFile(levels: number): string {
  const ruleSet = quarterly() as unknown as Record<string, unknown>;
  let inner: Record<string, unknown> = { id: 'leaf', kind: 'formula', label: { en: 'Leaf', 'zh-CN': '叶' }, expr: '1', weight: 1, max: 1 };
  for (let i = 0; i < levels; i++) inner = { id: `b${i}`, kind: 'block', label: { en: 'B', 'zh-CN': '块' }, weight: 1, max: 1, children: [inner] };
  ruleSet.root = inner;
  return JSON.stringify(ruleSet);
}

async function importText(locale: 'en' | 'zh-CN', text: string) {
  const onSave = vi.fn(async (_ruleSet: RuleSet) => {});
  render(<RuleSetEditor ruleSets={[quarterly()]} onSave={onSave} locale={locale} />);
  const user = userEvent.setup();
  const label = messages[locale].importFile;
  await user.upload(screen.getByLabelText(label), new File([text], 'rules.json', { type: 'application/json' }));
  return onSave;
}

describe('RuleSetEditor: a rule-set file the form cannot walk', () => {
  it('has the same message keys in both languages', () => {
    expect(Object.keys(shapeMessages['zh-CN']).sort()).toEqual(Object.keys(shapeMessages.en).sort());
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`a file nested 1,000 deep shows an error in ${locale} and keeps the form`, async () => {
      const onSave = await importText(locale, nestedFile(1000));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(locale === 'en' ? 'nests deeper than 40 levels' : '嵌套超过 40 层');
      // The page is not blank: the editor still shows the rule set it had, and saving was never offered the file.
      expect(screen.getByLabelText(messages[locale].ruleSet)).toBeTruthy();
      expect(onSave).not.toHaveBeenCalled();
    });

    it(`a file with children: "x" names the field in ${locale}`, async () => {
      const ruleSet = quarterly() as unknown as { root: Record<string, unknown> };
      ruleSet.root = { ...ruleSet.root, children: 'x' };
      await importText(locale, JSON.stringify(ruleSet));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('root.children');
      expect(alert.textContent).toContain(locale === 'en' ? 'must be a list' : '必须是列表');
    });
  }
});
