// @vitest-environment jsdom
/*
 * The integrity signals list: one calm sentence per signal saying why it fired, in the UI
 * language with days and numbers formatted, worded for the manager or the rep; nothing when
 * there are no signals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { IntegritySignals } from '../../components/reports/IntegritySignals';
import type { IntegritySignal } from '../../lib/reports/integrity';
import { inLocale } from './helpers';

afterEach(cleanup);

const NOW = new Date('2026-12-01T09:00:00+08:00');

const SIGNALS: IntegritySignal[] = [
  { kind: 'writtenLate', params: { entryKind: 'daily', reportedDay: '2026-11-20', writtenDay: '2026-11-23', days: 3 }, relatedIds: [] },
  { kind: 'manyDaysInOne', params: { entryKind: 'daily', basis: 'namedDays', days: '2026-11-23,2026-11-24', count: 2 }, relatedIds: [] },
  { kind: 'sameAsEarlier', params: { entryKind: 'daily', basis: 'text', similarity: 92, earlierDay: '2026-11-19', lines: 3, ofLines: 3 }, relatedIds: ['a'] },
  { kind: 'copiedInventory', params: { entryKind: 'daily', cards: 4, ofCards: 5, dealers: 4, percent: 80 }, relatedIds: [] },
  { kind: 'editedAfterSubmit', params: { entryKind: 'daily', by: '张伟', byId: 'owner-101', at: '2026-11-24T01:15:00.000Z', day: '2026-11-24', time: '09:15', fields: 1 }, relatedIds: [] },
];

/** Each sentence as read: dates are kept on one line with word joiners and no-break spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\u2060/g, '').replace(/\u00a0/g, ' ');
const items = () => within(screen.getByRole('list')).getAllByRole('listitem').map((li) => plain(li.textContent));

describe('IntegritySignals', () => {
  it('says why each signal fired to the manager, in Chinese', () => {
    inLocale('zh-CN', <IntegritySignals signals={SIGNALS} audience="manager" now={NOW} />);
    expect(screen.getByRole('region', { name: '值得留意（5 条）' })).toBeTruthy();
    expect(items()).toEqual([
      '这份日报记的是 11月20日周五 的工作，写于 11月23日周一（晚 3 天）。',
      '这份日报的今日工作里写了其他日子的事：11月23日周一和11月24日周二。可能是几天的工作合写在了一份里。',
      '这份日报与 11月19日周四 的日报有 92% 相同。',
      '4 家客户的库存与上次拜访时完全相同（可比较的 5 张客户卡中有 4 张，占 80%）：库存可能是照抄的，而不是清点的。',
      '张伟 在提交后于 11月24日周二 09:15 修改了 1 处内容。',
    ]);
  });

  it('says why each signal fired to the rep, in English, with plurals', () => {
    inLocale('en', <IntegritySignals signals={SIGNALS} audience="rep" now={NOW} />);
    expect(screen.getByRole('heading', { name: 'Hints your manager also sees (5)' })).toBeTruthy();
    expect(screen.getByText('Only hints: they never stop you saving or submitting.')).toBeTruthy();
    expect(items()).toEqual([
      'You wrote this daily report on Mon 23 Nov, 3 days after Fri 20 Nov, the day it reports on. Notes written on the day are more precise.',
      'Your work for the day names other days: Mon 23 Nov and Tue 24 Nov. Each day’s work in that day’s report reads more clearly to your manager.',
      'This daily report is 92% the same as your daily report of Thu 19 Nov. Write what was particular this time (customers, quantities, results) so your manager sees the progress.',
      'Stock at 4 customers is exactly what it was at the last visit (4 of 5 cards). If it really did not change, that is fine; if it was not counted, count it at the next visit.',
      'You changed 1 field on Tue 24 Nov at 09:15, after submitting; your manager can see what changed in the history.',
    ]);
  });

  it('words every rule for both audiences in both languages, with no raw dates or missing values', () => {
    const all: IntegritySignal[] = [
      { kind: 'writtenLate', params: { entryKind: 'weekly', reportedDay: '2026-11-22', writtenDay: '2026-11-25', days: 3 }, relatedIds: [] },
      { kind: 'manyDaysInOne', params: { entryKind: 'daily', basis: 'sitting', days: '2026-11-23,2026-11-24', count: 3, writtenDay: '2026-11-25', minutes: 30 }, relatedIds: [] },
      { kind: 'oneDaySpread', params: { entryKind: 'daily', basis: 'repeated', earlierDay: '2026-11-23', lines: 2, ofLines: 4 }, relatedIds: [] },
      { kind: 'oneDaySpread', params: { entryKind: 'daily', basis: 'emptyDay', laterDay: '2026-11-24' }, relatedIds: [] },
      { kind: 'oneDaySpread', params: { entryKind: 'weekly', basis: 'visits', visits: 1, days: '2026-11-20', earlierDay: '2026-11-16' }, relatedIds: [] },
      { kind: 'sameAsEarlier', params: { entryKind: 'monthly', basis: 'lines', similarity: 70, earlierDay: '2026-10-01', lines: 4, ofLines: 5 }, relatedIds: [] },
      { kind: 'sameAsEarlier', params: { entryKind: 'daily', basis: 'marker', marker: '同昨日', earlierDay: '2026-11-23' }, relatedIds: [] },
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const audience of ['manager', 'rep'] as const) {
        const { unmount } = inLocale(locale, <IntegritySignals signals={all} audience={audience} now={NOW} />);
        const texts = items();
        expect(texts, `${locale} ${audience}`).toHaveLength(all.length);
        for (const text of texts) {
          expect(text, `${locale} ${audience}`).not.toMatch(/\d{4}-\d{2}-\d{2}|\{|undefined|NaN/);
          if (locale === 'zh-CN') expect(text, audience).not.toMatch(/[A-Za-z]{3,}/);
        }
        unmount();
      }
    }
  });

  it('formats weeks, months and key-account visits the way each language reads them', () => {
    const signals: IntegritySignal[] = [
      { kind: 'oneDaySpread', params: { entryKind: 'weekly', basis: 'visits', visits: 2, days: '2026-11-20,2026-11-21', earlierDay: '2026-11-16' }, relatedIds: [] },
      { kind: 'sameAsEarlier', params: { entryKind: 'monthly', basis: 'text', similarity: 88, earlierDay: '2026-10-01', lines: 2, ofLines: 2 }, relatedIds: [] },
      { kind: 'manyDaysInOne', params: { entryKind: 'daily', basis: 'sitting', days: '2026-11-23', count: 2, writtenDay: '2026-11-25', minutes: 30 }, relatedIds: [] },
    ];
    inLocale('zh-CN', <IntegritySignals signals={signals} audience="manager" now={NOW} />);
    expect(items()).toEqual([
      '有 2 次大客户走访（11月20日周五和11月21日周六）已在 2026年第47周 的周报里报过。',
      '这份月报与 2026年10月 的月报有 88% 相同。',
      '这份日报和另外 1 份（11月23日周一）是在 11月25日周三 一次写成的，前后相隔都不超过 30 分钟。',
    ]);
    cleanup();
    inLocale('en', <IntegritySignals signals={signals} audience="manager" now={NOW} />);
    expect(items()).toEqual([
      '2 key-account visits (Fri 20 Nov and Sat 21 Nov) were already reported in the weekly report of Week 47, 2026.',
      'This monthly report is 88% the same as the monthly report of October 2026.',
      'This daily report and 1 other (Mon 23 Nov) were written in one sitting on Wed 25 Nov, each within 30 minutes of the last.',
    ]);
  });

  it('keeps each date on one line', () => {
    inLocale('zh-CN', <IntegritySignals signals={SIGNALS.slice(0, 1)} audience="manager" now={NOW} />);
    const raw = screen.getByRole('listitem').textContent ?? '';
    expect(raw).toContain(['1', '1', '月', '2', '0', '日', '周', '五'].join('\u2060'));
    cleanup();
    inLocale('en', <IntegritySignals signals={SIGNALS.slice(0, 1)} audience="manager" now={NOW} />);
    expect(screen.getByRole('listitem').textContent).toContain('Fri\u00a020\u00a0Nov');
  });

  it('writes the year of a day from another year', () => {
    const signals: IntegritySignal[] = [{ kind: 'writtenLate', params: { entryKind: 'daily', reportedDay: '2025-12-29', writtenDay: '2026-01-02', days: 4 }, relatedIds: [] }];
    inLocale('en', <IntegritySignals signals={signals} audience="manager" now={NOW} />);
    expect(items()).toEqual(['This daily report is about 29 Dec 2025 but was written on Fri 2 Jan, 4 days later.']);
  });

  it('shows sameAsEarlier and copied stock as warnings and the rest as information, never as errors', () => {
    const { container } = inLocale('en', <IntegritySignals signals={SIGNALS} audience="manager" now={NOW} />);
    const boxes = [...container.querySelectorAll('li > p')].map((p) => p.className);
    expect(boxes.map((c) => (c.includes('bg-warn-soft') ? 'warn' : c.includes('bg-info-soft') ? 'info' : 'other'))).toEqual(['info', 'info', 'warn', 'warn', 'info']);
    expect(container.innerHTML).not.toContain('danger');
  });

  it('renders nothing without signals, or with only signals this version does not know', () => {
    const { container } = inLocale('zh-CN', <IntegritySignals signals={[]} audience="manager" />);
    expect(container.querySelector('[data-testid="integrity-signals"]')).toBeNull();
    cleanup();
    const unknown = [{ kind: 'somethingNew', params: {}, relatedIds: [] }] as unknown as IntegritySignal[];
    const second = inLocale('en', <IntegritySignals signals={unknown} audience="rep" />);
    expect(second.container.textContent).toBe('');
  });
});
