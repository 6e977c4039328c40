import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../fixtures/records';
import { TEMPLATE_KINDS, type Template, type TemplateField } from '../../lib/reports/schema';
import { builtInTemplate, DEFAULT_TEMPLATES, deadlineSubjectOf, requiredSectionsOf, sectionsOf } from '../../lib/reports/templates';
import { parseTemplate, upgradeTemplate } from '../../lib/reports/template-upgrade';
import { TEMPLATE_LIMITS, validateEntryAgainstTemplate, validateTemplate, type TemplateProblem } from '../../lib/reports/template-validate';
import { activeTemplateOf, copyBuiltIn, draftFrom, saveTemplateVersion, setActive, templateLibrary, templateVersionOf } from '../../lib/reports/template-store';
import { templatesOfKind } from '../../lib/reports/queries';
import { customFieldLines, renderTemplate } from '../../lib/reports/template-render';
import { templateKind } from '../../lib/reports/kind';

const ADMIN = { id: 'owner-900', name: '王主管' };
const NOW = new Date('2026-12-01T08:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const HAN = /[\u4e00-\u9fff]/;

const db = freshDatabase('templates-test');
afterEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const numberField = (overrides: Partial<TemplateField> = {}): TemplateField => ({
  key: 'facings',
  type: 'number',
  label: { 'zh-CN': '陈列面数', en: 'Display facings' },
  required: true,
  unit: '个',
  ...overrides,
});

const pathsOf = (problems: TemplateProblem[]) => problems.map((p) => p.path);

function expectBilingual(problems: TemplateProblem[]) {
  for (const problem of problems) {
    expect(problem.message['zh-CN'].trim(), problem.path).not.toBe('');
    expect(problem.message.en.trim(), problem.path).not.toBe('');
    expect(problem.message['zh-CN'], problem.path).toMatch(HAN);
  }
}

describe('validateTemplate', () => {
  it.each(TEMPLATE_KINDS)('accepts every built-in and a fresh copy of it (%s)', (kind) => {
    expect(validateTemplate(builtInTemplate(kind)).ok).toBe(true);
    expect(validateTemplate(copyBuiltIn(kind, NOW)).ok).toBe(true);
  });

  it('gives every reason at once, each in both languages at its path', () => {
    const weekly = copyBuiltIn('weekly', NOW);
    const candidate = {
      ...weekly,
      name: { 'zh-CN': '周报（华东）', en: '  ' },
      deadlineSubject: 'monthlyRep',
      remindBeforeMinutes: -5,
      sections: [
        { key: 'lastWeekSummary', required: true, hidden: true },
        { key: 'nextWeekPlan', required: true, label: { 'zh-CN': '下周计划', en: '' } },
        { key: 'keyAccountVisits', required: false, hint: { 'zh-CN': '至少两次', en: '' } },
        { key: 'keyAccountVisits', required: false },
        { key: 'todayWork', required: false },
      ],
      fields: [
        numberField({ unit: '' }),
        numberField({ key: 'facings', label: { 'zh-CN': '陈列面', en: 'Facings' } }),
        { key: 'Bad key!', type: 'text', label: { 'zh-CN': '备注', en: 'Note' }, required: false },
        { key: 'mood', type: 'slider', label: { 'zh-CN': '心情', en: 'Mood' }, required: false },
        { key: 'channel', type: 'choice', label: { 'zh-CN': '渠道', en: 'Channel' }, required: false, choices: [] },
        { key: 'grade', type: 'choice', label: { 'zh-CN': '等级', en: 'Grade' }, required: false, choices: [{ value: 'a', label: { 'zh-CN': '甲', en: '' } }] },
        { key: 'skus', type: 'skuChecklist', label: { 'zh-CN': '品种', en: 'SKUs' }, required: false, skus: [] },
        { key: 'skus2', type: 'skuChecklist', label: { 'zh-CN': '主推品种', en: 'Focus SKUs' }, required: false, skus: ['HX7 4L', 'hx7 4l'] },
        { key: 'empty', type: 'date', label: { 'zh-CN': '', en: '' }, required: false },
        { key: 'again', type: 'text', label: { 'zh-CN': '备注', en: 'Notes' }, required: false },
        { key: 'gradeChanges', type: 'text', label: { 'zh-CN': '级别', en: 'Grade change' }, required: false },
      ],
    };
    const result = validateTemplate(candidate);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = pathsOf(result.problems);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name.en', // empty label in one language
        'sections.0.hidden', // a required section that is hidden
        'sections.1.label.en', // a relabelled section without English
        'sections.2.hint.en', // a hint in one language only
        'sections.3', // a section twice
        'sections.4', // a section of another kind
        'sections', // a section missing (gradeChanges)
        'fields.0.unit', // a number without its unit
        'fields.1.key', // duplicate keys
        'fields.2.key', // bad key characters
        'fields.3.type', // unknown type
        'fields.4.choices', // a choice without choices
        'fields.5.choices', // a choice with one answer
        'fields.5.choices.0.label.en', // an answer without English
        'fields.6.skus', // a SKU checklist without SKUs
        'fields.7.skus.1', // a SKU twice
        'fields.8.label.zh-CN', // a field without labels
        'fields.8.label.en',
        'fields.9.label.zh-CN', // the same label as another field
        'fields.10.key', // a key that is one of the kind's sections
        'deadlineSubject', // a deadline rule of another kind
        'remindBeforeMinutes',
      ]),
    );
    expectBilingual(result.problems);
    // Sentences name what to fix, by label, never by internal key.
    const unit = result.problems.find((p) => p.path === 'fields.0.unit')!;
    expect(unit.message['zh-CN']).toContain('陈列面数');
    expect(unit.message.en).toContain('Display facings');
    expect(unit.message.en).not.toMatch(HAN);
    expect(result.problems.find((p) => p.path === 'fields.8.label.zh-CN')!.message['zh-CN']).toContain('第 9 个字段');
  });

  it('refuses too many fields, a key-account minimum outside a weekly report, and what is not a template', () => {
    const many = { ...copyBuiltIn('daily', NOW), fields: Array.from({ length: TEMPLATE_LIMITS.fields + 1 }, (_, i) => ({ key: `f${i}`, type: 'text', label: { 'zh-CN': `字段${i}`, en: `Field ${i}` }, required: false })) };
    const tooMany = validateTemplate(many);
    expect(tooMany.ok).toBe(false);
    expect(!tooMany.ok && pathsOf(tooMany.problems)).toEqual(['fields']);

    const daily = validateTemplate({ ...copyBuiltIn('daily', NOW), minKeyAccountVisits: 2 });
    expect(!daily.ok && pathsOf(daily.problems)).toEqual(['minKeyAccountVisits']);
    const weeklyOutOfRange = validateTemplate({ ...copyBuiltIn('weekly', NOW), minKeyAccountVisits: 2.5 });
    expect(!weeklyOutOfRange.ok && pathsOf(weeklyOutOfRange.problems)).toEqual(['minKeyAccountVisits']);

    const kind = validateTemplate({ ...copyBuiltIn('daily', NOW), kind: 'quarterly' });
    expect(!kind.ok && pathsOf(kind.problems)).toContain('kind');
    const nothing = validateTemplate('weekly');
    expect(!nothing.ok && nothing.problems).toHaveLength(1);
    expectBilingual(!nothing.ok ? nothing.problems : []);
  });

  it('does not fire on what is allowed: an optional hidden section, no hint, a number with its unit, every type set up', () => {
    const copy = copyBuiltIn('weekly', NOW);
    const candidate: Template = {
      ...copy,
      deadlineSubject: 'customerFile',
      sections: copy.sections.map((s) => (s.key === 'gradeChanges' ? { ...s, required: false, hidden: true } : s)),
      fields: [
        numberField(),
        { key: 'channel', type: 'choice', label: { 'zh-CN': '渠道', en: 'Channel' }, required: false, choices: [{ value: 'c1', label: { 'zh-CN': '批发', en: 'Wholesale' } }, { value: 'c2', label: { 'zh-CN': '零售', en: 'Retail' } }] },
        { key: 'focus', type: 'skuChecklist', label: { 'zh-CN': '主推品种', en: 'Focus SKUs' }, required: true, skus: ['HX7 4L', 'HX5 1L'] },
        { key: 'partner', type: 'customer', label: { 'zh-CN': '同行客户', en: 'Customer visited with' }, required: false },
        { key: 'nextVisit', type: 'date', label: { 'zh-CN': '下次拜访', en: 'Next visit' }, required: false, hint: { 'zh-CN': '', en: '' } },
        { key: 'note', type: 'text', label: { 'zh-CN': ' 备注 ', en: 'Note' }, required: false, unit: '箱' },
      ],
    };
    const result = validateTemplate(candidate);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const note = result.template.fields.find((f) => f.key === 'note')!;
    expect(note.label['zh-CN']).toBe('备注'); // trimmed
    expect(note.unit).toBeUndefined(); // a text field keeps no unit
    expect(result.template.fields.find((f) => f.key === 'nextVisit')!.hint).toBeUndefined(); // an empty hint is no hint
    expect(sectionsOf(result.template).find((s) => s.key === 'gradeChanges')!.hidden).toBe(true);
  });
});

