/**
 * The one-click weekly report end to end in real Chromium, against the HubSpot simulator: records
 * made in the test (last week's plan, this week's visit cards, a daily report, an intel item) → one
 * click builds the draft (each plan item with what the records show) → the rep edits and submits
 * → every export (Markdown, Excel, the print page printed to PDF, rich copy for chat) → the report
 * is in HubSpot as one note on the dealers it covers, and stays one note after a later edit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';
import { connect, send, waitFor } from './sim-helpers';
import { pdfText } from './pdf-text';
import type { DiaryEntry } from '../../lib/reports/diary-schema';

const TOKEN = 'e2e-weekly-report-token';
/** Friday 27 Nov 2026, 16:00 in Shanghai: this week's report is due at 18:00. */
const FRIDAY_AFTERNOON = new Date('2026-11-27T08:00:00.000Z');

let sim: HubSpotSim;
let session: ExtensionSession | undefined;
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: TOKEN, rate: 190 });
});
afterAll(() => sim?.close());
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Writes rows straight into the extension's IndexedDB (records the rep made earlier). */
function putRows(page: Page, table: string, rows: unknown[]) {
  return page.evaluate(
    ([name, values]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          for (const value of values as unknown[]) tx.objectStore(name).put(value);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [table, rows] as const,
  );
}

describe('the one-click weekly report', () => {
  it('builds from the week’s records, is edited and submitted, exports every format, and is one note in HubSpot', async () => {
    sim.reset();
    session = await launchExtension({ locale: 'zh-CN' });
    const options = await session.openPage('options.html#connection');
    await connect(options, { token: TOKEN, baseUrl: sim.url }, { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接' });
    const dealers = await waitFor(() => readRows<{ id: string; name: string; crm?: { objectId: string } }>(options, 'dealers'), (rows) => rows.filter((d) => d.crm).length >= 2);
    const profile = await waitFor(async () => (await readRows<{ key: string; value: { id: string; name: string } }>(options, 'settings')).find((r) => r.key === 'profile')?.value, (p) => p?.id === '101');
    const [first, second] = dealers.filter((d) => d.crm);
    const author = { id: profile!.id, name: profile!.name };
    const at = '2026-11-20T09:00:00.000Z';
    const base = { schemaVersion: 1, author, createdAt: at, updatedAt: at };
    await putRows(options, 'diaryEntries', [
      {
        ...base,
        id: '01KB00000000000000000000W7',
        periodStart: '2026-11-16',
        isoWeek: '2026-W47',
        month: '2026-11',
        status: 'submitted',
        annotations: [],
        content: { kind: 'weekly', lastWeekSummary: [], nextWeekPlan: [{ priority: `拜访${first!.name}，谈年度返利`, support: '' }, { priority: '参加公司年会筹备', support: '' }], keyAccountVisits: [], gradeChanges: [] },
      },
      {
        ...base,
        id: '01KB00000000000000000000D1',
        periodStart: '2026-11-24',
        isoWeek: '2026-W48',
        month: '2026-11',
        status: 'submitted',
        annotations: [],
        content: { kind: 'daily', todayWork: ['整理客户档案'], tomorrowPlan: [], problems: ['仓库缺 HX7 4L'] },
      },
    ]);
    const card = (id: string, dealerId: string, visitDay: string, more: Record<string, unknown>) => ({
      ...base,
      schemaVersion: 2,
      id,
      dealerId,
      visitDay,
      isoWeek: '2026-W48',
      unit: '箱',
      orderedSkus: [],
      requiredSkus: [],
      recentPurchases: [],
      actions: { checkedInventory: true, didDisplay: true, tookOrder: true, recommendedNewProducts: false },
      keyAccount: false,
      note: '',
      ...more,
    });
    await putRows(options, 'visitCards', [
      card('01KB00000000000000000000V1', first!.id, '2026-11-24', { keyAccount: true, note: '谈年度返利', orderQuantity: 40, currentInventory: 12 }),
      card('01KB00000000000000000000V2', second!.id, '2026-11-26', { orderQuantity: 15, requiredSkus: [{ sku: 'HX7-4L', carried: false }] }),
    ]);
    await putRows(options, 'intelItems', [
      { ...base, id: '01KB00000000000000000000N1', observedDay: '2026-11-25', competitorName: '美孚', product: '美孚1号 0W-40', sku: '', prices: [{ kind: 'retail', amount: 429, currency: 'CNY', unit: '元/瓶' }], confidence: 'high' },
    ]);

    // One click (the popup's button opens the panel this way).
    await session.context.clock.setFixedTime(FRIDAY_AFTERNOON);
    const panel = await session.openPage('sidepanel.html#reports/build/weekly');
    const form = panel.getByRole('form', { name: /^周报 · / });
    await panel
      .getByTestId('report-numbers')
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await panel.screenshot({ path: 'test-results/weekly-report-failed.png', fullPage: true });
        throw error;
      });
    const evidence = form.getByTestId('plan-evidence');
    await expect.poll(() => evidence.allTextContents()).toEqual([expect.stringMatching(/^记录显示：已完成 · 11月24日周二 拜访/), '记录显示：记录中未找到']);
    expect(await form.getByLabel('第 1 项完成度（%）', { exact: true }).inputValue()).toBe('100');
    expect(await form.getByLabel('第 2 项完成度（%）', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('走访 1 的目的', { exact: true }).inputValue()).toBe('谈年度返利');
    const built = (await readRows<DiaryEntry>(panel, 'diaryEntries')).find((e) => e.periodStart === '2026-11-23')!;
    expect(built.snapshot).toMatchObject({ asOf: FRIDAY_AFTERNOON.toISOString(), from: '2026-11-23', to: '2026-11-29' });
    expect(built.snapshot!.dealers.map((d) => [d.dealerId, d.visits, d.orderQuantity])).toEqual([
      [first!.id, 1, 40],
      [second!.id, 1, 15],
    ]);
    expect(built.snapshot!.intel.map((i) => i.competitor)).toEqual(['美孚']);

    // The rep edits: how far the unknown item got and why, and next week's plan.
    await form.getByLabel('第 2 项完成度（%）', { exact: true }).fill('30');
    await form.getByRole('button', { name: '提交周报' }).click();
    await form.getByText('第 2 项存在的问题：未全部完成：提交前请写明原因').waitFor();
    await form.getByLabel('第 2 项存在的问题', { exact: true }).fill('场地未定，下周确认');
    await form.getByRole('button', { name: '添加重点工作' }).click();
    await form.getByLabel('重点工作 1', { exact: true }).fill('拜访 6 家终端，铺货 HX7');
    await form.getByRole('button', { name: '提交周报' }).click();
    const submitted = await waitFor(async () => (await readRows<DiaryEntry>(panel, 'diaryEntries')).find((e) => e.id === built.id), (e) => e?.status === 'submitted');
    expect(submitted!.deadline?.outcome).toBe('onTime');
    expect(submitted!.snapshot?.asOf).toBe(FRIDAY_AFTERNOON.toISOString());

    // Markdown and Excel, through the browser's download.
    const exportsBar = panel.getByRole('region', { name: '导出周报' });
    const [markdown] = await Promise.all([panel.waitForEvent('download'), exportsBar.getByRole('button', { name: 'Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toBe('weekly-report-2026-W48.md');
    const md = readFileSync((await markdown.path())!, 'utf8');
    expect(md).toContain('# 周报');
    expect(md).toContain('| 参加公司年会筹备 | 30% | 记录中未找到 | 场地未定，下周确认 |');
    expect(md).toContain(`| ${second!.name} | 1 | 15 | 箱 | — | HX7-4L |`);
    const [xlsx] = await Promise.all([panel.waitForEvent('download'), exportsBar.getByRole('button', { name: 'Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('weekly-report-2026-W48.xlsx');
    const sheets = await readXlsxFile((await xlsx.path())!);
    const visits = sheets.find((sheet) => sheet.sheet === '客户拜访')!.data;
    expect(visits[0]).toEqual(['客户', '拜访次数', '订货量', '单位', '库存', '缺少的必销品种']);
    expect(visits.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      [first!.name, 1, 40],
      [second!.name, 1, 15],
    ]);

    // Rich copy for chat: HTML and plain text on the clipboard.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await exportsBar.getByRole('button', { name: '复制到聊天' }).click();
    await panel.getByText('已复制，可粘贴到聊天或邮件中。').waitFor();
    const clip = await panel.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: item!.types, html: await (await item!.getType('text/html')).text(), text: await (await item!.getType('text/plain')).text() };
    });
    expect(clip.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(clip.html).toContain('<table');
    expect(clip.text).toContain('参加公司年会筹备');
    expect(clip.text).not.toContain('<');

    // The print page, printed to PDF by the browser, read back as text.
    const printPage = await session.openPage(`report-print.html#entry=${built.id}`);
    await printPage.locator('article').waitFor();
    const text = await pdfText(await printPage.pdf({ format: 'A4' }));
    expect(text).toContain('周报');
    expect(text).toContain('参加公司年会筹备');
    expect(text).toContain('美孚');
    await printPage.close();

    // Posted: one note, on both dealers the report covers.
    await panel.getByRole('button', { name: '立即发布到 HubSpot' }).click({ timeout: 5_000 }).catch(() => undefined);
    await waitFor(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0, 60_000);
    const notesOf = () => sim.state.list('notes').filter((n) => n.properties.fieldkit_record_id === built.id.toLowerCase());
    expect(notesOf()).toHaveLength(1);
    const note = notesOf()[0]!;
    expect(sim.state.associationsFrom('notes', note.id, 'companies').map((a) => a.toId).sort()).toEqual([first!.crm!.objectId, second!.crm!.objectId].sort());
    expect(String(note.properties.hs_note_body)).toContain('参加公司年会筹备');
    await panel.getByTestId('report-posting').and(panel.locator('[data-state="posted"]')).waitFor({ timeout: 20_000 });

    // A later edit (a revision) updates the same note: posting again never adds one.
    await form.getByLabel('第 2 项存在的问题', { exact: true }).fill('场地未定，周一确认');
    await form.getByRole('button', { name: '保存修改' }).click();
    await waitFor(async () => (await readRows<DiaryEntry>(panel, 'diaryEntries')).find((e) => e.id === built.id)?.revisions?.length, (n) => n === 2);
    await waitFor(async () => (await send(panel, 'sync.now')).data?.pending, (pending) => pending === 0, 60_000);
    expect(notesOf()).toHaveLength(1);
    expect(String(notesOf()[0]!.properties.hs_note_body)).toContain('场地未定，周一确认');
  }, 240_000);
});
