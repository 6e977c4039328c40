// @vitest-environment jsdom
/*
 * The print page (report-print.html): what its hash asks for, the document handed over through
 * the extension's storage (the last five kept, a tampered one refused), and the page laid out from
 * a saved report in the UI language — never HTML from what the rep typed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handOffForPrint, takeHandedOff } from '../../components/reports/print-handoff';
import { printRequestOf, showPrintPage } from '../../components/reports/print-page';
import type { ReportDocument } from '../../lib/reports/export/document';
import { saveDiary } from '../../lib/reports/submit';
import type { FieldkitDatabase } from '../../lib/store/database';
import { writeSetting } from '../../lib/store/settings';
import { freshDatabase, REP } from '../fixtures/records';

const ATTACK = '<img src=x onerror=alert(1)>';

/** A Storage whose items are its own enumerable keys, as the browser's localStorage lists them. */
function fakeStorage(): Storage {
  const proto = {
    get length() {
      return Object.keys(this).length;
    },
    clear(this: Record<string, string>) {
      for (const key of Object.keys(this)) delete this[key];
    },
    getItem(this: Record<string, string>, key: string) {
      return Object.prototype.hasOwnProperty.call(this, key) ? this[key]! : null;
    },
    key(this: Record<string, string>, index: number) {
      return Object.keys(this)[index] ?? null;
    },
    removeItem(this: Record<string, string>, key: string) {
      delete this[key];
    },
    setItem(this: Record<string, string>, key: string, value: string) {
      this[key] = String(value);
    },
  };
  return Object.create(proto) as Storage;
}

const doc = (title: string): ReportDocument => ({
  locale: 'en',
  title,
  fields: [{ label: 'Period', value: 'Week 49, 2026' }],
  sections: [{ id: 'plan', heading: 'Plan', blocks: [{ type: 'list', items: ['Visit Hengtai'] }] }],
  fileName: 'weekly-report-2026-W49',
});

let db: FieldkitDatabase | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  localStorage.clear();
  document.head.replaceChildren();
  document.body.replaceChildren();
  await db?.delete();
  db = undefined;
});

describe('printRequestOf', () => {
  it('reads the entry or the handed-over document, and whether to open the dialog', () => {
    expect(printRequestOf('#entry=01JD0000000000000000000009&print=1')).toEqual({ entryId: '01JD0000000000000000000009', print: true });
    expect(printRequestOf('doc=abc123')).toEqual({ docKey: 'abc123', print: false });
    expect(printRequestOf('#entry=E1&print=0')).toEqual({ entryId: 'E1', print: false });
    expect(printRequestOf('')).toEqual({ print: false });
    expect(printRequestOf('#entry=&doc=')).toEqual({ print: false });
  });
});

describe('handing a document to the print page', () => {
  it('gives it back checked; keeps the last five hand-offs and leaves other keys alone', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const storage = fakeStorage();
    storage.setItem('fieldkit.settings.other', 'kept');
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 11, 1, 7, 0, i)));
      keys.push(handOffForPrint(doc(`Report ${i}`), storage));
    }
    expect(new Set(keys).size).toBe(7);
    expect(keys.map((key) => takeHandedOff(key, storage)?.title)).toEqual([undefined, undefined, 'Report 2', 'Report 3', 'Report 4', 'Report 5', 'Report 6']);
    expect(Object.keys(storage).filter((name) => name.startsWith('fieldkit.print.'))).toHaveLength(5);
    expect(storage.getItem('fieldkit.settings.other')).toBe('kept');
    expect(takeHandedOff(keys[6]!, storage)).toEqual(doc('Report 6'));
  });

  it('refuses what is gone, not JSON, or not a document', () => {
    const storage = fakeStorage();
    expect(takeHandedOff('nothing', storage)).toBeUndefined();
    storage.setItem('fieldkit.print.broken', '{"title":');
    expect(takeHandedOff('broken', storage)).toBeUndefined();
    storage.setItem('fieldkit.print.tampered', JSON.stringify({ ...doc('T'), locale: 'fr' }));
    expect(takeHandedOff('tampered', storage)).toBeUndefined();
    storage.setItem('fieldkit.print.script', JSON.stringify({ ...doc('T'), sections: [{ id: 'x', heading: 'H', blocks: [{ type: 'script', src: 'evil.js' }] }] }));
    expect(takeHandedOff('script', storage)).toBeUndefined();
    storage.setItem('fieldkit.print.huge', JSON.stringify({ ...doc('T'), title: 'x'.repeat(20_001) }));
    expect(takeHandedOff('huge', storage)).toBeUndefined();
  });
});

