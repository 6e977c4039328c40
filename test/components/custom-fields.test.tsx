// @vitest-environment jsdom
/*
 * An entry's added template fields, in both languages: each type edits into the entry's `extra`
 * (a number with its unit, a choice, a SKU checklist answered per SKU, a customer from the
 * dealers, a date), entry problems show at their field, and the reading layout says each value in
 * words with the labels of the version the entry was written with — also after the template
 * changed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CustomFields } from '../../components/reports/CustomFields';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import type { Template } from '../../lib/reports/schema';
import { copyBuiltIn } from '../../lib/reports/template-store';
import { validateEntryAgainstTemplate } from '../../lib/reports/template-validate';
import { DEALER } from '../fixtures/dealer-history';

let db: FieldkitDatabase;
afterEach(async () => {
  cleanup();
  await db?.delete();
});

const TEMPLATE: Template = {
  ...copyBuiltIn('daily', new Date('2026-12-01T08:00:00Z')),
  fields: [
    { key: 'facings', type: 'number', label: { 'zh-CN': '陈列面数', en: 'Display facings' }, required: true, unit: 'case' },
    { key: 'channel', type: 'choice', label: { 'zh-CN': '渠道', en: 'Channel' }, required: true, choices: [{ value: 'c1', label: { 'zh-CN': '批发', en: 'Wholesale' } }, { value: 'c2', label: { 'zh-CN': '零售', en: 'Retail' } }] },
    { key: 'focus', type: 'skuChecklist', label: { 'zh-CN': '主推品种', en: 'Focus SKUs' }, required: true, skus: ['HX7 4L', 'HX5 1L'] },
    { key: 'partner', type: 'customer', label: { 'zh-CN': '同行客户', en: 'Customer visited with' }, required: false },
    { key: 'nextVisit', type: 'date', label: { 'zh-CN': '下次拜访', en: 'Next visit' }, required: false, hint: { 'zh-CN': '约好的日子', en: 'The day agreed' } },
    { key: 'note', type: 'text', label: { 'zh-CN': '备注', en: 'Note' }, required: false },
  ],
};

async function withDb(locale: Locale, ui: React.ReactNode) {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await db.dealers.put(DEALER);
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>{ui}</LocaleProvider>
    </DatabaseProvider>,
  );
}

function Editable({ onValues }: { onValues: (values: Record<string, unknown>) => void }) {
  const [values, setValues] = useState<Record<string, unknown>>({});
  return (
    <CustomFields
      template={TEMPLATE}
      values={values}
      onChange={(next) => {
        setValues(next);
        onValues(next);
      }}
      problems={validateEntryAgainstTemplate(TEMPLATE, { content: { kind: 'daily', todayWork: ['x'], tomorrowPlan: ['y'], problems: [] }, extra: values })}
    />
  );
}

const WORDS = {
  'zh-CN': { focus: '主推品种', facings: '陈列面数', unit: '箱', channel: '渠道', retail: '零售', yes: '是', no: '否', partner: '同行客户', next: '下次拜访', fillFacings: '陈列面数：请填写“陈列面数”。', read: ['12 箱', '零售', 'HX7 4L ✓、HX5 1L ✗', '华东润滑油经销有限公司', '2026年12月8日'] },
  en: { focus: 'Focus SKUs', facings: 'Display facings', unit: 'cases', channel: 'Channel', retail: 'Retail', yes: 'Yes', no: 'No', partner: 'Customer visited with', next: 'Next visit', fillFacings: 'Display facings: Fill in "Display facings".', read: ['12 cases', 'Retail', 'HX7 4L ✓, HX5 1L ✗', '华东润滑油经销有限公司', '8 Dec 2026'] },
} as const;

describe.each(['zh-CN', 'en'] as const)('CustomFields (%s)', (locale) => {
  const w = WORDS[locale];

  it('edits every type into the entry’s values, and shows what is missing at its field', async () => {
    const user = userEvent.setup();
    const onValues = vi.fn();
    await withDb(locale, <Editable onValues={onValues} />);
    expect(screen.getByText(w.fillFacings)).toBeTruthy();
    expect(screen.getByText(w.unit)).toBeTruthy();
    await user.type(screen.getByLabelText(w.facings), '12');
    expect(screen.queryByText(w.fillFacings)).toBeNull();
    await user.selectOptions(screen.getByLabelText(w.channel), w.retail);
    const skus = within(screen.getByRole('group', { name: w.focus }));
    await user.click(within(skus.getByRole('group', { name: 'HX7 4L' })).getByRole('button', { name: w.yes }));
    await user.click(within(skus.getByRole('group', { name: 'HX5 1L' })).getByRole('button', { name: w.no }));
    await user.selectOptions(await screen.findByLabelText(w.partner), DEALER.name);
    await user.type(screen.getByLabelText(w.next), '2026-12-08');
    expect(onValues).toHaveBeenLastCalledWith({ facings: 12, channel: 'c2', focus: { 'HX7 4L': true, 'HX5 1L': false }, partner: DEALER.id, nextVisit: '2026-12-08' });
    expect(screen.queryAllByRole('alert')).toHaveLength(0);
  });

  it('reads each value in words with the labels of the version the entry was written with', async () => {
    const values = { facings: 12, channel: 'c2', focus: { 'HX7 4L': true, 'HX5 1L': false }, partner: DEALER.id, nextVisit: '2026-12-08' };
    // A later version renamed the number and dropped the choice: the entry still reads with its own.
    const later: Template = { ...TEMPLATE, version: 2, fields: [{ ...TEMPLATE.fields[0]!, label: { 'zh-CN': '堆头数', en: 'End caps' } }] };
    await withDb(locale, <CustomFields template={TEMPLATE} values={values} readOnly />);
    const list = await screen.findByTestId('custom-fields');
    expect(await within(list).findByText(DEALER.name)).toBeTruthy();
    expect([...list.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(w.read);
    expect(within(list).getByText(w.facings)).toBeTruthy();
    expect(within(list).queryByText(locale === 'en' ? 'End caps' : '堆头数')).toBeNull();
    expect(later.fields).toHaveLength(1);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says so when the entry’s template version has not reached this device, and shows nothing for a template without fields', async () => {
    await withDb(locale, <CustomFields template={undefined} values={{ facings: 3 }} readOnly />);
    expect(screen.getByText(locale === 'en' ? /has not received yet/ : /还没有同步/)).toBeTruthy();
    cleanup();
    const { container } = await withDb(locale, <CustomFields template={copyBuiltIn('weekly')} values={{}} onChange={() => {}} />);
    expect(container.textContent).toBe('');
  });
});
