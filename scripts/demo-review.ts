/**
 * The demo's review step (批注): the rep 张伟 (HubSpot owner 101) submits this week's weekly
 * report; their regional manager 王强 (owner 103, on the same HubSpot team 华东) connects in a
 * second browser profile with their own token, chooses the manager role, finds the report unread
 * in the team inbox, notes a line of it and returns it for revision; the rep pulls and sees the
 * note in red, the read receipt and the return, answers the note, rewrites the line and
 * resubmits; the manager marks it reviewed and the rep sees it reviewed. Both profiles run in the
 * demo's language of the moment; the flow is the one test/e2e/review.e2e.test.ts proves.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { HubSpotSim } from '../sim/server';
import { launchExtension, readRows, type ExtensionSession } from '../test/e2e/fixtures';
import { isoWeekOf, monthOf, toDay } from '../lib/kernel/dates';
import { newId } from '../lib/kernel/ids';
import { DiaryEntry } from '../lib/reports/diary-schema';
import { periodOf } from '../lib/reports/periods';
import { until } from './demo-wait';
import { STRICT } from '../sim/strict';

/** The manager's own token: the simulator maps it to HubSpot user 5103, owner 103 王强. */
export const MANAGER_TOKEN = 'demo-manager-token';
export const MANAGER_USER_ID = 5103;

type Locale = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    report: /^周报 · /,
    submit: '提交周报',
    lateReason: '迟交原因',
    lateReasonText: '周五在外地参加经销商大会',
    roleOnDevice: '本设备使用的角色',
    manager: '区域经理',
    saveRole: '保存角色',
    annotateLine: '批注：下周工作计划 #1',
    noteLabel: '对 下周工作计划 #1 的批注',
    note: '是哪 5 家终端？请写出店名。',
    addNote: '添加批注',
    returnForRevision: '退回修改',
    returnReason: '需要修改什么（业务员会看到）',
    returnText: '请写明终端店名和铺货的规格。',
    confirmReturn: /^退回给 /,
    returned: /退回修改 · /,
    readBy: '王强 已读',
    reply: '回复',
    replyLabel: '回复 王强 的批注',
    replyText: '华联、永盛、东方、百汇、金桥',
    sendReply: '发送回复',
    priority1: '重点工作 1',
    resubmit: '重新提交',
    resubmitted: '已重新提交',
    markReviewed: '标记为已批阅',
    reviewed: /^王强 已批阅 · /,
    locked: '经理已批阅，这份报告不能再修改。',
  },
  en: {
    report: /^Weekly report · /,
    submit: 'Submit weekly report',
    lateReason: 'Reason for late submission',
    lateReasonText: 'At the dealer conference out of town on Friday',
    roleOnDevice: 'Role on this device',
    manager: 'Manager',
    saveRole: 'Save role',
    annotateLine: "Add a note on Next week's plan #1",
    noteLabel: "Your note on Next week's plan #1",
    note: 'Which 5 outlets? Name them.',
    addNote: 'Add note',
    returnForRevision: 'Return for revision',
    returnReason: 'What should be changed (the rep reads this)',
    returnText: 'Name the outlets and the SKUs.',
    confirmReturn: /^Return to /,
    returned: /returned it for revision · /,
    readBy: 'Read by 王强',
    reply: 'Reply',
    replyLabel: /^Your reply to 王强/,
    replyText: 'Hualian, Yongsheng, Dongfang, Baihui, Jinqiao',
    sendReply: 'Send reply',
    priority1: 'Priority 1',
    resubmit: 'Resubmit',
    resubmitted: 'Resubmitted',
    markReviewed: 'Mark as reviewed',
    reviewed: /^Reviewed by 王强 · /,
    locked: 'Reviewed by your manager: this report can no longer be changed.',
  },
} as const;

/** The plan line the manager notes (the weekly draft's first priority), and as the rep rewrites it. */
const NOTED_LINE = '拜访 5 家终端，铺货 HX7 5W-40';
const REWRITTEN_LINE = '拜访华联、永盛、东方、百汇、金桥 5 家终端，铺货 HX7 5W-40 4L';

