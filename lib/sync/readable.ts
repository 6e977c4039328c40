/**
 * What a HubSpot user without Fieldkit reads on the dealer's timeline: a short, escaped summary.
 * The structured record travels separately (the adapter stores it verbatim) for other Fieldkit users.
 */
import type { SyncedTable } from '../store/outbox';
import type { SyncedRecord } from '../crm/port';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const TITLES: Record<SyncedTable, string> = {
  visitCards: '拜访卡 Visit card',
  diaryEntries: '工作日志 Diary',
  reports: '报告 Report',
  intelItems: '竞品信息 Competitor intel',
  dealers: '经销商 Dealer',
};

function line(label: string, value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  const text = Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `<li>${escapeHtml(label)}: ${escapeHtml(text.slice(0, 2000))}</li>`;
}

export function readableHtml(table: SyncedTable, record: SyncedRecord): string {
  const r = record as Record<string, unknown>;
  const head = `<p><strong>Fieldkit · ${escapeHtml(TITLES[table])}</strong> — ${escapeHtml(record.author.name)}${record.deletedAt ? ' (已删除 deleted)' : ''}</p>`;
  let items: string[];
  switch (table) {
    case 'visitCards':
      items = [
        line('拜访日 Day', r.visitDay),
        line('往期销量 Previous sales', r.previousPeriodSales),
        line('当期库存 Inventory', r.currentInventory),
        line('本次进货 Order', r.orderQuantity !== undefined ? `${String(r.orderQuantity)} ${String(r.unit ?? '')}` : undefined),
        line('进货品种 SKUs', r.orderedSkus),
        line('备注 Note', r.note),
      ];
      break;
    case 'intelItems':
      items = [line('竞品 Competitor', r.competitorName), line('SKU', r.sku), line('价格 Prices', r.prices), line('促销 Promotion', r.promotion), line('来源 Source', r.sourceUrl)];
      break;
    case 'reports':
      items = [line('标题 Title', r.title), ...((r.sections as { heading: string; lines: string[] }[] | undefined) ?? []).map((s) => line(s.heading, s.lines))];
      break;
    case 'diaryEntries':
      items = [line('日期 Period', r.periodStart), ...Object.entries((r.content as Record<string, unknown>) ?? {}).filter(([k]) => k !== 'kind').map(([k, v]) => line(k, v))];
      break;
    default:
      items = [line('名称 Name', r.name)];
  }
  return `${head}<ul>${items.join('')}</ul>`;
}

/** Where the activity sits on the CRM timeline: the day it is about, not when it was typed. */
export function activityTimestamp(table: SyncedTable, record: SyncedRecord): string {
  const r = record as Record<string, unknown>;
  const day = (table === 'visitCards' ? r.visitDay : table === 'diaryEntries' ? r.periodStart : table === 'intelItems' ? r.observedDay : undefined) as string | undefined;
  if (day) return `${day}T12:00:00.000Z`;
  return (r.generatedAt as string | undefined) ?? record.createdAt as string;
}
