// @vitest-environment jsdom
/*
 * The one-click weekly report and what hangs under a saved report, over a real (fake-indexeddb)
 * database, in both languages: Build composes the draft from the rep's records (dealers, visit
 * cards, dailies, last week's plan) and the card says what it was built from and as of when; each
 * plan row says what the records show; the numbers behind the report; the exports (Markdown,
 * Excel, copy for chat, print); where the report stands with HubSpot.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDays, format, parseISO } from 'date-fns';
import { BuildReport, ReportOutputs } from '../../components/reports/ReportOutputs';
import { ExportMenu } from '../../components/reports/ExportMenu';
import { PlanEvidenceHint } from '../../components/reports/PlanEvidenceHint';
import { DocumentSections } from '../../components/reports/DocumentView';
import { ReportsView } from '../../components/reports/ReportsView';
import { DatabaseProvider, useQuery } from '../../components/shell/database-context';
import { LocaleProvider } from '../../components/shell/locale';
import { isoWeekOf, today } from '../../lib/kernel/dates';
import { formatDay } from '../../lib/kernel/format';
import type { Locale } from '../../lib/kernel/i18n';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import { documentOfEntry } from '../../lib/reports/export/entry-document';
import type { ReportDocument } from '../../lib/reports/export/document';
import { periodOf } from '../../lib/reports/periods';
import { entryOfPeriod } from '../../lib/reports/queries';
import type { PlanEvidence } from '../../lib/reports/snapshot-schema';
import { saveDiary } from '../../lib/reports/submit';
import type { FieldkitDatabase } from '../../lib/store/database';
import { saveRecord } from '../../lib/store/records';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, REP, visitDraft } from '../fixtures/records';
import type { ReactNode } from 'react';

const DAHUA = '01JD0000000000000000000001';
const XINGLONG = '01JD0000000000000000000002';
const NAMES: Record<string, string> = { [DAHUA]: '大华商贸有限公司', [XINGLONG]: '兴隆批发部' };

const dayOffset = (day: string, days: number) => format(addDays(parseISO(day), days), 'yyyy-MM-dd');
const thisWeek = periodOf('weekly', today());
const lastWeekStart = dayOffset(thisWeek.start, -7);

const PLAN_DONE = '拜访大华商贸，确认年度返利';
const PLAN_UNKNOWN = '参加公司年会筹备';

let db: FieldkitDatabase;
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db?.delete();
});

/** Letters of the Latin alphabet that are not one of the names zh-CN keeps (and not user data). */
function englishIn(text: string, allowed: readonly string[] = []) {
  let rest = text;
  for (const word of ['Markdown', 'Excel', 'PDF', 'HubSpot', ...allowed]) rest = rest.split(word).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}
const hanIn = (text: string) => text.match(/[\u4e00-\u9fff]/g) ?? [];

/**
 * A rep in Shanghai with two dealers, last week's report submitted with a two-row plan, and this
 * week one visit card to 大华 and one daily that says the rebate was settled.
 */
async function seed() {
  db = freshDatabase(`report-outputs-${Math.random()}`);
  await writeSetting(db, 'profile', { ...REP, role: 'rep', timeZone: 'Asia/Shanghai' });
  for (const [id, name] of Object.entries(NAMES)) {
    await saveRecord(db, 'dealers', { id, name, shared: false, responsibleRepId: REP.id, file: { salesRegions: [], mainProducts: [] } } as never, { author: REP });
  }
  await saveDiary(
    db,
    {
      periodStart: lastWeekStart,
      isoWeek: isoWeekOf(lastWeekStart),
      status: 'draft',
      content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: PLAN_DONE, support: '' }, { priority: PLAN_UNKNOWN, support: '' }], keyAccountVisits: [], gradeChanges: [] },
      annotations: [],
    },
    { author: REP, submit: true, now: new Date(`${dayOffset(lastWeekStart, 4)}T08:00:00Z`) },
  );
  await saveRecord(db, 'visitCards', visitDraft({ dealerId: DAHUA, visitDay: thisWeek.start, isoWeek: thisWeek.label }), { author: REP });
  await saveDiary(
    db,
    { periodStart: thisWeek.start, isoWeek: thisWeek.label, status: 'draft', content: { kind: 'daily', todayWork: ['拜访大华商贸，确认了年度返利方案'], tomorrowPlan: [], problems: [] }, annotations: [] },
    { author: REP, submit: true, now: new Date(`${thisWeek.start}T10:00:00Z`) },
  );
  return db;
}