describe('version-1 templates', () => {
  const v1 = {
    id: '01JC0000000000000000000007',
    schemaVersion: 1,
    author: ADMIN,
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    kind: 'weekly',
    name: 'weekly',
    version: 3,
    deadline: { dayOfWeek: 5, time: '18:00', graceUntil: { dayOffset: 3, time: '09:00', reasonRequired: true } },
    requiredFields: ['lastWeekSummary', 'keyAccountVisits'],
    minKeyAccountVisits: 3,
    remindBeforeMinutes: 90,
  };

  it('parse: their required fields become required sections, the kind their name', () => {
    const upgraded = parseTemplate(v1)!;
    expect(upgraded).toBeDefined();
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.familyId).toBe(v1.id);
    expect(upgraded.version).toBe(3);
    expect(upgraded.name).toEqual({ 'zh-CN': '周报', en: 'Weekly report' });
    expect(requiredSectionsOf(upgraded)).toEqual(['lastWeekSummary', 'keyAccountVisits']);
    expect(upgraded.minKeyAccountVisits).toBe(3);
    expect(upgraded.remindBeforeMinutes).toBe(90);
    expect(validateTemplate(v1).ok).toBe(true);
    expect(parseTemplate({ ...v1, name: '华东周报' })!.name).toEqual({ 'zh-CN': '华东周报', en: '华东周报' });
    // Something that is neither version is not turned into a template.
    expect(parseTemplate({ ...v1, schemaVersion: 1, kind: 'quarterly' })).toBeUndefined();
    expect(upgradeTemplate('x')).toBe('x');
  });

  it('still load from the database and resolve by id and version', async () => {
    await db.templates.put(v1 as never); // as an older Fieldkit stored it
    const [stored] = await templatesOfKind.run(db, { kind: 'weekly' });
    expect(stored).toMatchObject({ schemaVersion: 2, familyId: v1.id, version: 3 });
    expect((await templateVersionOf(db, v1.id, 3))?.sections).toEqual(stored!.sections);
  });
});

