import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatMonth, formatNumber, formatRelativeTime, formatWeek } from '../../lib/kernel/format';

/** Days are pure YYYY-MM-DD strings formatted in UTC, so these hold in every time zone. */
describe('formatDay', () => {
  it('writes a day in full, as a date, or short', () => {
    expect(formatDay('2026-11-30', 'zh-CN')).toBe('2026年11月30日周一');
    expect(formatDay('2026-11-30', 'en')).toBe('Mon, 30 Nov 2026');
    expect(formatDay('2026-11-30', 'zh-CN', 'date')).toBe('2026年11月30日');
    expect(formatDay('2026-11-30', 'en', 'date')).toBe('30 Nov 2026');
    expect(formatDay('2026-11-30', 'zh-CN', 'short')).toBe('11月30日周一');
    expect(formatDay('2026-11-30', 'en', 'short')).toBe('Mon 30 Nov');
  });

  it('never shifts the day, whatever the edge of the year', () => {
    expect(formatDay('2026-01-01', 'en', 'date')).toBe('1 Jan 2026');
    expect(formatDay('2026-12-31', 'zh-CN', 'date')).toBe('2026年12月31日');
  });

  it('returns what is not a day unchanged', () => {
    expect(formatDay('soon', 'en')).toBe('soon');
    expect(formatDay('2026-W49', 'zh-CN')).toBe('2026-W49');
  });
});

describe('formatWeek and formatMonth', () => {
  it('write an ISO week', () => {
    expect(formatWeek('2026-W49', 'zh-CN')).toBe('2026年第49周');
    expect(formatWeek('2026-W49', 'en')).toBe('Week 49, 2026');
    expect(formatWeek('2027-W01', 'en')).toBe('Week 1, 2027');
    expect(formatWeek('2026-11', 'en')).toBe('2026-11');
  });

  it('write a month', () => {
    expect(formatMonth('2026-11', 'zh-CN')).toBe('2026年11月');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatMonth('2026-13', 'en')).toBe('2026-13');
  });
});

describe('numbers and money', () => {
  it('group numbers in the UI language', () => {
    expect(formatNumber(12000.5, 'en')).toBe('12,000.5');
    expect(formatNumber(12000.5, 'zh-CN')).toBe('12,000.5');
    expect(formatNumber(0.14, 'en', { style: 'percent' })).toBe('14%');
  });

  it('write CNY with ¥ in both languages, other currencies with their sign, whole amounts without .00', () => {
    expect(formatMoney(35, 'CNY', 'en')).toBe('¥35');
    expect(formatMoney(35, 'CNY', 'zh-CN')).toBe('¥35');
    expect(formatMoney(3.5, 'CNY', 'en')).toBe('¥3.50');
    expect(formatMoney(12000, 'cny', 'en')).toBe('¥12,000');
    expect(formatMoney(5, 'USD', 'en')).toBe('$5');
    expect(formatMoney(5, 'USD', 'zh-CN')).toBe('US$5');
  });

  it('write an unknown currency code before the number', () => {
    expect(formatMoney(5, 'points', 'en')).toBe('points 5');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  it('says how long ago, in the UI language', () => {
    expect(formatRelativeTime('2026-11-30T09:55:00Z', 'zh-CN', now)).toBe('5分钟前');
    expect(formatRelativeTime('2026-11-30T09:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-30T07:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-11-29T10:00:00Z', 'en', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-11-29T10:00:00Z', 'zh-CN', now)).toBe('昨天');
  });

  it('gives the day itself beyond a week', () => {
    expect(formatRelativeTime('2026-11-02T12:00:00Z', 'en', now, 'UTC')).toBe('Mon 2 Nov');
    expect(formatRelativeTime('2025-11-02T12:00:00Z', 'zh-CN', now, 'UTC')).toBe('2025年11月2日');
    expect(formatRelativeTime('2026-11-02T20:00:00Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('11月3日周二');
  });
});
