/**
 * Deadlines in words, in both languages: the rule of each subject ("每周五 18:00；周一 09:00 前须说明原因"
 * / "Fridays 18:00; until Monday 09:00 with a reason"), a due instant in the author's time zone
 * ("11月27日（周五）18:00" / "Fri 27 Nov, 18:00"), and the Options › Deadlines section's words.
 * `describeDeadline`, `formatDueAt` and `subjectName` are plain functions (no hooks) so any UI —
 * the editor, the due list, a notification — can say a deadline the same way.
 */
import { defineMessages, translator, type Locale } from '../kernel/i18n';
import type { DeadlineRule, DeadlineSubject } from './deadline-rules';

export const deadlineWordsMessages = defineMessages({
  en: {
    weekday_1: 'Monday',
    weekday_2: 'Tuesday',
    weekday_3: 'Wednesday',
    weekday_4: 'Thursday',
    weekday_5: 'Friday',
    weekday_6: 'Saturday',
    weekday_7: 'Sunday',
    sameDay: '{eod, select, yes {By the end of the day} other {Same day, {time}}}',
    weekday: '{eod, select, yes {By the end of each {weekday}} other {{weekday}s {time}}}',
    weekdayLater: '{weekday} {time}, {weeks, plural, one {# week} other {# weeks}} after the week reported on',
    grace: '; until {weekday} {time} with a reason',
    monthDayBefore: 'Before the {next, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} of {month, select, next {the next month} other {the month}}',
    monthDayEnd: 'By the end of the {day, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} of {month, select, next {the next month} other {the month}}',
    monthDayAt: 'The {day, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} of {month, select, next {the next month} other {the month}}, {time}',
    monthLastEnd: 'By the end of the last day of {month, select, next {the next month} other {the month}}',
    monthLastAt: 'The last day of {month, select, next {the next month} other {the month}}, {time}',
    capped: ' (the last day in shorter months)',
    withinDaysEnd: 'Within {days, plural, one {# day} other {# days}}',
    withinDaysAt: '{days, plural, one {# day} other {# days}} later, by {time}',
    dueAt: '{weekday} {day} {month}, {time}',
    subject_terminalDaily: 'Dealer terminal daily report',
    subject_daily: 'Daily report',
    subject_weekly: 'Weekly report',
    subject_customerFile: 'Weekly customer-file update',
    subject_rebateTables: 'Rebate tables',
    subject_monthlyRep: 'Monthly report (rep)',
    subject_monthlyManager: 'Monthly report (regional manager)',
    subject_assessmentForms: 'Assessment forms to HR',
    subject_feedbackInterview: 'Feedback interview after an assessment',
    subject_inspection: 'Market inspection report',
  },
  'zh-CN': {
    weekday_1: '周一',
    weekday_2: '周二',
    weekday_3: '周三',
    weekday_4: '周四',
    weekday_5: '周五',
    weekday_6: '周六',
    weekday_7: '周日',
    sameDay: '{eod, select, yes {当天结束前} other {当天 {time}}}',
    weekday: '{eod, select, yes {每{weekday}结束前} other {每{weekday} {time}}}',
    weekdayLater: '所报那周之后第 {weeks} 周的{weekday} {time}',
    grace: '；{weekday} {time} 前须说明原因',
    monthDayBefore: '{month, select, next {次月} other {每月}} {next} 日前',
    monthDayEnd: '{month, select, next {次月} other {每月}} {day} 日结束前',
    monthDayAt: '{month, select, next {次月} other {每月}} {day} 日 {time}',
    monthLastEnd: '{month, select, next {次月} other {每月}}最后一天结束前',
    monthLastAt: '{month, select, next {次月} other {每月}}最后一天 {time}',
    capped: '（小月为当月最后一天）',
    withinDaysEnd: '{days} 天内',
    withinDaysAt: '{days} 天后 {time} 前',
    dueAt: '{month}月{day}日（{weekday}）{time}',
    subject_terminalDaily: '经销商终端日报',
    subject_daily: '日报',
    subject_weekly: '周报',
    subject_customerFile: '客户档案周更新',
    subject_rebateTables: '返利表',
    subject_monthlyRep: '月报（销售员）',
    subject_monthlyManager: '月报（区域经理）',
    subject_assessmentForms: '考核表（交人事）',
    subject_feedbackInterview: '考核后反馈面谈',
    subject_inspection: '市场巡视报告',
  },
});

type WordKey = keyof (typeof deadlineWordsMessages)['en'];
type WeekdayKey = Extract<WordKey, `weekday_${number}`>;

const END_OF_DAY = '23:59:59';

/** "18:00" for 18:00 and 18:00:00; seconds only when they are not zero. */
export function timeWords(time: string): string {
  return time.length === 8 && time.endsWith(':00') ? time.slice(0, 5) : time;
}

function weekdayName(weekday: number, locale: Locale): string {
  return translator(deadlineWordsMessages, locale)(`weekday_${weekday}` as WeekdayKey);
}

/** The name of what a deadline is for, e.g. 周报 / Weekly report. */
export function subjectName(subject: DeadlineSubject | string, locale: Locale): string {
  const t = translator(deadlineWordsMessages, locale);
  const key = `subject_${subject}` as WordKey;
  return key in deadlineWordsMessages.en ? t(key) : subject;
}

/** A rule in words, e.g. "每周五 18:00；周一 09:00 前须说明原因" / "Fridays 18:00; until Monday 09:00 with a reason". */
export function describeDeadline(rule: DeadlineRule, locale: Locale): string {
  const t = translator(deadlineWordsMessages, locale);
  const eod = rule.time === END_OF_DAY ? 'yes' : 'no';
  const time = timeWords(rule.time);
  switch (rule.type) {
    case 'sameDay':
      return t('sameDay', { eod, time });
    case 'weekday': {
      const weekday = weekdayName(rule.weekday, locale);
      const due = rule.weekOffset ? t('weekdayLater', { weekday, time, weeks: rule.weekOffset }) : t('weekday', { eod, weekday, time });
      return rule.grace ? due + t('grace', { weekday: weekdayName(rule.grace.weekday, locale), time: timeWords(rule.grace.time) }) : due;
    }
    case 'monthDay': {
      const month = rule.month;
      if (rule.day === 'last') return eod === 'yes' ? t('monthLastEnd', { month }) : t('monthLastAt', { month, time });
      const capped = rule.day > 28 ? t('capped') : '';
      // "Before the 25th" reads better than "by the end of the 24th" where the next day always exists.
      if (eod === 'yes' && rule.day <= 27) return t('monthDayBefore', { month, next: rule.day + 1 });
      return (eod === 'yes' ? t('monthDayEnd', { month, day: rule.day }) : t('monthDayAt', { month, day: rule.day, time })) + capped;
    }
    case 'withinDays':
      return eod === 'yes' ? t('withinDaysEnd', { days: rule.days }) : t('withinDaysAt', { days: rule.days, time });
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

/** A due instant as the author's wall clock: "11月27日（周五）18:00" / "Fri 27 Nov, 18:00". */
export function formatDueAt(instant: string, timeZone: string, locale: Locale): string {
  const key = `${locale}|${timeZone}`;
  let format = partsCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: locale === 'zh-CN' ? 'numeric' : 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return translator(deadlineWordsMessages, locale)('dueAt', {
    weekday: parts.weekday ?? '',
    day: parts.day ?? '',
    month: parts.month ?? '',
    time: `${parts.hour}:${parts.minute}`,
  });
}
