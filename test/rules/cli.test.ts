import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { miniRuleSet } from './fixtures';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'fieldkit-cli-'));

async function fieldkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/fieldkit.mjs', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const REP_HEADER =
  'subject,period,absentDays,absentHalfDays,dealerDailyReportsLate,networkPlanMissed,terminalProblemsUnsolved,commercialPolicyBreaches,specialProblemsUnreported,rebateTablesLate,repeatedNonSubmission,weeklyReportsLateOrIllegible,weeklySummaryUntrue,weeklyPlanUntrue,keyAccountMissingItems,keyAccountRepeatWithoutRecord,weeklyReportOtherScore,repManagementOtherScore';

describe('fieldkit CLI', () => {
  it('lists the built-in rule sets', async () => {
    const { code, stdout } = await fieldkit('rules', 'list');
    expect(code).toBe(0);
    for (const id of ['sales-rep-monthly', 'sales-rep-annual', 'regional-manager-monthly', 'dealer-kpi', 'dealer-incentive', 'dealer-quarterly', 'warnings', 'customer-grade', 'retail-guidance']) {
      expect(stdout).toContain(id);
    }
  });

  it('shows a rule set with its inputs and readings', async () => {
    const { code, stdout } = await fieldkit('rules', 'show', 'dealer-kpi', '--lang', 'zh-CN');
    expect(code).toBe(0);
    expect(stdout).toContain('monthlyShipments');
    expect(stdout).toContain('月度出货量（由远到近）');
    expect(stdout).toContain('Readings:');
  });

  it('validates a rule-set file and lists every problem of a bad one', async () => {
    const good = file('good.json', JSON.stringify(miniRuleSet()));
    expect(await fieldkit('rules', 'validate', good)).toMatchObject({ code: 0, stdout: expect.stringContaining('ok (mini v1)') });
    const bad = miniRuleSet() as unknown as { version: number; root: { weightsSum: number } };
    bad.version = 0;
    bad.root.weightsSum = 2;
    const result = await fieldkit('rules', 'validate', file('bad.json', JSON.stringify(bad)));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('version: Too small');
  });

  it('scores every rep of a month from CSV as a table, CSV and JSON', async () => {
    const csv = file(
      'reps.csv',
      [REP_HEADER, '张三,2026-11,1,1,2,否,0,0,0,是,否,0,否,否,1,否,8,25', '李四,2026-11,0,0,0,no,0,0,0,no,no,0,no,no,0,no,10,30', '王五,2026-11,,0,0,no,0,0,0,no,no,0,no,no,0,no,10,30'].join('\n'),
    );
    const table = await fieldkit('score', '--rules', 'sales-rep-monthly', '--input', csv);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/张三\s+2026-11\s+80\s+92\s+83\.6\s+B/);
    expect(table.stdout).toMatch(/王五\s+2026-11\s+100\s+partial/);
    expect(table.stdout).toContain('王五: missing absentDays');

    const asCsv = await fieldkit('score', '--rules', 'sales-rep-monthly', '--input', csv, '--format', 'csv');
    expect(asCsv.stdout.split('\n').slice(0, 3)).toEqual([
      'subject,period,dailyWork,attendance,total,grade,partial,missing',
      '张三,2026-11,80,92,83.6,B,false,',
      '李四,2026-11,100,100,100,A,false,',
    ]);

    const asJson = JSON.parse((await fieldkit('score', '--rules', 'sales-rep-monthly', '--input', csv, '--format', 'json')).stdout);
    expect(asJson[0]).toMatchObject({ subject: '张三', total: 83.6, ruleSetId: 'sales-rep-monthly', ruleSetVersion: 1 });
    expect(asJson[2]).toMatchObject({ subject: '王五', total: null, partial: true });
  });

  it('scores one subject from a JSON object with a rule-set file, explaining every point', async () => {
    const rules = file('mini.json', JSON.stringify(miniRuleSet()));
    const input = file('one.json', JSON.stringify({ target: 100, actual: 90, changeRate: 0.14, feedback: '良', breaches: 1 }));
    const { code, stdout } = await fieldkit('score', '--rules', rules, '--input', input, '--lang', 'zh-CN');
    expect(code).toBe(0);
    expect(stdout).toContain('订单改动率 14%（≤ 18%） → 80 分 × 20% = 16.0');
    expect(stdout).toContain('总分 = 54 + 16 + 16 − 3 = 83 分');
  });

  it('exits non-zero naming the row and field of a bad value', async () => {
    const csv = file('bad.csv', [REP_HEADER, '张三,2026-11,1,1,2,否,0,0,0,是,否,0,否,否,1,否,8,25', '李四,2026-11,abc,0,0,no,0,0,0,maybe,no,0,no,no,0,no,10,30'].join('\n'));
    const result = await fieldkit('score', '--rules', 'sales-rep-monthly', '--input', csv);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('row 3, field absentDays: expected a number, got "abc"');
    expect(result.stderr).toContain('row 3, field rebateTablesLate: expected true/false');
  });

  it('exits non-zero for an unknown column, a value out of range in JSON, and an unknown rule set', async () => {
    const unknownColumn = await fieldkit('score', '--rules', 'dealer-incentive', '--input', file('col.csv', 'subject,actualSale\nd1,100'));
    expect(unknownColumn.code).toBe(1);
    expect(unknownColumn.stderr).toContain('row 1, field actualSale: not an input of dealer-incentive');
    const outOfRange = await fieldkit('score', '--rules', 'dealer-incentive', '--input', file('many.json', JSON.stringify({ subjects: [{ subject: 'd1', inputs: { actualSales: 1 } }, { subject: 'd2', inputs: { actualSales: -5 } }] })));
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toContain('subjects[1], field actualSales: must be at least 0, got -5');
    const unknown = await fieldkit('score', '--rules', 'nope', '--input', 'x.json');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no built-in rule set or file named "nope"') });
  });
});
