// @vitest-environment jsdom
/*
 * Options › Templates over a real (fake-indexeddb) database, in both languages: an admin copies a
 * built-in, adds a number field with its unit, makes it required and saves a new version (then a
 * second one); an invalid edit shows every problem, at the top and at its field, and saves
 * nothing; cancelling keeps the version in use; without the right to edit, nothing can be changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { TemplatesSection } from '../../components/reports/TemplatesSection';
import { DatabaseProvider } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import type { Locale } from '../../lib/kernel/i18n';
import { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import { builtInTemplate } from '../../lib/reports/templates';
import { validateTemplate } from '../../lib/reports/template-validate';
import { DEFAULT_DEADLINE_RULES } from '../../lib/reports/deadline-rules';
import { describeDeadline } from '../../components/reports/deadline-messages';

const ADMIN = { id: 'owner-900', name: '王主管' };
/** Saves go through IndexedDB transactions: on a busy machine they take longer than the default second. */
const SLOW = { timeout: 10_000 };
let db: FieldkitDatabase;

afterEach(async () => {
  cleanup();
  await db?.delete();
});

async function renderSection(locale: Locale, canEdit = true) {
  db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await writeSetting(db, 'profile', { ...ADMIN, role: 'admin' });
  render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>
        <TemplatesSection canEdit={canEdit} />
      </LocaleProvider>
    </DatabaseProvider>,
  );
}

