/**
 * The demo's one-click weekly report: the rep 张伟 builds LAST week's weekly report from his records
 * with one click (last week's plan from the report before it, the week's daily reports, visit cards
 * and intel), checks each line, writes next week's priority and submits it (late, with the reason
 * the form asks for: the week is over), then exports it in every format into the demo folder —
 * Markdown, Excel, the print page printed to PDF by the browser, the rich copy for chat (HTML and
 * plain text) — and saves the note the simulated HubSpot holds for it. It runs before the review
 * step, on last week, so this week's draft the review submits is untouched. The demo runs at the
 * real date: every day below is worked out from `now`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { HubSpotSim } from '../sim/server';
import { readRows, type ExtensionSession } from '../test/e2e/fixtures';
import { send } from '../test/e2e/sim-helpers';
import { pdfText } from '../test/e2e/pdf-text';
import { isoWeekOf, monthOf, toDay } from '../lib/kernel/dates';
import { newId } from '../lib/kernel/ids';
import { DiaryEntry } from '../lib/reports/diary-schema';
import { periodOf } from '../lib/reports/periods';
import { dealerAliases } from '../lib/reports/compose/plan-match';
import { VisitCard } from '../lib/visits/schema';
import { IntelItem } from '../lib/intel/schema';
import { until } from './demo-wait';

type Locale = 'zh-CN' | 'en';

const REP = { id: '101', name: '张伟' };

const WORDS = {
  'zh-CN': {
    report: /^周报 · /,
    build: '一键生成周报',
    completion: /^第 (\d+) 项完成度（%）$/,
    problem: (n: number) => `第 ${n} 项存在的问题`,
    priority1: '重点工作 1',
    addPriority: '添加重点工作',
    submit: '提交周报',
    lateReason: '迟交原因',
    exportBar: '导出周报',
    copy: '复制到聊天',
    copied: '已复制，可粘贴到聊天或邮件中。',
    postNow: '立即发布到 HubSpot',
    // What the rep writes.
    planVisit: (dealer: string) => `拜访${dealer}，谈 12 月返利政策`,
    planOutlets: '拜访 3 家终端，铺货 HX7 5W-40',
    planPrices: '整理华东区竞品价格表',
    dailies: (d: readonly string[]) => [
      [`拜访${d[0]}，谈 12 月返利政策`, '核对端架陈列'],
      [`拜访${d[1]}，完成 35 箱订货`, '整理竞品价格：美孚、嘉实多'],
      [`回访${d[2]}，推荐 Ultra 0W-20`, '提交上周费用报销'],
    ],
    dailyProblem: (dealer: string) => `${dealer}欠款超出授信额度，需要主管协调`,
    visitNotes: ['老板同意 12 月返利方案', '缺 Ultra 0W-20，下周补货'],
    /** How far the rep says an item got when the records do not say, and why each item fell short. */
    completionGiven: 60,
    reasons: ['老板出差，返利细节下周再谈', '有一家终端老板不在，下周补访', '价格表只完成两家竞品，其余品牌下周补齐'],
    nextPriority: '拜访 5 家终端，铺货 HX7 5W-40 4L，目标订货 120 箱',
    lateReasonText: '上周五在外地参加经销商大会，周末未能提交',
    intel: { competitorName: '壳牌', brand: '壳牌', product: '喜力 HX8 5W-30', unit: '元/桶', promotion: '满 10 箱返 1 箱' },
  },
  en: {
    report: /^Weekly report · /,
    build: 'Build the weekly report from my records',
    completion: /^Item (\d+) completion \(%\)$/,
    problem: (n: number) => `Item ${n} problem`,
    priority1: 'Priority 1',
    addPriority: 'Add a priority',
    submit: 'Submit weekly report',
    lateReason: 'Reason for late submission',
    exportBar: 'Export Weekly report',
    copy: 'Copy for chat',
    copied: 'Copied: paste it into a chat or an email.',
    postNow: 'Post to HubSpot now',
    planVisit: (dealer: string) => `Visit ${dealer} about the December rebate`,
    planOutlets: 'Visit 3 outlets, place HX7 5W-40',
    planPrices: 'Compile the East China competitor price list',
    dailies: (d: readonly string[]) => [
      [`Visited ${d[0]} about the December rebate`, 'Checked the end-cap display'],
      [`Visited ${d[1]}, took an order of 35 cases`, 'Collected competitor prices: Mobil, Castrol'],
      [`Called on ${d[2]}, recommended Ultra 0W-20`, 'Filed last week’s expenses'],
    ],
    dailyProblem: (dealer: string) => `${dealer} is over its credit limit: needs the manager`,
    visitNotes: ['The owner agreed to the December rebate', 'Out of Ultra 0W-20: restock next week'],
    completionGiven: 60,
    reasons: ['The owner was away; the rebate details next week', 'One outlet owner was out; visiting again next week', 'Prices for two competitors done; the other brands next week'],
    nextPriority: 'Visit 5 outlets, place HX7 5W-40 4L, target 120 cases ordered',
    lateReasonText: 'At the dealer conference out of town last Friday; could not submit over the weekend',
    intel: { competitorName: 'Shell', brand: 'Shell', product: 'Helix HX8 5W-30', unit: 'CNY per 4 L', promotion: '1 case free with every 10' },
  },
} as const;


