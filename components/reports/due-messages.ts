import { defineMessages } from '../../lib/kernel/i18n';

/**
 * The due list's and the reminder settings' own words. What a report is, its period, when it is
 * due and its state are said by lib/reports/reminder-words.ts, shared with the notifications.
 */
export const dueListMessages = defineMessages({
  en: {
    heading: 'Reports due',
    summary: '{count, plural, one {# report} other {# reports}}{late, plural, =0 {} other {, # past the deadline}}',
    write: 'Write',
    continue: 'Continue',
    writeLabel: 'Write: {kind}, {period}',
    continueLabel: 'Continue: {kind}, {period}',
    loading: 'Checking what is due…',
  },
  'zh-CN': {
    heading: '待交报告',
    summary: '共 {count} 份{late, plural, =0 {} other {，其中 # 份已过截止时间}}',
    write: '填写',
    continue: '继续填写',
    writeLabel: '填写：{kind}，{period}',
    continueLabel: '继续填写：{kind}，{period}',
    loading: '正在查看待交报告…',
  },
});

export const reminderSettingsMessages = defineMessages({
  en: {
    heading: 'Reminders',
    enabled: 'Remind me before a report is due',
    enabledHint: 'A browser notification before the deadline, when it passes and when the report is overdue — once each. Off, the toolbar badge and Today still list what is due.',
    quiet: 'Quiet hours',
    quietHint: 'No notifications between these times; they may span midnight, such as 21:00 to 08:00. A reminder that would fall in them comes just before they begin, or after they end.',
    quietFrom: 'Quiet from',
    quietTo: 'Quiet until',
    sameTimes: 'choose an end time different from the start time',
    badTime: 'enter a time such as 21:00',
    saved: 'Saved.',
    saveFailed: 'The reminder settings could not be saved; try again.',
    permission_granted: 'This browser shows Fieldkit’s notifications.',
    permission_denied: 'This browser blocks Fieldkit’s notifications: allow them in the browser’s notification settings to get reminders.',
  },
  'zh-CN': {
    heading: '提醒',
    enabled: '报告到期前提醒我',
    enabledHint: '截止前、截止时和逾期后各弹出一次浏览器通知。关闭后，工具栏徽标和“今日”仍会列出待交报告。',
    quiet: '免打扰时段',
    quietHint: '此时段内不弹出通知，可以跨午夜，例如 21:00 至 08:00。原本落在此时段内的提醒会提前到时段开始前，或推迟到时段结束后。',
    quietFrom: '免打扰开始',
    quietTo: '免打扰结束',
    sameTimes: '请选择与开始时间不同的结束时间',
    badTime: '请输入时间，例如 21:00',
    saved: '已保存。',
    saveFailed: '提醒设置未能保存，请重试。',
    permission_granted: '此浏览器会显示 Fieldkit 的通知。',
    permission_denied: '此浏览器已屏蔽 Fieldkit 的通知：请在浏览器的通知设置中允许，才能收到提醒。',
  },
});
