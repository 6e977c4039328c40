/*
 * Proposing a target for each column from its header, in either language, and remembering the
 * mapping the user confirmed for the next file with the same header row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { headerSignature, normalizeHeader, proposeMapping, targetLabel, TARGETS_OF } from '../../lib/dealers/import/targets';
import { mappingFor, rememberMapping, REMEMBERED_MAPPINGS_MAX } from '../../lib/dealers/import/remembered';
import { FIGURE_NAMES } from '../../lib/dealers/facts';
import { FIGURE_LABELS } from '../../lib/dealers/kind';
import { FieldkitDatabase } from '../../lib/store/database';

let db: FieldkitDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('proposed mapping', () => {
  it('maps an ERP export’s Chinese headers, units in brackets and all, and ignores what it does not know', () => {
    const headers = ['客户编码', '客户名称', '月份', '销量（箱）', '月度指标', '出货量', '期末库存', '应收欠款（元）', '授信额度（元）', '备注'];
    expect(proposeMapping('figures', headers)).toEqual(['ignore', 'dealerName', 'period', 'sales', 'salesTarget', 'shipments', 'inventory', 'arrears', 'creditLimit', 'ignore']);
  });

  it('maps English headers regardless of case, spacing and units', () => {
    const headers = ['Customer Name', 'HubSpot Company ID', 'PERIOD', 'Sales', 'Target', 'Shipments', 'Inventory', 'Arrears (CNY)', 'Credit limit', 'Signed terminals'];
    expect(proposeMapping('figures', headers)).toEqual(['dealerName', 'dealerCrmId', 'period', 'sales', 'salesTarget', 'shipments', 'inventory', 'arrears', 'creditLimit', 'signedTerminals']);
  });

  it('knows every figure by its own label in both languages', () => {
    for (const name of FIGURE_NAMES) {
      expect(proposeMapping('figures', [FIGURE_LABELS[name]['zh-CN']]), name).toEqual([name]);
      expect(proposeMapping('figures', [FIGURE_LABELS[name].en]), name).toEqual([name]);
    }
    for (const target of TARGETS_OF.terminals) {
      expect(proposeMapping('terminals', [targetLabel(target, 'zh-CN')]), target).toEqual([target]);
      expect(proposeMapping('terminals', [targetLabel(target, 'en')]), target).toEqual([target]);
    }
  });

  it('maps a terminal list', () => {
    expect(proposeMapping('terminals', ['经销商', '终端名称', '地址', '是否签约', '合同量（箱/年）', '首次交易日期'])).toEqual([
      'dealerName',
      'terminalName',
      'address',
      'signed',
      'contractedVolume',
      'firstTransactionDay',
    ]);
    expect(proposeMapping('terminals', ['Dealer', 'Store', 'Address', 'Signed', 'Contract volume', 'First order date'])).toEqual([
      'dealerName',
      'terminalName',
      'address',
      'signed',
      'contractedVolume',
      'firstTransactionDay',
    ]);
  });

  it('reads a header that contains a known name, but not a code, an opening value, a running total or a rate', () => {
    expect(proposeMapping('figures', ['本月应收欠款', '11月销量'])).toEqual(['arrears', 'sales']);
    expect(proposeMapping('figures', ['客户编码', '期初库存', '累计销量', '销量完成率', '客户ID'])).toEqual(['ignore', 'ignore', 'ignore', 'ignore', 'ignore']);
  });

  it('gives each target to one column: an exact name beats a partial one, then the leftmost', () => {
    expect(proposeMapping('figures', ['本月应收欠款', '欠款'])).toEqual(['ignore', 'arrears']);
    expect(proposeMapping('figures', ['销量', '销售额'])).toEqual(['sales', 'ignore']);
  });

  it('compares headers without case, spaces, full-width forms or a trailing unit', () => {
    expect(normalizeHeader(' 销量（箱） ')).toBe('销量');
    expect(normalizeHeader('Credit Limit (CNY)')).toBe('creditlimit');
    expect(normalizeHeader('ＨｕｂＳｐｏｔ ＩＤ')).toBe('hubspotid');
    expect(headerSignature('figures', ['客户名称', 'Sales (箱)'])).toBe('figures:客户名称|sales');
  });
});

describe('remembered mapping', () => {
  it('proposes the mapping confirmed last time for the same kind and header row', async () => {
    db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    const headers = ['客户名称', '月份', '终端数'];
    expect(await mappingFor(db, 'figures', headers)).toEqual({ targets: ['dealerName', 'period', 'ignore'], remembered: false });
    await rememberMapping(db, 'figures', headers, ['dealerName', 'period', 'signedTerminals']);
    expect(await mappingFor(db, 'figures', headers)).toEqual({ targets: ['dealerName', 'period', 'signedTerminals'], remembered: true });
    // Same headers written differently count as the same file; another kind or header row does not.
    expect((await mappingFor(db, 'figures', [' 客户名称 ', '月份', '终端数'])).remembered).toBe(true);
    expect((await mappingFor(db, 'terminals', headers)).remembered).toBe(false);
    expect((await mappingFor(db, 'figures', ['客户名称', '月份'])).remembered).toBe(false);
  });

  it('ignores a remembered mapping that no longer fits and forgets the least recently used', async () => {
    db = new FieldkitDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    await db.settings.put({ key: 'importColumnMappings', value: { [headerSignature('figures', ['a', 'b'])]: { targets: ['dealerName', 'nonsense'], usedAt: '2026-11-01T00:00:00.000Z' } } });
    expect(await mappingFor(db, 'figures', ['a', 'b'])).toEqual({ targets: ['ignore', 'ignore'], remembered: false });
    for (let i = 0; i <= REMEMBERED_MAPPINGS_MAX; i++) await rememberMapping(db, 'figures', [`h${i}`], ['ignore'], new Date(Date.UTC(2026, 10, 1, 0, i)));
    const stored = (await db.settings.get('importColumnMappings'))!.value as Record<string, unknown>;
    expect(Object.keys(stored)).toHaveLength(REMEMBERED_MAPPINGS_MAX);
    expect(stored[headerSignature('figures', ['h0'])]).toBeUndefined();
    expect(stored[headerSignature('figures', [`h${REMEMBERED_MAPPINGS_MAX}`])]).toBeDefined();
  });
});