const WORDS = {
  'zh-CN': {
    copyWeekly: '复制并修改内置的周报模板',
    copyDaily: '复制并修改内置的日报模板',
    editorTitle: (name: string) => `修改模板：${name}`,
    addField: '添加字段',
    labelZh: '中文名称',
    labelEn: '英文名称',
    type: '类型',
    number: '数字',
    choice: '单选',
    unit: '单位',
    required: '必填',
    hide: '在此模板中隐藏',
    nameZh: '中文名称',
    save: (v: number) => `保存为第 ${v} 版`,
    cancel: '取消',
    saved: (v: number) => `周报（副本）第 ${v} 版已保存并启用。`,
    inUseCopy: '正在使用：周报（副本）',
    inUseDaily: '正在使用：日报',
    fieldLine: '陈列面数 · 数字（个）',
    edit: '修改周报（副本）',
    versions: '版本（2）',
    problems: (n: number) => `还有 ${n} 处需要修改才能保存`,
    readOnly: '只有管理员可以修改模板。',
  },
  en: {
    copyWeekly: 'Copy and edit the built-in weekly report',
    copyDaily: 'Copy and edit the built-in daily report',
    editorTitle: (name: string) => `Edit template: ${name}`,
    addField: 'Add a field',
    labelZh: 'Name in Chinese',
    labelEn: 'Name in English',
    type: 'Type',
    number: 'Number',
    choice: 'Choice',
    unit: 'Unit',
    required: 'Required',
    hide: 'Hide in this template',
    nameZh: 'Name in Chinese',
    save: (v: number) => `Save as version ${v}`,
    cancel: 'Cancel',
    saved: (v: number) => `Weekly report (copy) version ${v} saved and in use.`,
    inUseCopy: 'In use: Weekly report (copy)',
    inUseDaily: 'In use: Daily report',
    fieldLine: 'Display facings · Number (units)',
    edit: 'Edit Weekly report (copy)',
    versions: 'Versions (2)',
    problems: (n: number) => `${n} things to fix before saving`,
    readOnly: 'Only an admin can change templates.',
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('Options › Templates (%s)', (locale) => {
  const w = WORDS[locale];

  it('copies a built-in, adds a required number field with its unit, and saves it as a new version', async () => {
    const user = userEvent.setup();
    await renderSection(locale);
    await user.click(await screen.findByRole('button', { name: w.copyWeekly }));
    const editor = screen.getByRole('form', { name: w.editorTitle(locale === 'en' ? 'Weekly report (copy)' : '周报（副本）') });
    expect(document.activeElement).toBe(within(editor).getByRole('heading', { level: 3 }));

    await user.click(within(editor).getByRole('button', { name: w.addField }));
    const field = within(editor).getAllByTestId('template-field')[0]!;
    // The new field's Chinese label has the focus: type straight away.
    expect(document.activeElement).toBe(within(field).getByLabelText(w.labelZh));
    await user.type(within(field).getByLabelText(w.labelZh), '陈列面数');
    await user.type(within(field).getByLabelText(w.labelEn), 'Display facings');
    await user.selectOptions(within(field).getByLabelText(w.type), w.number);
    await user.type(within(field).getByLabelText(w.unit), '个');
    await user.click(within(field).getByRole('checkbox', { name: w.required }));
    await user.click(within(editor).getByRole('button', { name: w.save(1) }));

    expect((await screen.findByRole('status', {}, SLOW)).textContent).toBe(w.saved(1));
    const card = within(document.getElementById('template-weekly')!);
    expect(await card.findByText(w.inUseCopy, {}, SLOW)).toBeTruthy();
    expect(card.getByText(w.fieldLine)).toBeTruthy();
    const [stored] = await db.templates.toArray();
    expect(stored).toMatchObject({ kind: 'weekly', version: 1, author: { id: ADMIN.id }, fields: [{ type: 'number', unit: '个', required: true, label: { 'zh-CN': '陈列面数', en: 'Display facings' } }] });
    expect(stored!.fields[0]!.key).toMatch(/^f[0-9a-z]{8}$/);
    // It syncs to every device.
    expect((await db.outbox.toArray()).map((e) => e.table)).toEqual(['templates']);
    // Other kinds keep their built-in.
    expect(within(document.getElementById('template-daily')!).getByText(w.inUseDaily)).toBeTruthy();

    // Editing the copy saves version 2 and keeps version 1.
    await user.click(card.getByRole('button', { name: w.edit }));
    const second = within(screen.getByRole('form'));
    const unit = within(second.getAllByTestId('template-field')[0]!).getByLabelText(w.unit);
    await user.clear(unit);
    await user.type(unit, '面');
    await user.click(second.getByRole('button', { name: w.save(2) }));
    expect((await screen.findByRole('status', {}, SLOW)).textContent).toBe(w.saved(2));
    const versions = (await db.templates.toArray()).sort((a, b) => a.version - b.version);
    expect(versions.map((v) => [v.version, v.fields[0]!.unit])).toEqual([
      [1, '个'],
      [2, '面'],
    ]);
    expect(versions[1]!.familyId).toBe(versions[0]!.id);
    expect(await within(document.getElementById('template-weekly')!).findByText(w.versions, {}, SLOW)).toBeTruthy();
  });

  it('shows every problem of an invalid edit, at the top and at its field, and saves nothing', async () => {
    const user = userEvent.setup();
    await renderSection(locale);
    await user.click(await screen.findByRole('button', { name: w.copyDaily }));
    const editor = within(screen.getByRole('form'));
    await user.clear(editor.getAllByLabelText(w.nameZh)[0]!);
    // A required section hidden.
    const firstSection = editor.getAllByRole('group')[0]!;
    await user.click(within(firstSection).getByRole('checkbox', { name: w.hide }));
    // A number without labels or unit, and a choice whose two answers are empty.
    await user.click(editor.getByRole('button', { name: w.addField }));
    await user.selectOptions(within(editor.getAllByTestId('template-field')[0]!).getByLabelText(w.type), w.number);
    await user.click(editor.getByRole('button', { name: w.addField }));
    await user.type(within(editor.getAllByTestId('template-field')[1]!).getByLabelText(w.labelZh), '渠道');
    await user.type(within(editor.getAllByTestId('template-field')[1]!).getByLabelText(w.labelEn), 'Channel');
    await user.selectOptions(within(editor.getAllByTestId('template-field')[1]!).getByLabelText(w.type), w.choice);
    await user.click(editor.getByRole('button', { name: w.save(1) }));

    // The same reasons the store would give, every one of them, in the UI language.
    const top = await screen.findByTestId('template-problems', {}, SLOW);
    const listed = within(top)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(screen.getByRole('heading', { name: w.problems(9) })).toBeTruthy();
    const expected = {
      'zh-CN': [
        '请填写模板的中文名称。',
        '“今日工作内容”部分是必填的，不能隐藏：请取消必填或显示它。',
        '请填写第 1 个字段的中文名称。',
        '请填写第 1 个字段的英文名称。',
        '第 1 个字段是数字，请填写单位（如 箱、元、%）。',
        '字段“渠道”的第 1 个选项缺少中文。',
        '字段“渠道”的第 1 个选项缺少英文。',
        '字段“渠道”的第 2 个选项缺少中文。',
        '字段“渠道”的第 2 个选项缺少英文。',
      ],
      en: [
        "Enter the template's Chinese name.",
        'The section "Today\'s work" is required, so it cannot be hidden: make it optional or show it.',
        'Enter a Chinese label for field 1.',
        'Enter an English label for field 1.',
        'Field 1 is a number: enter its unit (such as cases, yuan or %).',
        'Answer 1 of the field "Channel" has no Chinese text.',
        'Answer 1 of the field "Channel" has no English text.',
        'Answer 2 of the field "Channel" has no Chinese text.',
        'Answer 2 of the field "Channel" has no English text.',
      ],
    }[locale];
    expect(listed).toEqual(expected);
    // Next to its field too: the unit problem inside the first field, the answers' inside the second.
    const first = within(editor.getAllByTestId('template-field')[0]!);
    expect(first.getByLabelText(w.unit).getAttribute('aria-invalid')).toBe('true');
    expect(first.getAllByRole('alert').some((a) => a.textContent!.includes(expected[4]!))).toBe(true);
    expect(within(firstSection).getByText(expected[1]!)).toBeTruthy();
    expect(await db.templates.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    // Fixing one removes it from the list as it is fixed; cancelling keeps the built-in in use.
    await user.type(editor.getAllByLabelText(w.nameZh)[0]!, '日报（华东）');
    await waitFor(() => expect(within(screen.getByTestId('template-problems')).getAllByRole('listitem')).toHaveLength(8));
    await user.click(editor.getByRole('button', { name: w.cancel }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(within(document.getElementById('template-daily')!).getByText(w.inUseDaily)).toBeTruthy();
    expect(await db.templates.count()).toBe(0);
  });

  it('is read-only without the right to edit, with a one-line hint and the deadline in words', async () => {
    await renderSection(locale, false);
    expect(await screen.findByText(w.readOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: w.copyWeekly })).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(within(document.getElementById('template-weekly')!).getByText(describeDeadline(DEFAULT_DEADLINE_RULES.weekly, locale))).toBeTruthy();
  });
});

it('the editor and the store agree: a built-in copy is valid as it comes', () => {
  expect(validateTemplate(builtInTemplate('weekly')).ok).toBe(true);
});
