/**
 * The review of a weekly report (批注) end to end, in two browser profiles against the HubSpot
 * simulator: a rep (zh-CN, owner 101 张伟) and their regional manager (en, owner 103 王强, on
 * the same HubSpot team), each connecting with their own token.
 *
 * The rep submits last week's report on Monday morning, after Friday's deadline, with a reason
 * (the rep's page runs at a fixed time inside the grace period); the manager's inbox shows it
 * unread, the manager notes a line and returns it; the rep sees the note in red, answers and
 * resubmits; the manager marks it reviewed; the history shows every step on both sides; the
 * manager's own Today and Reports never show the rep's records.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHubSpotSim, type HubSpotSim } from '../../sim/server';
import { launchExtension, readRows, type ExtensionSession } from './fixtures';
import { connect, send, waitFor } from './sim-helpers';
import type { DiaryEntry } from '../../lib/reports/diary-schema';
import type { ReviewEvent } from '../../lib/reports/review-schema';

const REP_TOKEN = 'e2e-review-rep-token';
const MANAGER_TOKEN = 'e2e-review-manager-token';
const WEEK_START = '2026-11-23';
/** Monday 30 Nov 2026 00:30 UTC: after Friday 27 Nov 18:00 and before Monday 09:00 in any zone from UTC−9 to UTC+8. */
const MONDAY_MORNING = new Date('2026-11-30T00:30:00.000Z');

let sim: HubSpotSim;
const sessions: ExtensionSession[] = [];
beforeAll(async () => {
  sim = await startHubSpotSim({ port: 0, token: REP_TOKEN, userTokens: { [MANAGER_TOKEN]: 5103 }, rate: 190 });
});
afterAll(() => sim?.close());
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function launch(locale: 'en' | 'zh-CN') {
  const session = await launchExtension({ locale });
  sessions.push(session);
  return session;
}




/** Pushes everything queued, then pulls what others wrote. */
/**
 * Pushes what this browser has, then pulls what the other one pushed. HubSpot's search lags writes
 * (the simulator: 3 s, docs/hubspot.md), so the pull waits until the other browser's last push is
 * searchable, as a manager who opens the inbox a few seconds later finds it.
 */
async function syncBothWays(page: Page) {
  await waitFor(async () => (await send(page, 'sync.now')).data?.pending, (pending) => pending === 0, 60_000);
  await page.waitForTimeout(sim.config.strict.searchLagMs + 500);
  expect((await send(page, 'sync.pullRecords')).ok).toBe(true);
}