/** Writes rows straight into the extension's IndexedDB (records the rep made earlier), as the e2e test does. */
function putRows(page: Page, table: string, rows: unknown[]) {
  return page.evaluate(
    ([name, values]) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          for (const value of values as unknown[]) tx.objectStore(name).put(value);
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    [table, rows] as const,
  );
}

/** A day of `week` (Monday + `offset` days), as yyyy-MM-dd; midday local time, so no time zone moves it. */
function dayIn(weekStart: string, offset: number): { day: string; at: Date } {
  const at = new Date(`${weekStart}T12:00:00`);
  at.setDate(at.getDate() + offset);
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return { day, at };
}

/**
 * Last week's records to build from, on top of the demo backup (whose visit cards and intel fall in
 * last week only on some weekdays): the report of the week before (its plan is what last week is
 * judged against), three daily reports, two visit cards and an intel item.
 */
function lastWeekRecords(locale: Locale, lastWeek: string, weekBefore: string, dealers: readonly { id: string; name: string }[]) {
  const words = WORDS[locale];
  const base = (at: Date) => ({ id: newId(at.getTime()), author: REP, createdAt: at.toISOString(), updatedAt: at.toISOString() });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const friday = dayIn(weekBefore, 4);
  const dueAt = new Date(`${friday.day}T18:00:00`);
  const plan = DiaryEntry.parse({
    ...base(friday.at),
    schemaVersion: 1,
    periodStart: weekBefore,
    isoWeek: isoWeekOf(weekBefore),
    month: monthOf(weekBefore),
    status: 'submitted',
    submittedAt: friday.at.toISOString(),
    deadline: { outcome: 'onTime', dueAt: dueAt.toISOString(), timeZone, submittedAt: friday.at.toISOString() },
    annotations: [],
    content: {
      kind: 'weekly',
      lastWeekSummary: [],
      nextWeekPlan: [
        { priority: words.planVisit(dealers[0]!.name), support: '' },
        { priority: words.planOutlets, support: '' },
        { priority: words.planPrices, support: '' },
      ],
      keyAccountVisits: [],
      gradeChanges: [],
    },
  });
  // The names people write in a daily report (华东润滑油经销有限公司 → 华东润滑油).
  const short = [0, 1, 2].map((i) => dealerAliases(dealers[i % dealers.length]!.name).at(-1)!.replace(/经销$/, ''));
  const dailies = words.dailies(short).map((todayWork, i) => {
    const { day, at } = dayIn(lastWeek, i * 2);
    const submittedAt = new Date(`${day}T19:30:00`).toISOString();
    return DiaryEntry.parse({
      ...base(at),
      schemaVersion: 1,
      periodStart: day,
      isoWeek: isoWeekOf(day),
      month: monthOf(day),
      status: 'submitted',
      submittedAt,
      // Submitted the same evening, as the extension records it (due by the end of the day).
      deadline: { outcome: 'onTime', dueAt: new Date(`${day}T23:59:59`).toISOString(), timeZone, submittedAt },
      annotations: [],
      content: { kind: 'daily', todayWork: [...todayWork], tomorrowPlan: [], problems: i === 1 ? [words.dailyProblem(short[1]!)] : [] },
    });
  });
  const visitCards = [0, 1].map((i) => {
    const { day, at } = dayIn(lastWeek, i * 2);
    return VisitCard.parse({
      ...base(at),
      schemaVersion: 2,
      dealerId: dealers[i % dealers.length]!.id,
      visitDay: day,
      isoWeek: isoWeekOf(day),
      previousPeriodSales: 150 - i * 20,
      currentInventory: 30 + i * 6,
      orderQuantity: [60, 35][i],
      unit: '箱',
      orderedSkus: ['HX7 5W-40 4L'],
      requiredSkus: [
        { sku: 'HX7 5W-40 4L', carried: true },
        { sku: 'Ultra 0W-20 4L', carried: i === 0 },
      ],
      actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: i === 1 },
      keyAccount: true,
      note: words.visitNotes[i],
    });
  });
  const observed = dayIn(lastWeek, 3);
  const intel = IntelItem.parse({
    ...base(observed.at),
    schemaVersion: 1,
    observedDay: observed.day,
    region: '华东',
    confidence: 'medium',
    competitorName: words.intel.competitorName,
    brand: words.intel.brand,
    product: words.intel.product,
    sku: 'HX8-5W30-4L',
    prices: [{ kind: 'retail', amount: 299, unit: words.intel.unit }],
    promotion: { type: 'gift', description: words.intel.promotion },
  });
  return { diaryEntries: [plan, ...dailies], visitCards, intelItems: [intel] };
}