/**
 * This week's weekly report of 张伟 as a draft, for the demo's backup: written this morning, on
 * the dealers the demo's key-account visits went to.
 */
export function weeklyDraft(now: Date, dealers: readonly { id: string }[]): DiaryEntry {
  const period = periodOf('weekly', toDay(now));
  const written = new Date(now.getTime() - 2 * 3_600_000).toISOString();
  const dayOf = (daysAgo: number) => {
    const day = toDay(new Date(now.getTime() - daysAgo * 86_400_000));
    return day < period.start ? period.start : day;
  };
  return DiaryEntry.parse({
    id: newId(Date.parse(written)),
    schemaVersion: 1,
    author: { id: '101', name: '张伟' },
    createdAt: written,
    updatedAt: written,
    periodStart: period.start,
    isoWeek: isoWeekOf(period.start),
    month: monthOf(period.start),
    status: 'draft',
    annotations: [],
    content: {
      kind: 'weekly',
      lastWeekSummary: [
        { item: '华东润滑油 Ultra 0W-20 新品进店', completion: 80, problem: '端架位置还在和门店谈' },
        { item: '苏南汽配城回款', completion: 40, problem: '欠款超出授信额度，需要主管协调' },
      ],
      nextWeekPlan: [
        { priority: NOTED_LINE, support: '' },
        { priority: '催收苏南汽配城 11 月货款 11 万元', support: '财务出对账单' },
      ],
      keyAccountVisits: dealers.slice(0, 2).map((dealer, i) => ({
        dealerId: dealer.id,
        day: dayOf(i),
        purpose: ['谈 12 月返利政策', '核对库存，推荐新品'][i]!,
        outcome: ['同意 12 月下单 60 箱', '下单 30 箱 HX7'][i]!,
      })),
      gradeChanges: [],
    },
  });
}

/** Adds `entries` to a Fieldkit backup file's diary entries. */
export function withDiaryEntries(backup: string, entries: readonly DiaryEntry[]): string {
  const parsed = JSON.parse(backup) as { tables: { diaryEntries?: unknown[] } };
  parsed.tables.diaryEntries = [...(parsed.tables.diaryEntries ?? []), ...entries];
  return JSON.stringify(parsed, null, 2);
}


function send(page: Page, type: string, payload: unknown = {}) {
  return page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  ) as Promise<{ ok: boolean; data?: Record<string, unknown> }>;
}

/**
 * Pushes everything queued, then pulls what others wrote — once HubSpot's lagging search has the
 * other browser's last push (the simulator's lag, docs/hubspot.md), as a person a few seconds later.
 */
async function syncBothWays(page: Page, who: string) {
  await until(async () => (await send(page, 'sync.now')).data?.pending, (pending) => pending === 0, `${who}'s records to reach HubSpot`, 90_000);
  await page.waitForTimeout(STRICT.searchLagMs + 500);
  const pulled = await send(page, 'sync.pullRecords');
  if (!pulled.ok) throw new Error(`demo: ${who} could not pull records from HubSpot`);
}

async function shoot(page: Page, file: string) {
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: true });
}

export interface ReviewStep {
  locale: Locale;
  sim: HubSpotSim;
  /** The rep's browser, connected (owner 101), with `entry` (a weekly draft) imported. */
  rep: ExtensionSession;
  entry: DiaryEntry;
  /** Connects a browser's Options page to the simulator with a token. */
  connect(options: Page, token: string): Promise<void>;
  out: string;
  headless: boolean;
}

/**
 * Runs the review step; returns the manager's browser (still open when the demo is headed, for
 * the person watching) and the screenshots and files it wrote.
 */