const weeklyOf = async () => (await db.diaryEntries.toArray()).filter((e) => !e.deletedAt && e.content.kind === 'weekly' && e.periodStart === thisWeek.start);

function withDb(locale: Locale, ui: ReactNode) {
  return render(
    <DatabaseProvider db={db}>
      <LocaleProvider locale={locale}>{ui}</LocaleProvider>
    </DatabaseProvider>,
  );
}

/** BuildReport fed with the period's entry as the view feeds it. */
function BuildHarness({ auto = false }: { auto?: boolean }) {
  const entry = useQuery(entryOfPeriod, { authorId: REP.id, kind: 'weekly', periodStart: thisWeek.start });
  return <BuildReport kind="weekly" period={thisWeek} author={REP} entry={entry} auto={auto} />;
}

describe('BuildReport', () => {
  it('builds a draft with a snapshot from the records; the card then says what it was built from and as of when (en)', async () => {
    await seed();
    withDb('en', <BuildHarness />);
    const card = await screen.findByTestId('build-report');
    expect(within(card).getByText('From your daily reports, visit cards and intel of the period, and last period’s plan. You check each line and write the plan.')).toBeTruthy();
    expect(within(card).queryByRole('status')).toBeNull();
    expect(await weeklyOf()).toEqual([]);

    await userEvent.click(within(card).getByRole('button', { name: 'Build the weekly report from my records' }));
    const status = await within(card).findByRole('status');
    const [entry] = await weeklyOf();
    expect(entry).toMatchObject({ status: 'draft', periodStart: thisWeek.start });
    expect(entry!.snapshot).toMatchObject({ timeZone: 'Asia/Shanghai', from: thisWeek.start, to: thisWeek.end });
    expect(entry!.snapshot!.plan.map((row) => [row.item, row.suggestion])).toEqual([
      [PLAN_DONE, 'done'],
      [PLAN_UNKNOWN, 'unknown'],
    ]);
    expect(status.textContent).toMatch(/^Built from 1 visit card, 1 daily report and no intel; check each line below\.Numbers as of .+ \(China Standard Time\)$/);
    expect(within(card).getByRole('button', { name: 'Refresh the numbers' })).toBeTruthy();
    expect(within(card).getByText('Reads the records again; what you wrote stays.')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Build the weekly report from my records' })).toBeNull();
    expect(within(card).queryByRole('alert')).toBeNull();
    expect(hanIn(card.textContent ?? '')).toEqual([]);
  });

  it('refreshing keeps the same draft and what the rep wrote, and counts a new visit (zh-CN)', async () => {
    await seed();
    withDb('zh-CN', <BuildHarness />);
    const card = await screen.findByTestId('build-report');
    expect(within(card).getByText('根据本期的日报、拜访记录、竞品信息和上期计划生成草稿。请逐行确认，并填写下期计划。')).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: '一键生成周报' }));
    const status = await within(card).findByRole('status');
    expect(status.textContent).toMatch(/^已根据 1 张客户卡、1 份日报和 0 条竞品信息生成，请逐行确认。数据截至 .+（中国标准时间）$/);
    expect(englishIn(card.textContent ?? '', [])).toEqual([]);

    const [first] = await weeklyOf();
    // The rep writes a plan for next week; a second visit comes in; Refresh.
    await saveDiary(db, { ...first!, content: { ...(first!.content as Extract<DiaryEntry['content'], { kind: 'weekly' }>), nextWeekPlan: [{ priority: '拜访兴隆批发部 3 次', support: '' }] } }, { author: REP, submit: false });
    await saveRecord(db, 'visitCards', visitDraft({ dealerId: XINGLONG, visitDay: thisWeek.start, isoWeek: thisWeek.label }), { author: REP });
    await userEvent.click(await within(card).findByRole('button', { name: '重新读取数据' }));
    await waitFor(() => expect(within(card).getByRole('status').textContent).toMatch(/^已根据 2 张客户卡、1 份日报和 0 条竞品信息生成/));
    const entries = await weeklyOf();
    expect(entries.map((e) => e.id)).toEqual([first!.id]);
    expect(entries[0]!.content).toMatchObject({ nextWeekPlan: [{ priority: '拜访兴隆批发部 3 次' }] });
    expect(entries[0]!.snapshot!.asOf >= first!.snapshot!.asOf).toBe(true);
    expect(within(card).getByText('重新读取记录；已填写的内容保留。')).toBeTruthy();
  });

  it('auto (the popup button, the keyboard command) builds once on mount, not again on a re-render', async () => {
    await seed();
    const view = withDb('en', <BuildHarness auto />);
    await screen.findByText(/^Built from 1 visit card/);
    const [entry] = await weeklyOf();
    view.rerender(
      <DatabaseProvider db={db}>
        <LocaleProvider locale="en">
          <BuildHarness auto />
        </LocaleProvider>
      </DatabaseProvider>,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await weeklyOf()).map((e) => [e.id, e.snapshot?.asOf])).toEqual([[entry!.id, entry!.snapshot!.asOf]]);
  });

  it('a build that fails says so in one sentence in the UI language, keeps the details apart, and saves nothing', async () => {
    await seed();
    // A time zone no clock knows: reading the week's days throws.
    await writeSetting(db, 'profile', { ...REP, role: 'rep', timeZone: 'Mars/Olympus_Mons' });
    withDb('zh-CN', <BuildHarness />);
    const button = await screen.findByRole('button', { name: '一键生成周报' });
    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('未能根据记录生成报告：请重试；已保存的内容没有改变。');
    expect(screen.getByText('技术细节')).toBeTruthy();
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(await weeklyOf()).toEqual([]);
    cleanup();

    withDb('en', <BuildHarness />);
    await userEvent.click(await screen.findByRole('button', { name: 'Build the weekly report from my records' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The report could not be built from your records: try again; what you saved is unchanged.');
    expect(screen.getByText('Technical details')).toBeTruthy();
  });

  // The zone is said in words (中国标准时间), never as its IANA id.
  it('zh-CN: the as-of line has no English letters (the time zone in words, not its id)', async () => {
    await seed();
    withDb('zh-CN', <BuildHarness />);
    const card = await screen.findByTestId('build-report');
    await userEvent.click(within(card).getByRole('button', { name: '一键生成周报' }));
    const status = await within(card).findByRole('status');
    expect(englishIn(status.textContent ?? '')).toEqual([]);
  });
});

describe('the weekly report in ReportsView', () => {
  it('Build composes the draft from the records in the database; the editor then shows last week’s plan rows with what the records show (en)', async () => {
    await seed();
    withDb('en', <ReportsView />);
    await userEvent.click(await screen.findByRole('button', { name: 'Build the weekly report from my records' }));
    await screen.findByText(/^Built from 1 visit card, 1 daily report and no intel/);
    const editor = await screen.findByRole('form', { name: /^Weekly report · / });
    const hints = await within(editor).findAllByTestId('plan-evidence');
    expect(hints.map((hint) => hint.textContent)).toEqual([
      expect.stringMatching(/^Records show: done · /),
      'Records show: nothing in the records',
    ]);
    const day = formatDay(thisWeek.start, 'en', 'short');
    expect(hints[0]!.textContent).toContain(`${day} visit to 大华商贸有限公司`);
    expect(within(editor).getByDisplayValue(PLAN_DONE)).toBeTruthy();
    expect(within(editor).getByDisplayValue(PLAN_UNKNOWN)).toBeTruthy();
    // The numbers behind it, under the editor.
    const numbers = await screen.findByTestId('report-numbers');
    expect(within(numbers).getByText('The numbers behind this report')).toBeTruthy();
    expect(numbers.textContent).toContain('大华商贸有限公司');
  });

  it('zh-CN: the same, in Chinese', async () => {
    await seed();
    withDb('zh-CN', <ReportsView />);
    await userEvent.click(await screen.findByRole('button', { name: '一键生成周报' }));
    await screen.findByText(/^已根据 1 张客户卡、1 份日报和 0 条竞品信息生成/);
    const hints = await screen.findAllByTestId('plan-evidence');
    expect(hints.map((hint) => hint.textContent)).toEqual([expect.stringMatching(/^记录显示：已完成 · /), '记录显示：记录中未找到']);
    expect(hints[0]!.textContent).toContain('拜访 大华商贸有限公司');
    for (const hint of hints) expect(englishIn(hint.textContent ?? '')).toEqual([]);
  });
});

describe('PlanEvidenceHint', () => {
  const periodStart = '2026-11-30';
  const rows: Record<string, PlanEvidence> = {
    done: { item: '拜访大华商贸', suggestion: 'done', evidence: [{ kind: 'visit', day: '2026-12-01', text: '' }], dealerIds: [DAHUA] },
    partly: { item: '本周拜访 5 家终端', suggestion: 'partly', evidence: [{ kind: 'daily', day: '2026-12-02', text: '整理客户档案' }], dealerIds: [], target: { kind: 'visits', promised: 5, achieved: 3 } },
    not: { item: '拜访兴隆批发部', suggestion: 'not', evidence: [], dealerIds: [XINGLONG] },
    unknown: { item: '参加公司年会筹备', suggestion: 'unknown', evidence: [], dealerIds: [] },
  } as never;
  const hintOf = (locale: Locale, evidence: PlanEvidence | undefined) => {
    render(
      <LocaleProvider locale={locale}>
        <PlanEvidenceHint evidence={evidence} dealersById={NAMES} periodStart={periodStart} />
      </LocaleProvider>,
    );
    const text = screen.queryByTestId('plan-evidence')?.textContent ?? null;
    cleanup();
    return text;
  };

  it('says done / partly / not / unknown with the records behind it (en)', () => {
    const d = (day: string) => formatDay(day, 'en', 'short');
    expect(hintOf('en', rows.done)).toBe(`Records show: done · ${d('2026-12-01')} visit to 大华商贸有限公司`);
    expect(hintOf('en', rows.partly)).toBe(`Records show: partly done · 3 of 5 · ${d('2026-12-02')} “整理客户档案”`);
    expect(hintOf('en', rows.not)).toBe('Records show: not done');
    expect(hintOf('en', rows.unknown)).toBe('Records show: nothing in the records');
  });

  it('says the same in zh-CN, without English', () => {
    const d = (day: string) => formatDay(day, 'zh-CN', 'short');
    expect(hintOf('zh-CN', rows.done)).toBe(`记录显示：已完成 · ${d('2026-12-01')} 拜访 大华商贸有限公司`);
    expect(hintOf('zh-CN', rows.partly)).toBe(`记录显示：部分完成 · 完成 3 / 5 · ${d('2026-12-02')} “整理客户档案”`);
    expect(hintOf('zh-CN', rows.not)).toBe('记录显示：未完成');
    expect(hintOf('zh-CN', rows.unknown)).toBe('记录显示：记录中未找到');
    for (const row of Object.values(rows)) expect(englishIn(hintOf('zh-CN', row) ?? '')).toEqual([]);
  });

  it('says nothing for a row the records were not asked about; a day of another year carries its year', () => {
    expect(hintOf('en', undefined)).toBeNull();
    const old = { ...rows.done!, evidence: [{ kind: 'visit' as const, day: '2025-12-29', text: '' }] };
    expect(hintOf('en', old)).toBe(`Records show: done · ${formatDay('2025-12-29', 'en', 'date')} visit to 大华商贸有限公司`);
    expect(formatDay('2025-12-29', 'en', 'date')).toContain('2025');
  });
});

describe('DocumentSections', () => {
  const document = (locale: Locale): ReportDocument => ({
    locale,
    title: 'T',
    fields: [],
    fileName: 'x',
    sections: [
      {
        id: 'narrow',
        heading: 'Narrow',
        blocks: [{ type: 'table', columns: [{ label: 'Customer', type: 'text' }, { label: 'Visits', type: 'number' }, { label: 'Day', type: 'date' }], rows: [['大华', 2, '2026-12-01']] }],
      },
      {
        id: 'wide',
        heading: 'Wide',
        blocks: [
          {
            type: 'table',
            columns: [{ label: 'Customer', type: 'text' }, { label: 'Visits', type: 'number' }, { label: 'Ordered', type: 'number', unit: 'cases' }, { label: 'Note', type: 'text' }],
            rows: [
              ['大华', 2, 35, '陈列'],
              ['兴隆', 1, null, ''],
            ],
          },
        ],
      },
      { id: 'none', heading: 'Nothing', blocks: [], empty: 'No intel this week.' },
    ],
  });

  it('shows a table of up to three columns as a table, a wider one as one block per row without its empty cells', () => {
    const doc = document('en');
    render(<DocumentSections document={doc} sections={doc.sections} />);
    const narrow = screen.getByRole('region', { name: 'Narrow' });
    expect(within(narrow).getByRole('table')).toBeTruthy();
    expect(within(narrow).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Customer', 'Visits', 'Day']);
    const wide = screen.getByRole('region', { name: 'Wide' });
    expect(within(wide).queryByRole('table')).toBeNull();
    const items = within(wide).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['大华Visits: 2Ordered (cases): 35Note: 陈列', '兴隆Visits: 1']);
    expect(within(screen.getByRole('region', { name: 'Nothing' })).getByText('No intel this week.')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Narrow', 'Wide', 'Nothing']);
  });

  it('zh-CN: a wide row joins label and value with the full-width colon', () => {
    const doc = document('zh-CN');
    render(<DocumentSections document={doc} sections={doc.sections} headingLevel={3} />);
    const wide = screen.getByRole('region', { name: 'Wide' });
    expect(within(wide).getAllByRole('listitem')[1]!.textContent).toBe('兴隆Visits：1');
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(3);
  });
});

/** A built draft of this week, read back from the database. */
async function builtEntry(): Promise<DiaryEntry> {
  await seed();
  const { buildReportDraft } = await import('../../lib/reports/compose/build');
  const { entry } = await buildReportDraft(db, { author: REP, kind: 'weekly', periodStart: thisWeek.start, words: { locale: 'zh-CN', ordered: (q) => `订货 ${q}` } });
  return entry;
}

const blobText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
const blobBytes = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

describe('ExportMenu', () => {
  function menu(locale: Locale, document: ReportDocument, copy: (html: string, text: string) => Promise<void> = async () => {}) {
    const save = vi.fn<(name: string, data: Blob) => void>();
    const copied = vi.fn(copy);
    render(
      <LocaleProvider locale={locale}>
        <ExportMenu document={document} printHref="report-print.html#entry=E1&print=1" save={save} copy={copied} />
      </LocaleProvider>,
    );
    return { save, copy: copied };
  }

  it('Markdown: saves <fileName>.md with the plan rows, and says so (en)', async () => {
    const entry = await builtEntry();
    const document = documentOfEntry(entry, { locale: 'en', dealerName: (id) => NAMES[id] });
    const { save, copy } = menu('en', document);
    expect(screen.getByRole('region', { name: `Export ${document.title}` })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Markdown' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [name, blob] = save.mock.calls[0]!;
    expect(name).toBe(`${document.fileName}.md`);
    expect(name).toMatch(/^weekly-report-\d{4}-W\d{2}\.md$/); // the Chinese author name is kept out of the file name
    const text = await blobText(blob);
    expect(text).toContain(PLAN_DONE);
    expect(text).toContain(PLAN_UNKNOWN);
    expect(text).toContain('Numbers as of');
    expect((await screen.findByRole('status')).textContent).toBe(`Saved ${name}.`);
    expect(copy).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Excel: saves an .xlsx workbook (a zip: it starts with "PK") and says so (zh-CN)', async () => {
    const entry = await builtEntry();
    const document = documentOfEntry(entry, { locale: 'zh-CN', dealerName: (id) => NAMES[id] });
    const { save } = menu('zh-CN', document);
    await userEvent.click(screen.getByRole('button', { name: 'Excel' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    const [name, blob] = save.mock.calls[0]!;
    expect(name).toBe(`${document.fileName}.xlsx`);
    const bytes = await blobBytes(blob);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    expect(bytes.length).toBeGreaterThan(1000);
    expect((await screen.findByRole('status')).textContent).toBe(`已保存 ${name}。`);
  });

  it('Copy for chat: rich HTML with a table and plain text without markup; a refused copy says what to do, in each language', async () => {
    const entry = await builtEntry();
    const en = documentOfEntry(entry, { locale: 'en', dealerName: (id) => NAMES[id] });
    const { copy, save } = menu('en', en);
    await userEvent.click(screen.getByRole('button', { name: 'Copy for chat' }));
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(1));
    const [html, text] = copy.mock.calls[0]!;
    expect(html).toContain('<table');
    expect(html).toContain(PLAN_DONE);
    expect(text).toContain(PLAN_DONE);
    expect(text).not.toContain('<');
    expect((await screen.findByRole('status')).textContent).toBe('Copied: paste it into a chat or an email.');
    expect(save).not.toHaveBeenCalled();
    cleanup();

    const refused = async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    };
    menu('en', en, refused);
    await userEvent.click(screen.getByRole('button', { name: 'Copy for chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The browser did not allow copying: click Copy for chat again, or use Markdown.');
    expect(screen.queryByRole('status')).toBeNull();
    cleanup();

    menu('zh-CN', documentOfEntry(entry, { locale: 'zh-CN', dealerName: (id) => NAMES[id] }), refused);
    await userEvent.click(screen.getByRole('button', { name: '复制到聊天' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('浏览器不允许复制：请再点一次“复制到聊天”，或改用 Markdown。');
    expect(englishIn(alert.textContent ?? '')).toEqual([]);
  });

  it('a file that cannot be made says so in one sentence, and the buttons work again', async () => {
    const entry = await builtEntry();
    const save = vi.fn(() => {
      throw new Error('QuotaExceededError');
    });
    render(
      <LocaleProvider locale="zh-CN">
        <ExportMenu document={documentOfEntry(entry, { locale: 'zh-CN', dealerName: (id) => NAMES[id] })} save={save} copy={vi.fn()} />
      </LocaleProvider>,
    );
    const markdown = screen.getByRole('button', { name: 'Markdown' }) as HTMLButtonElement;
    await userEvent.click(markdown);
    expect((await screen.findByRole('alert')).textContent).toBe('文件未能生成：请重试；如仍失败，请改用 Markdown。');
    expect(screen.queryByRole('status')).toBeNull();
    expect(markdown.disabled).toBe(false);
    cleanup();
    render(
      <LocaleProvider locale="en">
        <ExportMenu document={documentOfEntry(entry, { locale: 'en', dealerName: (id) => NAMES[id] })} save={save} copy={vi.fn()} />
      </LocaleProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Excel' }));
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('The file could not be made: try again; if it keeps failing, use Markdown.');
  });

  it('Print or PDF: a saved report links to its print page; a document without one is handed over in storage', async () => {
    const entry = await builtEntry();
    const document = documentOfEntry(entry, { locale: 'en', dealerName: (id) => NAMES[id] });
    menu('en', document);
    const link = screen.getByRole('link', { name: 'Print or PDF' });
    expect(link.getAttribute('href')).toBe('report-print.html#entry=E1&print=1');
    expect(link.getAttribute('target')).toBe('_blank');
    cleanup();

    localStorage.clear();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(
      <LocaleProvider locale="zh-CN">
        <ExportMenu document={documentOfEntry(entry, { locale: 'zh-CN', dealerName: (id) => NAMES[id] })} save={vi.fn()} copy={vi.fn()} />
      </LocaleProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: '打印 / PDF' }));
    expect(open).toHaveBeenCalledTimes(1);
    const url = open.mock.calls[0]![0] as string;
    const key = /^report-print\.html#doc=([a-z0-9]+)&print=1$/.exec(url)?.[1];
    expect(key).toBeTruthy();
    const { takeHandedOff } = await import('../../components/reports/print-handoff');
    expect(takeHandedOff(key!)?.title).toBe('周报');
    localStorage.clear();
  });

  it('labels: zh-CN has no English beyond Markdown, Excel and PDF; en has no Chinese outside the report', async () => {
    const entry = await builtEntry();
    menu('zh-CN', documentOfEntry(entry, { locale: 'zh-CN', dealerName: (id) => NAMES[id] }));
    const zh = screen.getAllByRole('button').map((b) => b.textContent ?? '');
    expect(zh).toEqual(['Markdown', 'Excel', '复制到聊天']);
    expect(screen.getByRole('link').textContent).toBe('打印 / PDF');
    cleanup();
    menu('en', documentOfEntry(entry, { locale: 'en', dealerName: (id) => NAMES[id] }));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Markdown', 'Excel', 'Copy for chat']);
    expect(hanIn(screen.getByRole('region').getAttribute('aria-label') ?? '')).toEqual([]);
  });
});

describe('ReportOutputs', () => {
  it('the numbers behind a built report open as a disclosure, with as-of; a report without numbers has none', async () => {
    const entry = await builtEntry();
    withDb('en', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={undefined} />);
    const numbers = await screen.findByTestId('report-numbers');
    expect(numbers.tagName).toBe('DETAILS');
    expect(numbers.textContent).toMatch(/The numbers behind this reportNumbers as of .+ \(China Standard Time\)/);
    expect(within(numbers).getByRole('region', { name: 'The work, from the daily reports' }).textContent).toContain('拜访大华商贸，确认了年度返利方案');
    // Only the snapshot's sections: what the rep wrote is in the editor above, not repeated here.
    expect(numbers.querySelector('[data-section="summary"]')).toBeNull();
    expect(numbers.querySelector('[data-section="plan"]')).toBeNull();
    cleanup();

    const { snapshot: _s, ...plain } = entry;
    withDb('zh-CN', <ReportOutputs entry={plain as DiaryEntry} dealersById={NAMES} onSyncNow={undefined} />);
    await screen.findByTestId('report-posting');
    expect(screen.queryByTestId('report-numbers')).toBeNull();
    expect(screen.getByRole('button', { name: 'Markdown' })).toBeTruthy();
  });

  it('en shows no Chinese but the rep’s own data; zh-CN no English but Markdown/Excel/PDF/HubSpot and the rep’s data', async () => {
    const entry = await builtEntry();
    const userData = [...Object.values(NAMES), PLAN_DONE, PLAN_UNKNOWN, '拜访大华商贸，确认了年度返利方案', '陈列已调整', '订货 25 箱', '箱', REP.name, 'SKU-1'];
    const strip = (text: string) => userData.reduce((rest, data) => rest.split(data).join(' '), text);
    const en = withDb('en', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={vi.fn()} />);
    await screen.findByTestId('report-posting');
    expect(hanIn(strip(en.container.textContent ?? ''))).toEqual([]);
    cleanup();
    const zh = withDb('zh-CN', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={vi.fn()} />);
    await screen.findByTestId('report-posting');
    // The as-of line's zone id is the known failure above; everything else is Chinese.
    expect(englishIn(strip(zh.container.textContent ?? ''), [])).toEqual([]);
  });

  it('zh-CN numbers: headings in Chinese', async () => {
    const entry = await builtEntry();
    withDb('zh-CN', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={undefined} />);
    const numbers = await screen.findByTestId('report-numbers');
    expect(within(numbers).getByText('本报告依据的数据')).toBeTruthy();
    expect(within(numbers).getByRole('region', { name: '本期工作（来自日报）' })).toBeTruthy();
  });
});

describe('PostStatus', () => {
  it('pending while the outbox holds the report; "Post to HubSpot now" calls onSyncNow; posted with the number of customers once synced (en)', async () => {
    const entry = await builtEntry();
    const queued = await db.outbox.where('[table+recordId]').equals(['diaryEntries', entry.id]).first();
    expect(queued?.status).toBe('pending');
    const onSyncNow = vi.fn();
    const view = withDb('en', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={onSyncNow} />);
    const posting = await screen.findByTestId('report-posting');
    expect(posting.getAttribute('data-state')).toBe('pending');
    expect(posting.textContent).toContain('Saved here; goes to HubSpot as one note at the next sync.');
    await userEvent.click(within(posting).getByRole('button', { name: 'Post to HubSpot now' }));
    expect(onSyncNow).toHaveBeenCalledTimes(1);

    // The sync engine posted it: the outbox entry is done and the record carries its CRM link.
    await db.outbox.update(queued!.id, { status: 'done' });
    const synced: DiaryEntry = { ...entry, crm: { objectType: 'notes', objectId: '9001', syncedAt: new Date().toISOString(), syncedVersion: entry.updatedAt } };
    view.rerender(
      <DatabaseProvider db={db}>
        <LocaleProvider locale="en">
          <ReportOutputs entry={synced} dealersById={NAMES} onSyncNow={onSyncNow} />
        </LocaleProvider>
      </DatabaseProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('report-posting').getAttribute('data-state')).toBe('posted'));
    const dealers = (await import('../../lib/reports/diary-schema')).dealerIdsNamedIn(synced).length;
    expect(dealers).toBeGreaterThan(0);
    // Still a draft: HubSpot's note is marked as one, and the words say so.
    expect(screen.getByTestId('report-posting').textContent).toBe(`The draft is in HubSpot as one note on ${dealers} ${dealers === 1 ? 'customer' : 'customers'}, marked as a draft; submitting updates it.`);
    expect(screen.queryByRole('button', { name: 'Post to HubSpot now' })).toBeNull();
    expect(onSyncNow).toHaveBeenCalledTimes(1);
  });

  it('zh-CN: pending, stuck and posted in Chinese; no button without onSyncNow', async () => {
    const entry = await builtEntry();
    const queued = (await db.outbox.where('[table+recordId]').equals(['diaryEntries', entry.id]).first())!;
    const view = withDb('zh-CN', <ReportOutputs entry={entry} dealersById={NAMES} onSyncNow={undefined} />);
    const posting = await screen.findByTestId('report-posting');
    expect(posting.textContent).toBe('已保存在本机；下次同步时作为一条备注发布到 HubSpot。');
    expect(within(posting).queryByRole('button')).toBeNull();

    await db.outbox.update(queued.id, { status: 'needsAttention' });
    await waitFor(() => expect(screen.getByTestId('report-posting').getAttribute('data-state')).toBe('needsAttention'));
    expect(screen.getByTestId('report-posting').textContent).toBe('尚未发布到 HubSpot：同步需要处理，请查看“设置 › 同步”。');

    await db.outbox.update(queued.id, { status: 'done' });
    view.rerender(
      <DatabaseProvider db={db}>
        <LocaleProvider locale="zh-CN">
          <ReportOutputs entry={{ ...entry, crm: { objectType: 'notes', objectId: '9001', syncedAt: entry.updatedAt, syncedVersion: entry.updatedAt } }} dealersById={NAMES} onSyncNow={vi.fn()} />
        </LocaleProvider>
      </DatabaseProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('report-posting').getAttribute('data-state')).toBe('posted'));
    const text = screen.getByTestId('report-posting').textContent ?? '';
    expect(text).toMatch(/^草稿已作为一条备注同步到 HubSpot（标明为草稿），关联 \d+ 家客户；提交后会更新这条备注。$/);
    expect(englishIn(text)).toEqual([]);
    expect(screen.queryByRole('button', { name: '立即发布到 HubSpot' })).toBeNull();
  });
});