export interface WeeklyStep {
  locale: Locale;
  sim: HubSpotSim;
  /** The rep's browser, connected (owner 101), with the demo backup imported. */
  rep: ExtensionSession;
  /** The dealers pulled from HubSpot (with their HubSpot company ids). */
  dealers: readonly { id: string; name: string; crm?: { objectId: string } }[];
  out: string;
  headless: boolean;
  now?: Date;
}

/** Runs the one-click weekly report step; returns the files it wrote. */
export async function weeklyReportTour({ locale, sim, rep, dealers, out, headless, now = new Date() }: WeeklyStep): Promise<string[]> {
  const words = WORDS[locale];
  const log = (line: string) => console.log(`[${locale}] weekly: ${line}`);
  const files: string[] = [];
  const file = (suffix: string) => {
    const path = resolve(out, `${locale}-weekly-${suffix}`);
    files.push(path);
    return path;
  };
  const linked = dealers.filter((d) => d.crm);
  if (linked.length < 2) throw new Error(`demo: the weekly step needs two dealers from HubSpot; found ${linked.length}`);
  const thisWeek = periodOf('weekly', toDay(now)).start;
  const lastWeek = periodOf('weekly', dayIn(thisWeek, -7).day);
  const weekBefore = periodOf('weekly', dayIn(lastWeek.start, -7).day).start;

  // Last week's records, then one click in last week's report.
  const panel = await rep.openPage(`sidepanel.html#reports/weekly/${lastWeek.start}`);
  const records = lastWeekRecords(locale, lastWeek.start, weekBefore, linked);
  for (const [table, rows] of Object.entries(records)) await putRows(panel, table, rows);
  await panel.reload();
  await panel.waitForSelector('#root > *', { timeout: 15_000 });
  await panel.setViewportSize({ width: 420, height: 900 });
  const build = panel.getByTestId('build-report');
  await build.getByRole('button', { name: words.build }).click({ timeout: 20_000 });
  const numbers = panel.getByTestId('report-numbers');
  await numbers.waitFor({ timeout: 30_000 }).catch(async () => {
    const shot = file('build-failed.png');
    await panel.screenshot({ path: shot, fullPage: true });
    throw new Error(`demo: the one-click build of last week's report (${lastWeek.label}) did not finish within 30 s; see ${shot}`);
  });
  const entry = await until(
    async () => (await readRows<DiaryEntry>(panel, 'diaryEntries')).find((e) => e.content.kind === 'weekly' && e.periodStart === lastWeek.start && e.author.id === REP.id),
    (e) => Boolean(e?.snapshot),
    `last week's report (${lastWeek.label}) to be saved with its numbers`,
  );
  const snapshot = entry!.snapshot!;
  log(
    `one click built last week's report (${lastWeek.label}, ${lastWeek.start} – ${lastWeek.end}) from ${snapshot.dealers.reduce((n, d) => n + d.visits, 0)} visit cards, ${snapshot.work.length} daily reports, ${snapshot.intel.length} intel items and ${snapshot.plan.length} plan items`,
  );
  await numbers.evaluate((details) => ((details as HTMLDetailsElement).open = true));
  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.waitForTimeout(400);
  const builtShot = file('built.png');
  await panel.screenshot({ path: builtShot, fullPage: true });
  log(`the built report with its numbers opened: ${builtShot}`);

  // The rep checks each plan row (how far, and why when not fully done), writes next week's priority, submits.
  const form = panel.getByRole('form', { name: words.report });
  const completions = form.getByLabel(words.completion);
  const rows = await completions.count();
  for (let i = 0; i < rows; i++) {
    const field = completions.nth(i);
    const n = Number(words.completion.exec((await field.getAttribute('aria-label')) ?? (await field.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')))?.[1] ?? i + 1);
    if ((await field.inputValue()) === '') await field.fill(String(words.completionGiven));
    const value = Number(await field.inputValue());
    const problem = form.getByLabel(words.problem(n), { exact: true });
    if (value < 100 && (await problem.inputValue()) === '') await problem.fill(words.reasons[n - 1] ?? words.reasons.at(-1)!);
  }
  if ((await form.getByLabel(words.priority1, { exact: true }).count()) === 0) await form.getByRole('button', { name: words.addPriority }).click();
  await form.getByLabel(words.priority1, { exact: true }).fill(words.nextPriority);
  const lateReason = form.getByLabel(words.lateReason, { exact: true });
  if (await lateReason.isVisible().catch(() => false)) await lateReason.fill(words.lateReasonText);
  const submitted = async () => (await readRows<DiaryEntry>(panel, 'diaryEntries')).find((e) => e.id === entry!.id);
  for (let attempt = 0; ; attempt++) {
    await form.getByRole('button', { name: words.submit }).click();
    const state = await until(
      async () => ((await submitted())?.status === 'submitted' ? 'submitted' : (await form.locator('[aria-invalid="true"]').count()) > 0 ? 'invalid' : 'waiting'),
      (s) => s !== 'waiting',
      `last week's report to be submitted`,
      20_000,
    ).catch(() => 'waiting' as const);
    if (state === 'submitted') break;
    // The form asks for more: the late reason (the week is over) is the one it may ask for only now.
    if (attempt === 0 && (await lateReason.getAttribute('aria-invalid').catch(() => null)) === 'true') {
      await lateReason.fill(words.lateReasonText);
      continue;
    }
    const invalid = await form.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.id));
    const shot = file('submit-failed.png');
    await panel.screenshot({ path: shot, fullPage: true });
    throw new Error(`demo: last week's report was not submitted; the form still asks for: ${invalid.join(', ') || 'nothing marked (see the screenshot)'}; see ${shot}`);
  }
  const done = (await submitted())!;
  log(`submitted last week's report (deadline: ${done.deadline?.outcome ?? 'not recorded'}${done.content.kind === 'weekly' && done.content.lateReason ? `, with the reason it is late: “${done.content.lateReason}”` : ''})`);

  // Markdown and Excel, through the browser's download.
  const exportsBar = panel.getByRole('region', { name: words.exportBar });
  await exportsBar.waitFor({ timeout: 20_000 });
  for (const [button, suffix] of [
    ['Markdown', 'report.md'],
    ['Excel', 'report.xlsx'],
  ] as const) {
    const [download] = await Promise.all([panel.waitForEvent('download', { timeout: 30_000 }), exportsBar.getByRole('button', { name: button, exact: true }).click()]);
    const path = file(suffix);
    await download.saveAs(path);
    log(`${button} export (${download.suggestedFilename()}): ${path}`);
  }

  // Rich copy for chat: what the button put on the clipboard, as HTML and plain text.
  await rep.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.bringToFront();
  await exportsBar.getByRole('button', { name: words.copy, exact: true }).click();
  await panel.getByText(words.copied).waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error(`demo: "${words.copy}" did not confirm the copy within 10 s`);
  });
  // (No named functions inside: tsx would wrap them in a helper the page does not have.)
  const clip = await panel.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      html: item!.types.includes('text/html') ? await (await item!.getType('text/html')).text() : '',
      text: item!.types.includes('text/plain') ? await (await item!.getType('text/plain')).text() : '',
    };
  });
  if (!clip.html || !clip.text) throw new Error(`demo: the copy for chat put ${clip.html ? 'no plain text' : 'no HTML'} on the clipboard`);
  const htmlFile = file('report-clipboard.html');
  writeFileSync(htmlFile, `<!doctype html><meta charset="utf-8">\n${clip.html}\n`);
  const textFile = file('report-clipboard.txt');
  writeFileSync(textFile, clip.text);
  log(`copy for chat: ${htmlFile} and ${textFile}`);

  // The print page, printed to PDF by the browser (headless Chromium prints; a headed one cannot).
  const printPage = await rep.openPage(`report-print.html#entry=${entry!.id}`);
  await printPage.locator('article').waitFor({ timeout: 20_000 });
  if (headless) {
    const pdf = await printPage.pdf({ format: 'A4', printBackground: true });
    const pdfFile = file('report.pdf');
    writeFileSync(pdfFile, pdf);
    const chars = (await pdfText(pdf)).length;
    log(`the print page printed to PDF (${chars} characters of text): ${pdfFile}`);
    await printPage.close();
  } else {
    log(`the print page is open (${printPage.url()}); the PDF is printed only when the demo runs headless`);
  }

  // Posted: one note in HubSpot on the dealers the report covers.
  await panel.bringToFront();
  await panel.getByRole('button', { name: words.postNow }).click({ timeout: 5_000 }).catch(() => undefined);
  await until(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0, 'last week’s report to reach HubSpot');
  const notesOf = () => sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === entry!.id.toLowerCase());
  const [note] = await until(async () => notesOf(), (notes) => notes.length > 0, 'the report’s note in the simulated HubSpot');
  if (notesOf().length !== 1) throw new Error(`demo: HubSpot holds ${notesOf().length} notes for last week's report; expected one`);
  await panel
    .getByTestId('report-posting')
    .and(panel.locator('[data-state="posted"]'))
    .waitFor({ timeout: 30_000 })
    .catch(() => {
      throw new Error('demo: the report says it is not posted to HubSpot yet, though HubSpot holds its note');
    });
  const companyIds = sim.state
    .associationsFrom('notes', note!.id, 'companies')
    .map((a) => a.toId)
    .sort();
  const noteFile = file('hubspot-note.json');
  writeFileSync(
    noteFile,
    JSON.stringify(
      {
        id: note!.id,
        properties: note!.properties,
        associatedCompanies: companyIds.map((id) => ({ id, name: sim.state.list('companies').find((c) => c.id === id)?.properties.name })),
      },
      null,
      2,
    ),
  );
  log(`HubSpot holds it as one note on ${companyIds.length} companies: ${noteFile}`);

  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.waitForTimeout(400);
  const postedShot = file('submitted.png');
  await panel.screenshot({ path: postedShot, fullPage: true });
  log(`the submitted report with its exports and HubSpot state: ${postedShot}`);
  if (headless) await panel.close();
  return files;
}
