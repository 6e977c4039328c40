/**
 * A due report in words, in both languages, for the side panel's list and the browser
 * notification alike (the background cannot import components, so the words live here): what
 * it is, for which period, when it is due in the author's zone, and how urgent it is.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isoWeekOf } from '../kernel/dates';
import { formatDay, formatMonth } from '../kernel/format';
import { defineMessages, translator, type Locale } from '../kernel/i18n';
import { addDaysToDay } from './deadlines';
import { localClock, type DueItem, type ReminderKind, type ReminderStage } from './reminders';

export const reminderWords = defineMessages({
  en: {
    kind_daily: 'Daily report',
    kind_weekly: 'Weekly report',
    kind_monthly: 'Monthly report',
    weekPeriod: 'Week {week} ({from} – {to})',
    dueToday: 'today at {time}',
    dueTomorrow: 'tomorrow at {time}',
    dueYesterday: 'yesterday at {time}',
    dueOn: '{day} at {time}',
    state_upcoming: 'Due soon',
    state_due: 'Due today',
    state_grace: 'Needs a reason',
    state_overdue: '{days, plural, =0 {Overdue} one {# day overdue} other {# days overdue}}',
    dueLine: 'Due {due}',
    graceLine: 'Was due {due}; on time until {grace} with a reason',
    overdueLine: 'Was due {due}',
    title_upcoming: '{kind} due soon',
    title_grace: '{kind}: the deadline has passed',
    title_overdue: '{kind} overdue',
    message_upcoming: '{period} · due {due}. Click to write it.',
    message_grace: '{period} · still on time with a reason until {grace}. Click to write it.',
    message_overdue: '{period} · was due {due}. Click to write it.',
    actionTitle: '{count, plural, =0 {Fieldkit} one {Fieldkit · # report due} other {Fieldkit · # reports due}}{late, plural, =0 {} other {, # past the deadline}}',
  },
  'zh-CN': {
    kind_daily: '日报',
    kind_weekly: '周报',
    kind_monthly: '月报',
    weekPeriod: '第{week}周（{from}–{to}）',
    dueToday: '今天 {time}',
    dueTomorrow: '明天 {time}',
    dueYesterday: '昨天 {time}',
    dueOn: '{day} {time}',
    state_upcoming: '即将到期',
    state_due: '今天截止',
    state_grace: '宽限期（需说明原因）',
    state_overdue: '{days, plural, =0 {已逾期} other {已逾期 # 天}}',
    dueLine: '{due} 截止',
    graceLine: '已于{due} 截止；{grace} 前提交须说明原因',
    overdueLine: '已于{due} 截止',
    title_upcoming: '{kind}快到截止时间了',
    title_grace: '{kind}已过截止时间',
    title_overdue: '{kind}已逾期',
    message_upcoming: '{period}，{due} 截止。点击填写。',
    message_grace: '{period}，{grace} 前提交须说明原因。点击填写。',
    message_overdue: '{period}，已于{due} 截止。点击填写。',
    actionTitle: '{count, plural, =0 {Fieldkit} other {Fieldkit · # 份报告待交}}{late, plural, =0 {} other {，其中 # 份已过截止时间}}',
  },
});

type Key = keyof (typeof reminderWords)['en'];

const monthDayFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
};

/** A day without year or weekday: "11月30日" / "30 Nov". */
function monthDay(day: string, locale: Locale): string {
  return nowrap(monthDayFormats[locale].format(new Date(`${day}T00:00:00Z`)));
}

/** Keeps a short phrase on one line ("30 Nov", "Fri 4 Dec"): its spaces become non-breaking. */
function nowrap(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

export function kindName(kind: ReminderKind, locale: Locale): string {
  return translator(reminderWords, locale)(`kind_${kind}` as Key);
}

/** The period a report covers, in words: a day ("12月3日周四"), a week with its days, a month. */
export function periodWords(item: Pick<DueItem, 'kind' | 'periodStart' | 'periodEnd'>, locale: Locale): string {
  if (item.kind === 'monthly') return nowrap(formatMonth(item.periodStart.slice(0, 7), locale));
  if (item.kind === 'weekly') {
    const week = Number(isoWeekOf(item.periodStart).slice(6));
    return translator(reminderWords, locale)('weekPeriod', { week, from: monthDay(item.periodStart, locale), to: monthDay(item.periodEnd, locale) });
  }
  return formatDay(item.periodStart, locale, 'short');
}

/** An instant as the author's wall clock relative to today: "今天 18:00", "tomorrow at 18:00", "12月31日周四 23:59". */
export function dueWords(instant: string, now: string | number, timeZone: string, locale: Locale): string {
  const t = translator(reminderWords, locale);
  const at = localClock(instant, timeZone);
  const today = localClock(now, timeZone).day;
  const time = format(new TZDate(Date.parse(instant), timeZone), 'HH:mm');
  if (at.day === today) return t('dueToday', { time });
  if (at.day === addDaysToDay(today, 1)) return t('dueTomorrow', { time });
  if (at.day === addDaysToDay(today, -1)) return t('dueYesterday', { time });
  return t('dueOn', { day: nowrap(formatDay(at.day, locale, 'short')), time });
}

/** The state in words: 即将到期 / 今天截止 / 宽限期（需说明原因）/ 已逾期 N 天. */
export function stateWords(item: Pick<DueItem, 'state' | 'daysOverdue'>, locale: Locale): string {
  const t = translator(reminderWords, locale);
  return item.state === 'overdue' ? t('state_overdue', { days: item.daysOverdue ?? 0 }) : t(`state_${item.state}` as Key);
}

/** The line under an item: when it is (or was) due, and until when a reason makes it on time. */
export function deadlineLine(item: DueItem, now: string | number, timeZone: string, locale: Locale): string {
  const t = translator(reminderWords, locale);
  const due = dueWords(item.dueAt, now, timeZone, locale);
  if (item.state === 'grace' && item.graceUntil) return t('graceLine', { due, grace: dueWords(item.graceUntil, now, timeZone, locale) });
  if (item.state === 'overdue') return t('overdueLine', { due });
  return t('dueLine', { due });
}

/** A browser notification's title and message for an item's reminder stage. */
export function notificationWords(item: DueItem, stage: ReminderStage, now: string | number, timeZone: string, locale: Locale): { title: string; message: string } {
  const t = translator(reminderWords, locale);
  const kind = kindName(item.kind, locale);
  const period = periodWords(item, locale);
  const due = dueWords(item.dueAt, now, timeZone, locale);
  const grace = item.graceUntil ? dueWords(item.graceUntil, now, timeZone, locale) : due;
  return { title: t(`title_${stage}` as Key, { kind }), message: t(`message_${stage}` as Key, { period, due, grace }) };
}

/** The toolbar button's tooltip: how many reports are due and how many are past their deadline (the badge shows the count). */
export function actionTitle(items: readonly Pick<DueItem, 'state'>[], locale: Locale): string {
  const late = items.filter((i) => i.state === 'grace' || i.state === 'overdue').length;
  return translator(reminderWords, locale)('actionTitle', { count: items.length, late });
}