/** A page like report-print.html: an empty root. */
function printPage() {
  const page = document.implementation.createHTMLDocument('');
  const root = page.createElement('div');
  root.id = 'root';
  page.body.append(root);
  return page;
}

async function savedWeekly(language: 'zh-CN' | 'en' | 'auto') {
  db = freshDatabase(`print-${Math.random()}`);
  await writeSetting(db, 'profile', { ...REP, role: 'rep' });
  await writeSetting(db, 'language', language);
  return saveDiary(
    db,
    {
      periodStart: '2026-11-30',
      isoWeek: '2026-W49',
      status: 'draft',
      content: { kind: 'weekly', lastWeekSummary: [{ item: `整理档案 ${ATTACK}`, completion: 50, problem: '"><script>alert(2)</script>' }], nextWeekPlan: [{ priority: ATTACK, support: '' }], keyAccountVisits: [], gradeChanges: [] },
      annotations: [],
    },
    { author: REP, submit: false },
  );
}

describe('showPrintPage', () => {
  it('lays out a saved report in the UI language, with the print button; the rep’s text stays text', async () => {
    const entry = await savedWeekly('zh-CN');
    const page = printPage();
    await showPrintPage(db!, 'en-US', `#entry=${entry.id}`, page);
    expect(page.title).toBe('周报');
    expect(page.documentElement.lang).toBe('zh-CN');
    expect(page.querySelector('.fk-print-bar button')?.textContent).toBe('打印或另存为 PDF');
    expect(page.querySelector('h1')?.textContent).toBe('周报');
    expect(page.querySelector('img')).toBeNull();
    expect(page.querySelector('script')).toBeNull();
    expect(page.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(page.body.textContent).toContain(ATTACK);
    expect(page.body.textContent).toContain('<script>alert(2)</script>');
    expect(page.querySelector('table')).toBeTruthy();
    expect(page.head.querySelector('style')?.textContent).toContain('@media print');
  });

  it('follows the browser language when the setting is auto (en), and opens the print dialog when asked', async () => {
    const entry = await savedWeekly('auto');
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await showPrintPage(db!, 'en-GB', `#entry=${entry.id}&print=1`, document);
    expect(document.title).toBe('Weekly report');
    expect(root.querySelector('.fk-print-bar button')?.textContent).toBe('Print or save as PDF');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain(ATTACK);
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('does not open the print dialog unless asked', async () => {
    const entry = await savedWeekly('en');
    const root = document.createElement('div');
    root.id = 'root';
    document.body.append(root);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await showPrintPage(db!, 'zh-CN', `#entry=${entry.id}`, document);
    expect(document.title).toBe('Weekly report');
    expect(print).not.toHaveBeenCalled();
  });

  it('says "not found" in the UI language for an unknown or deleted report, with no print button', async () => {
    const entry = await savedWeekly('zh-CN');
    const page = printPage();
    await showPrintPage(db!, 'en-US', '#entry=01JD0000000000000000000099&print=1', page);
    expect(page.title).toBe('未找到报告');
    expect(page.getElementById('root')?.textContent).toBe('本机上已没有这份报告：请在“报告”中重新打开后再打印。');
    expect(page.querySelector('button')).toBeNull();

    await writeSetting(db!, 'language', 'en');
    await db!.diaryEntries.update(entry.id, { deletedAt: new Date().toISOString() });
    const gone = printPage();
    await showPrintPage(db!, 'zh-CN', `#entry=${entry.id}`, gone);
    expect(gone.title).toBe('Report not found');
    expect(gone.getElementById('root')?.textContent).toBe('This report is not on this device any more: open it again from Reports and print from there.');
  });

  it('lays out a handed-over document, escaping its text; a tampered one is "not found"', async () => {
    db = freshDatabase(`print-${Math.random()}`);
    await writeSetting(db, 'language', 'en');
    const key = handOffForPrint({ ...doc(`Title ${ATTACK}`), sections: [{ id: 'plan', heading: ATTACK, blocks: [{ type: 'table', columns: [{ label: ATTACK, type: 'text' }], rows: [[ATTACK]] }] }] });
    const page = printPage();
    await showPrintPage(db, 'en', `#doc=${key}`, page);
    expect(page.title).toBe(`Title ${ATTACK}`);
    expect(page.querySelector('img')).toBeNull();
    expect(page.querySelector('td')?.textContent).toBe(ATTACK);

    localStorage.setItem('fieldkit.print.bad', JSON.stringify({ title: ATTACK }));
    const bad = printPage();
    await showPrintPage(db, 'en', '#doc=bad', bad);
    expect(bad.title).toBe('Report not found');
    expect(bad.querySelector('img')).toBeNull();
  });
});