export async function reviewTour({ locale, sim, rep, entry, connect, out, headless }: ReviewStep): Promise<{ manager: ExtensionSession; files: string[] }> {
  const words = WORDS[locale];
  const log = (line: string) => console.log(`[${locale}] review: ${line}`);
  const files: string[] = [];

  // The rep submits the weekly report (with a reason when it is already past Friday's end of work).
  const repPage = await rep.openPage(`sidepanel.html#reports/weekly/${entry.periodStart}`);
  await repPage.setViewportSize({ width: 420, height: 900 });
  const form = repPage.getByRole('form', { name: words.report });
  await form.getByRole('button', { name: words.submit }).click();
  const submittedOrReason = await until(
    async () => {
      const row = (await readRows<DiaryEntry>(repPage, 'diaryEntries')).find((e) => e.id === entry.id);
      if (row?.status === 'submitted') return 'submitted';
      return (await form.getByLabel(words.lateReason).getAttribute('aria-invalid').catch(() => null)) === 'true' ? 'reason' : 'waiting';
    },
    (state) => state !== 'waiting',
    'the weekly report to be submitted',
  );
  if (submittedOrReason === 'reason') {
    await form.getByLabel(words.lateReason).fill(words.lateReasonText);
    await form.getByRole('button', { name: words.submit }).click();
    await until(async () => (await readRows<DiaryEntry>(repPage, 'diaryEntries')).find((e) => e.id === entry.id)?.status, (s) => s === 'submitted', 'the weekly report to be submitted');
  }
  await syncBothWays(repPage, '张伟');
  log(`张伟 submitted this week's weekly report (${entry.periodStart}) and it synced`);

  // The manager connects with their own token and chooses the manager role on their device.
  const manager = await launchExtension({ locale, headless });
  const managerOptions = await manager.openPage('options.html#connection');
  await connect(managerOptions, MANAGER_TOKEN);
  await until(async () => (await readRows<{ key: string; value: { id: string } }>(managerOptions, 'settings')).find((r) => r.key === 'profile')?.value.id, (id) => id === '103', 'the manager profile (owner 103)');
  await managerOptions.reload();
  await managerOptions.getByRole('group', { name: words.roleOnDevice }).getByRole('button', { name: words.manager, exact: true }).click();
  await managerOptions.getByRole('button', { name: words.saveRole, exact: true }).click();
  await until(async () => (await readRows<{ key: string; value: { role: string } }>(managerOptions, 'settings')).find((r) => r.key === 'profile')?.value.role, (role) => role === 'manager', 'the manager role to be saved');
  await syncBothWays(managerOptions, '王强');
  await until(() => readRows<DiaryEntry>(managerOptions, 'diaryEntries'), (rows) => rows.some((e) => e.id === entry.id && e.status === 'submitted'), "张伟's report on the manager's device");
  log('王强 connected as regional manager and pulled the team’s reports');
  if (headless) await managerOptions.close();

  // The team inbox: 张伟's report unread, 李娜 not submitted yet.
  const managerPanel = await manager.openPage('sidepanel.html#team');
  await managerPanel.setViewportSize({ width: 420, height: 900 });
  const inbox = managerPanel.getByTestId('team-inbox');
  const row = inbox.getByTestId('inbox-row').filter({ hasText: '张伟' });
  await inbox.locator('[data-testid="inbox-row"][data-unread]').filter({ hasText: '张伟' }).waitFor();
  const inboxShot = resolve(out, `${locale}-review-inbox.png`);
  await shoot(managerPanel, inboxShot);
  files.push(inboxShot);
  log(`the manager's team inbox: ${inboxShot}`);

  // The reading layout: a note on a line of the plan (in red), then the report returned for revision.
  await row.getByRole('button').click();
  const reader = managerPanel.getByTestId('review-reader');
  await reader.getByText(NOTED_LINE).waitFor();
  await reader.getByRole('button', { name: words.annotateLine }).click();
  await reader.getByRole('textbox', { name: words.noteLabel }).fill(words.note);
  await reader.getByRole('button', { name: words.addNote, exact: true }).click();
  await reader.getByTestId('line-note').filter({ hasText: words.note }).waitFor();
  await reader.getByRole('button', { name: words.returnForRevision, exact: true }).click();
  await reader.getByRole('textbox', { name: words.returnReason }).fill(words.returnText);
  await reader.getByRole('button', { name: words.confirmReturn }).click();
  await reader.getByText(words.returned).first().waitFor();
  await managerPanel.evaluate(() => window.scrollTo(0, 0));
  const readerShot = resolve(out, `${locale}-review-reader.png`);
  await shoot(managerPanel, readerShot);
  files.push(readerShot);
  log(`the manager's reading layout with a line note, returned: ${readerShot}`);
  await syncBothWays(managerPanel, '王强');

  // The rep pulls: the note in red with who wrote it and when, the read receipt and the return.
  await syncBothWays(repPage, '张伟');
  await repPage.reload();
  const returned = repPage.getByRole('form', { name: words.report });
  await returned.getByTestId('annotation').filter({ hasText: words.note }).waitFor();
  await returned.getByTestId('read-receipt').filter({ hasText: words.readBy }).waitFor();
  await returned.getByText(words.returned).first().waitFor();
  const repShot = resolve(out, `${locale}-review-rep.png`);
  await shoot(repPage, repShot);
  files.push(repShot);
  log(`the rep's report with the manager's note, read receipt and return: ${repShot}`);

  // The rep answers the note, names the outlets and resubmits; the manager marks it reviewed.
  const note = returned.getByTestId('annotation').filter({ hasText: words.note });
  await note.getByRole('button', { name: words.reply, exact: true }).click();
  await note.getByRole('textbox', { name: words.replyLabel }).fill(words.replyText);
  await note.getByRole('button', { name: words.sendReply, exact: true }).click();
  await note.getByText(words.replyText).waitFor();
  await returned.getByLabel(words.priority1, { exact: true }).fill(REWRITTEN_LINE);
  await returned.getByRole('button', { name: words.resubmit, exact: true }).click();
  await until(async () => (await readRows<DiaryEntry>(repPage, 'diaryEntries')).find((e) => e.id === entry.id)?.revisions?.length ?? 0, (n) => n >= 2, 'the resubmission');
  await syncBothWays(repPage, '张伟');
  await syncBothWays(managerPanel, '王强');
  await managerPanel.reload();
  await managerPanel.getByTestId('inbox-row').filter({ hasText: '张伟' }).filter({ hasText: words.resubmitted }).getByRole('button').click();
  await reader.getByText(REWRITTEN_LINE).first().waitFor();
  await reader.getByRole('button', { name: words.markReviewed, exact: true }).click();
  await reader.getByText(words.reviewed).first().waitFor();
  await syncBothWays(managerPanel, '王强');
  log('张伟 replied and resubmitted; 王强 marked the report reviewed');

  // The rep sees it reviewed: the note and the reply, the history, no longer editable.
  await syncBothWays(repPage, '张伟');
  await repPage.reload();
  await repPage.getByRole('article', { name: words.report }).getByText(words.locked).waitFor();
  const doneShot = resolve(out, `${locale}-review-reviewed.png`);
  await shoot(repPage, doneShot);
  files.push(doneShot);
  log(`the rep's report, reviewed: ${doneShot}`);
  if (headless) {
    await repPage.close();
    await managerPanel.close();
  }

  // What HubSpot holds: the report and each review step as a note, owned by the person who took it.
  const notes = sim.state
    .list('notes')
    .filter((n) => n.properties.fieldkit_record_type === 'reviewEvent' || (n.properties.fieldkit_record_type === 'diaryEntry' && String(n.properties.fieldkit_payload).includes(entry.id)))
    .map((n) => ({ type: n.properties.fieldkit_record_type, owner: n.properties.hubspot_owner_id, payload: JSON.parse(String(n.properties.fieldkit_payload)) as unknown }));
  const notesFile = resolve(out, `${locale}-review-hubspot-notes.json`);
  writeFileSync(notesFile, JSON.stringify(notes, null, 2));
  files.push(notesFile);
  log(`HubSpot holds the report and ${notes.length - 1} review steps (${notes.filter((n) => n.type === 'reviewEvent').map((n) => (n.payload as { action: string }).action).join(', ')}) as notes: ${notesFile}`);
  return { manager, files };
}