/** Writes a row straight into the extension's IndexedDB (before the page that shows it opens). */
function putRow(page: Page, table: string, row: unknown) {
  return page.evaluate(
    ([name, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldkit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          tx.objectStore(name).put(value);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [table, row] as const,
  );
}

describe('reviewing a weekly report across two profiles', () => {
  it('late with a reason → inbox → line note and return → red note, reply, resubmit → reviewed, with the history on both sides', async () => {
    sim.reset();

    // The rep connects (owner 101) and has last week's report as a draft.
    const rep = await launch('zh-CN');
    const repOptions = await rep.openPage('options.html#connection');
    await connect(repOptions, { token: REP_TOKEN, baseUrl: sim.url }, { token: '访问令牌', advanced: '高级', baseUrl: 'API 地址', connect: '连接' });
    const dealers = await waitFor(() => readRows<{ id: string; name: string }>(repOptions, 'dealers'), (rows) => rows.length >= 6);
    const profile = await waitFor(async () => (await readRows<{ key: string; value: { id: string; name: string } }>(repOptions, 'settings')).find((r) => r.key === 'profile')?.value, (p) => p?.id === '101');
    const draftId = '01KB0000000000000000000W48';
    const created = '2026-11-27T09:00:00.000Z';
    await putRow(repOptions, 'diaryEntries', {
      id: draftId, schemaVersion: 1, author: { id: profile!.id, name: profile!.name }, createdAt: created, updatedAt: created,
      periodStart: WEEK_START, isoWeek: '2026-W48', month: '2026-11', status: 'draft', annotations: [],
      content: {
        kind: 'weekly',
        lastWeekSummary: [{ item: '华东润滑油签约新品分销', completion: 80, problem: '合同待盖章' }],
        nextWeekPlan: [{ priority: '拜访 5 家终端，铺货 HX7', support: '' }],
        keyAccountVisits: [{ dealerId: dealers[0]!.id, day: '2026-11-25', purpose: '谈年度返利', outcome: '同意 12 月下单' }],
        gradeChanges: [],
      },
    });

    // Monday 08:30 (Shanghai): the report is past Friday's deadline, inside the grace period.
    await rep.context.clock.setFixedTime(MONDAY_MORNING);
    const repPanel = await rep.openPage(`sidepanel.html#reports/weekly/${WEEK_START}`);
    const form = repPanel.getByRole('form', { name: /^周报 · / });
    await form.getByText(/请写明迟交原因/).waitFor();
    await form.getByRole('button', { name: '提交周报' }).click();
    // Without a reason it does not submit: the reason is asked for.
    await form.getByText('迟交原因：提交前请写明迟交原因').waitFor();
    await form.getByLabel('迟交原因').fill('周五在外地参加经销商大会');
    await form.getByRole('button', { name: '提交周报' }).click();
    const submitted = await waitFor(async () => (await readRows<DiaryEntry>(repPanel, 'diaryEntries')).find((e) => e.id === draftId), (e) => e?.status === 'submitted');
    expect(submitted!.deadline).toMatchObject({ outcome: 'onTimeWithReason', reason: '周五在外地参加经销商大会', submittedAt: MONDAY_MORNING.toISOString() });
    expect(submitted!.revisions?.map((r) => r.action)).toEqual(['submitted']);
    await syncBothWays(repPanel);

    // The manager (owner 103) connects with their own token and chooses the manager role.
    const manager = await launch('en');
    const managerOptions = await manager.openPage('options.html#connection');
    await connect(managerOptions, { token: MANAGER_TOKEN, baseUrl: sim.url }, { token: 'Access token', advanced: 'Advanced', baseUrl: 'API base URL', connect: 'Connect' });
    await waitFor(async () => (await readRows<{ key: string; value: { id: string } }>(managerOptions, 'settings')).find((r) => r.key === 'profile')?.value.id, (id) => id === '103');
    await managerOptions.reload();
    await managerOptions.getByRole('group', { name: 'Role on this device' }).getByRole('button', { name: 'Manager' }).click();
    await managerOptions.getByRole('button', { name: 'Save role' }).click();
    await waitFor(async () => (await readRows<{ key: string; value: { role: string } }>(managerOptions, 'settings')).find((r) => r.key === 'profile')?.value.role, (role) => role === 'manager');
    await syncBothWays(managerOptions);
    await waitFor(() => readRows<DiaryEntry>(managerOptions, 'diaryEntries'), (rows) => rows.some((e) => e.id === draftId && e.status === 'submitted'));

    // The inbox: the report unread, with its state and deadline outcome; who has not submitted.
    const managerPanel = await manager.openPage('sidepanel.html#team');
    const inbox = managerPanel.getByTestId('team-inbox');
    await inbox.getByRole('button', { name: 'Later' }).waitFor();
    await inbox.getByRole('button', { name: 'Earlier' }).click();
    const row = inbox.getByTestId('inbox-row').filter({ hasText: '张伟' });
    await row.waitFor();
    expect(await row.getAttribute('data-unread')).toBe('true');
    expect(await row.textContent()).toMatch(/Unread.*Submitted.*On time, with a reason/);
    expect(await inbox.getByTestId('not-submitted').textContent()).toContain('李娜');

    // Reading it leaves a read receipt; the manager notes a line and returns the report.
    await row.getByRole('button').click();
    const reader = managerPanel.getByTestId('review-reader');
    await reader.getByText('拜访 5 家终端，铺货 HX7').waitFor();
    await reader.getByRole('button', { name: "Add a note on Next week's plan #1" }).click();
    await reader.getByRole('textbox', { name: "Your note on Next week's plan #1" }).fill('Which 5 outlets? Name them.');
    await reader.getByRole('button', { name: 'Add note' }).click();
    await reader.getByTestId('line-note').filter({ hasText: 'Which 5 outlets? Name them.' }).waitFor();
    await reader.getByRole('button', { name: 'Return for revision' }).click();
    await reader.getByRole('textbox', { name: 'What should be changed (the rep reads this)' }).fill('Name the outlets and the SKUs.');
    await reader.getByRole('button', { name: /^Return to / }).click();
    await reader.getByText(/returned it for revision/).first().waitFor();
    const managerEvents = await waitFor(() => readRows<ReviewEvent>(managerPanel, 'reviewEvents'), (rows) => rows.length === 3);
    expect(managerEvents.map((e) => e.action).sort()).toEqual(['annotate', 'read', 'return']);
    expect(managerEvents.every((e) => e.author.id === '103' && e.entryAuthorId === '101')).toBe(true);

    // The manager's own views never show the rep's records.
    await managerPanel.getByRole('button', { name: 'Today', exact: true }).click();
    await managerPanel.locator('main').getByText('张伟').count().then((n) => expect(n).toBe(0));
    await managerPanel.getByRole('button', { name: 'Reports', exact: true }).click();
    expect(await managerPanel.locator('main').getByText('拜访 5 家终端，铺货 HX7').count()).toBe(0);
    await syncBothWays(managerPanel);

    // The rep pulls: the note in red with its author and time, the return and the read receipt.
    await syncBothWays(repPanel);
    await repPanel.reload();
    const returnedForm = repPanel.getByRole('form', { name: /^周报 · / });
    const note = returnedForm.getByTestId('annotation').filter({ hasText: 'Which 5 outlets? Name them.' });
    await note.waitFor();
    expect(await note.textContent()).toContain('王强');
    expect(await note.getByText('Which 5 outlets? Name them.').evaluate((el) => getComputedStyle(el).color)).toMatch(/^(rgb|oklch|color)\(/);
    expect(await note.getByText('Which 5 outlets? Name them.').evaluate((el) => el.className)).toContain('text-danger');
    await returnedForm.getByText(/王强 退回修改/).first().waitFor();
    await returnedForm.getByTestId('read-receipt').filter({ hasText: '王强 已读' }).waitFor();

    // The rep answers the note, changes the line and resubmits (now later than the return).
    await rep.context.clock.setFixedTime(new Date());
    await note.getByRole('button', { name: '回复' }).click();
    await note.getByRole('textbox', { name: '回复 王强 的批注' }).fill('华联、永盛、东方、百汇、金桥');
    await note.getByRole('button', { name: '发送回复' }).click();
    await note.getByText('华联、永盛、东方、百汇、金桥').waitFor();
    // (The page's clock is fixed: it moves on with real time so the reply and the resubmission keep their order.)
    await rep.context.clock.setFixedTime(new Date(Date.now() + 1000));
    await returnedForm.getByLabel('重点工作 1', { exact: true }).fill('拜访华联、永盛、东方、百汇、金桥 5 家终端，铺货 HX7 4L');
    await returnedForm.getByRole('button', { name: '重新提交' }).click();
    const resubmitted = await waitFor(async () => (await readRows<DiaryEntry>(repPanel, 'diaryEntries')).find((e) => e.id === draftId), (e) => e?.revisions?.length === 2);
    expect(resubmitted!.revisions![1]).toMatchObject({ action: 'resubmitted', changes: [{ path: 'content.nextWeekPlan.0.priority', before: '拜访 5 家终端，铺货 HX7', after: '拜访华联、永盛、东方、百汇、金桥 5 家终端，铺货 HX7 4L' }] });
    // The deadline outcome stays the first submission's.
    expect(resubmitted!.deadline?.outcome).toBe('onTimeWithReason');
    await syncBothWays(repPanel);

    // The manager sees it resubmitted, reads the reply, marks it reviewed; the history has every step.
    await syncBothWays(managerPanel);
    await managerPanel.goto(`chrome-extension://${manager.extensionId}/sidepanel.html#team`);
    await managerPanel.getByTestId('team-inbox').getByRole('button', { name: 'Earlier' }).click();
    const again = managerPanel.getByTestId('inbox-row').filter({ hasText: '张伟' });
    await again.filter({ hasText: 'Resubmitted' }).waitFor();
    await again.getByRole('button').click();
    await reader.getByText('华联、永盛、东方、百汇、金桥').first().waitFor();
    await reader.getByRole('button', { name: 'Mark as reviewed' }).click();
    await reader.getByText(/^Reviewed by 王强/).waitFor();
    await reader.getByTestId('audit-trail').locator('summary').click();
    const trail = await reader.getByTestId('audit-trail').locator('ol > li').allTextContents();
    expect(trail.map((step) => step.replace(/ · .*$/s, ''))).toEqual([
      '张伟 submitted it',
      '王强 read it',
      '王强 added a note',
      '王强 returned it for revision',
      '张伟 replied to a note',
      '张伟 resubmitted it',
      '王强 marked it reviewed',
    ]);
    await syncBothWays(managerPanel);

    // The rep's report is reviewed and no longer editable.
    await syncBothWays(repPanel);
    await repPanel.reload();
    const done = repPanel.getByRole('article', { name: /^周报 · / });
    await done.getByText('经理已批阅，这份报告不能再修改。').waitFor();
    expect(await done.getByRole('textbox').count()).toBe(0);

    // Every step reached HubSpot as a note: the report once, and each review event once (read,
    // note, return, reply, review), each owned by the person who took it.
    const notes = sim.state.list('notes');
    expect(notes.filter((n) => n.properties.fieldkit_record_type === 'diaryEntry')).toHaveLength(1);
    const events = notes.filter((n) => n.properties.fieldkit_record_type === 'reviewEvent');
    expect(events.map((n) => (JSON.parse(String(n.properties.fieldkit_payload)) as ReviewEvent).action).sort()).toEqual(['annotate', 'read', 'reply', 'return', 'review']);
    expect(events.map((n) => n.properties.hubspot_owner_id).sort()).toEqual(['101', '103', '103', '103', '103']);
  }, 240_000);
});