describe('the template store', () => {
  it('uses the built-in until an admin saves a copy', async () => {
    for (const kind of TEMPLATE_KINDS) expect(await activeTemplateOf(db, kind)).toBe(builtInTemplate(kind));
  });

  it('saves a copy as version 1 of its own template, active and queued for every device', async () => {
    const draft = copyBuiltIn('weekly', NOW);
    const saved = await saveTemplateVersion(db, { ...draft, fields: [numberField()] }, ADMIN, NOW);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.template).toMatchObject({ id: draft.familyId, familyId: draft.familyId, version: 1, author: ADMIN, activatedAt: NOW.toISOString(), basedOn: { id: builtInTemplate('weekly').id, version: 1 } });
    expect(await activeTemplateOf(db, 'weekly')).toEqual(saved.template);
    expect(await activeTemplateOf(db, 'daily')).toBe(builtInTemplate('daily'));
    expect(await db.outbox.where('[table+recordId]').equals(['templates', saved.template.id]).count()).toBe(1);
  });

  it('keeps every version: an entry written with an old version resolves to it after the template changes', async () => {
    const first = await saveTemplateVersion(db, { ...copyBuiltIn('weekly', NOW), fields: [numberField()] }, ADMIN, NOW);
    if (!first.ok) throw new Error('first save refused');
    const edited = draftFrom(first.template, later(1));
    edited.fields = [numberField({ label: { 'zh-CN': '堆头数', en: 'End caps' }, unit: '处' })];
    const second = await saveTemplateVersion(db, edited, ADMIN, later(1));
    if (!second.ok) throw new Error('second save refused');
    expect(second.template.version).toBe(2);
    expect(second.template.familyId).toBe(first.template.familyId);
    expect(second.template.id).not.toBe(first.template.id);
    expect(second.template.basedOn).toEqual({ id: first.template.id, version: 1 });

    // An entry keeps templateId + templateVersion of what it was written with.
    const v1 = await templateVersionOf(db, first.template.id, 1);
    expect(v1?.fields[0]!.label.en).toBe('Display facings');
    expect(v1?.fields[0]!.unit).toBe('个');
    expect((await templateVersionOf(db, second.template.id, 2))?.fields[0]!.label.en).toBe('End caps');
    // The family's id with a version also resolves (the first version's id is the family's).
    expect((await templateVersionOf(db, first.template.familyId, 2))?.id).toBe(second.template.id);
    expect(await templateVersionOf(db, builtInTemplate('weekly').id, 1)).toBe(builtInTemplate('weekly'));
    expect(await templateVersionOf(db, first.template.id, 9)).toBeUndefined();

    // The old version still renders the entry's values with its own labels and unit.
    expect(customFieldLines(v1!, { facings: 12 }, 'zh-CN', () => undefined)).toEqual([{ label: { 'zh-CN': '陈列面数', en: 'Display facings' }, value: '12 个' }]);
    expect(await activeTemplateOf(db, 'weekly')).toEqual(second.template);
    const [weekly] = (await templateLibrary(db)).filter((k) => k.kind === 'weekly');
    expect(weekly!.copies).toHaveLength(1);
    expect(weekly!.copies[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses an invalid template with every reason, writes nothing, and the previous stays active', async () => {
    const first = await saveTemplateVersion(db, copyBuiltIn('daily', NOW), ADMIN, NOW);
    if (!first.ok) throw new Error('first save refused');
    const rows = await db.templates.count();
    const queued = await db.outbox.count();
    const audited = await db.audit.count();
    const broken = draftFrom(first.template, later(1));
    broken.name = { 'zh-CN': '', en: 'Daily' };
    broken.fields = [numberField({ unit: '' }), { key: 'pick', type: 'choice', label: { 'zh-CN': '选择', en: 'Pick' }, required: false, choices: [] }];
    const result = await saveTemplateVersion(db, broken, ADMIN, later(1));
    expect(result.ok).toBe(false);
    expect(!result.ok && pathsOf(result.problems)).toEqual(['name.zh-CN', 'fields.0.unit', 'fields.1.choices']);
    expect(await db.templates.count()).toBe(rows);
    expect(await db.outbox.count()).toBe(queued);
    expect(await db.audit.count()).toBe(audited);
    expect(await activeTemplateOf(db, 'daily')).toEqual(first.template);
  });

  it('never stores a change to a built-in', async () => {
    const result = await saveTemplateVersion(db, { ...builtInTemplate('monthly'), remindBeforeMinutes: 30 }, ADMIN, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && pathsOf(result.problems)).toEqual(['familyId']);
    expect(await db.templates.count()).toBe(0);
  });

  it('switches the active template back to the built-in and to an older version, on every device', async () => {
    const first = await saveTemplateVersion(db, copyBuiltIn('inspection', NOW), ADMIN, NOW);
    if (!first.ok) throw new Error('refused');
    const second = await saveTemplateVersion(db, { ...draftFrom(first.template), remindBeforeMinutes: 30 }, ADMIN, later(1));
    if (!second.ok) throw new Error('refused');
    await setActive(db, builtInTemplate('inspection'), ADMIN, later(2));
    expect(await activeTemplateOf(db, 'inspection')).toBe(builtInTemplate('inspection'));
    await setActive(db, first.template, ADMIN, later(3));
    expect((await activeTemplateOf(db, 'inspection')).id).toBe(first.template.id);
    // The marks are edits of the version records: queued for the CRM like any edit.
    const queued = (await db.outbox.toArray()).filter((e) => e.table === 'templates').map((e) => e.recordId);
    expect(queued.sort()).toEqual([first.template.id, second.template.id].sort());
    // Marking activation changes nothing a reader reads.
    expect((await templateVersionOf(db, first.template.id, 1))?.sections).toEqual(first.template.sections);
  });
});

describe('entries against their template', () => {
  const template: Template = {
    ...copyBuiltIn('daily', NOW),
    sections: [
      { key: 'todayWork', required: true },
      { key: 'tomorrowPlan', required: false },
      { key: 'problems', required: false, hidden: true },
    ],
    fields: [
      numberField(),
      { key: 'channel', type: 'choice', label: { 'zh-CN': '渠道', en: 'Channel' }, required: true, choices: [{ value: 'c1', label: { 'zh-CN': '批发', en: 'Wholesale' } }, { value: 'c2', label: { 'zh-CN': '零售', en: 'Retail' } }] },
      { key: 'focus', type: 'skuChecklist', label: { 'zh-CN': '主推品种', en: 'Focus SKUs' }, required: true, skus: ['HX7 4L', 'HX5 1L'] },
      { key: 'partner', type: 'customer', label: { 'zh-CN': '同行客户', en: 'Customer' }, required: false },
      { key: 'nextVisit', type: 'date', label: { 'zh-CN': '下次拜访', en: 'Next visit' }, required: false },
    ],
  };

  it('names every required section and field left empty', () => {
    const problems = validateEntryAgainstTemplate(template, { content: { kind: 'daily', todayWork: ['  '], tomorrowPlan: [], problems: [] }, extra: { focus: { 'HX7 4L': true } } });
    expect(pathsOf(problems)).toEqual(['content.todayWork', 'extra.facings', 'extra.channel', 'extra.focus']);
    expect(problems[0]!.message).toEqual({ 'zh-CN': '请填写“今日工作内容”。', en: 'Fill in "Today\'s work".' });
    expect(problems[3]!.message.en).toBe('Answer every SKU in "Focus SKUs".');
  });

  it('passes a complete entry, and does not ask for optional or hidden parts', () => {
    const extra = { facings: 0, channel: 'c2', focus: { 'HX7 4L': true, 'HX5 1L': false } };
    expect(validateEntryAgainstTemplate(template, { content: { kind: 'daily', todayWork: ['拜访三家'], tomorrowPlan: [], problems: [] }, extra })).toEqual([]);
  });

  it('refuses values that do not fit their fields', () => {
    const problems = validateEntryAgainstTemplate(template, {
      content: { kind: 'daily', todayWork: ['拜访'], tomorrowPlan: [], problems: [] },
      extra: { facings: Number.NaN, channel: 'c9', focus: { 'XX': true }, partner: 'not-an-id', nextVisit: '30/11/2026' },
    });
    expect(pathsOf(problems)).toEqual(['extra.facings', 'extra.channel', 'extra.focus', 'extra.partner', 'extra.nextVisit']);
    expectBilingual(problems);
  });
});

describe('templates in words and on other devices', () => {
  it('sync as notes without a dealer, readable in both languages', () => {
    expect(templateKind.crm).toMatchObject({ home: 'activity', findBy: 'recordId' });
    const template = { ...copyBuiltIn('weekly', NOW), fields: [numberField()] };
    expect(templateKind.crm!.home === 'activity' && templateKind.crm!.dealerIdOf(template)).toBeUndefined();
    const zh = renderTemplate(template, { locale: 'zh-CN', dealerName: () => undefined });
    const en = renderTemplate(template, { locale: 'en', dealerName: () => undefined });
    expect(zh.lines.map((l) => l.value)).toEqual(['周报（副本）', '周报', '1', '周报', '截止前 2 小时', '2']);
    expect(en.lines.map((l) => l.value)).toEqual(['Weekly report (copy)', 'Weekly report', '1', 'Weekly report', '2 hours before the deadline', '2']);
    expect(en.sections![1]!.items).toEqual(['Display facings · Number (units) · required']);
  });

  it('a template names its deadline subject; absent, the kind decides by role', () => {
    expect(deadlineSubjectOf(builtInTemplate('monthly'), 'rep')).toBe('monthlyRep');
    expect(deadlineSubjectOf(builtInTemplate('monthly'), 'manager')).toBe('monthlyManager');
    expect(deadlineSubjectOf({ kind: 'daily', deadlineSubject: 'terminalDaily' }, 'rep')).toBe('terminalDaily');
    expect(DEFAULT_TEMPLATES.every((t) => t.deadlineSubject === undefined)).toBe(true);
  });
});
