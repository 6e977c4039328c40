import { defineMessages } from '../../lib/kernel/i18n';

/**
 * The integrity signals' sentences (lib/reports/integrity.ts), one per signal and rule, worded
 * for the manager who reads the report and for the rep who wrote it. Calm: a hint with its
 * reason, never an accusation. `{what}` is the kind of report ("daily report" / "日报"); days and
 * numbers arrive formatted.
 */
export const integrityMessages = defineMessages({
  en: {
    title_manager: 'Worth a look ({count})',
    hint_manager: 'Hints, not verdicts; the rep sees them too.',
    title_rep: 'Hints your manager also sees ({count})',
    hint_rep: 'Only hints: they never stop you saving or submitting.',

    what_daily: 'daily report',
    what_weekly: 'weekly report',
    what_monthly: 'monthly report',
    what_inspection: 'market inspection report',

    manager_writtenLate_day: 'This {what} is about {reported} but was written on {written}, {days, plural, one {# day} other {# days}} later.',
    rep_writtenLate_day: 'You wrote this {what} on {written}, {days, plural, one {# day} other {# days}} after {reported}, the day it reports on. Notes written on the day are more precise.',
    manager_writtenLate_period: 'This {what} covers a period that ended on {reported}; it was written on {written}, {days, plural, one {# day} other {# days}} later.',
    rep_writtenLate_period: 'You wrote this {what} on {written}, {days, plural, one {# day} other {# days}} after its period ended on {reported}.',

    manager_manyDaysInOne_namedDays: 'The work in this {what} names other days: {days}. Several days’ work may have been written in one entry.',
    rep_manyDaysInOne_namedDays: 'Your work for the day names other days: {days}. Each day’s work in that day’s report reads more clearly to your manager.',
    manager_manyDaysInOne_sitting: 'This {what} and {others, plural, one {# other} other {# others}} ({days}) were written in one sitting on {written}, each within {minutes} minutes of the last.',
    rep_manyDaysInOne_sitting: 'You wrote this {what} and {others, plural, one {# other} other {# others}} ({days}) in one sitting on {written}, each within {minutes} minutes of the last.',

    manager_oneDaySpread_repeated: '{lines, plural, one {# line} other {# lines}} of the day’s work repeat the {what} of {earlier}, with the same quantities: one day’s work may have been reported twice.',
    rep_oneDaySpread_repeated: '{lines, plural, one {# line} other {# lines}} of your work repeat your {what} of {earlier}, with the same quantities. If it is the same event, report it only on the day it happened.',
    manager_oneDaySpread_emptyDay: 'This {what} reports no work and no visits of its own day, while the {what} of {later} reports on that day.',
    rep_oneDaySpread_emptyDay: 'This {what} has no work of its own day yet, while your {what} of {later} covers that day: that day’s work belongs here.',
    manager_oneDaySpread_visits: '{visits, plural, one {# key-account visit} other {# key-account visits}} ({days}) {visits, plural, one {was} other {were}} already reported in the weekly report of {earlier}.',
    rep_oneDaySpread_visits: '{visits, plural, one {# key-account visit} other {# key-account visits}} ({days}) {visits, plural, one {was} other {were}} already in your weekly report of {earlier}; report each visit once.',

    manager_sameAsEarlier_text: 'This {what} is {similarity}% the same as the {what} of {earlier}.',
    rep_sameAsEarlier_text: 'This {what} is {similarity}% the same as your {what} of {earlier}. Write what was particular this time (customers, quantities, results) so your manager sees the progress.',
    manager_sameAsEarlier_lines: '{lines} of the {ofLines} lines in this {what} are nearly the same as in the {what} of {earlier}.',
    rep_sameAsEarlier_lines: '{lines} of the {ofLines} lines in this {what} are nearly the same as in your {what} of {earlier}. Write what was particular this time so your manager sees the progress.',
    manager_sameAsEarlier_marker: 'The work in this {what} only says “{marker}” (the previous one is the {what} of {earlier}).',
    rep_sameAsEarlier_marker: 'Your work only says “{marker}”. Even when the work is similar, write this time’s customers, quantities and results.',

    manager_copiedInventory: 'Stock at {dealers, plural, one {# customer} other {# customers}} is exactly what it was at the last visit ({cards} of {ofCards} comparable cards, {percent}%): the counts may have been copied rather than counted.',
    rep_copiedInventory: 'Stock at {dealers, plural, one {# customer} other {# customers}} is exactly what it was at the last visit ({cards} of {ofCards} cards). If it really did not change, that is fine; if it was not counted, count it at the next visit.',

    manager_editedAfterSubmit: '{by} changed {fields, plural, one {# field} other {# fields}} on {day} at {time}, after submitting it.',
    rep_editedAfterSubmit: 'You changed {fields, plural, one {# field} other {# fields}} on {day} at {time}, after submitting; your manager can see what changed in the history.',
  },
  'zh-CN': {
    title_manager: '值得留意（{count} 条）',
    hint_manager: '这些是提示，不是结论；业务员也能看到。',
    title_rep: '经理也会看到的提示（{count} 条）',
    hint_rep: '只是提示，不影响保存和提交。',

    what_daily: '日报',
    what_weekly: '周报',
    what_monthly: '月报',
    what_inspection: '市场巡视报告',

    manager_writtenLate_day: '这份{what}记的是 {reported} 的工作，写于 {written}（晚 {days} 天）。',
    rep_writtenLate_day: '这份{what}记的是 {reported}，你在 {written} 才写（晚 {days} 天）。当天写下的细节更准确。',
    manager_writtenLate_period: '这份{what}所报的时段到 {reported} 结束，写于 {written}（晚 {days} 天）。',
    rep_writtenLate_period: '这份{what}所报的时段到 {reported} 结束，你在 {written} 才写（晚 {days} 天）。',

    manager_manyDaysInOne_namedDays: '这份{what}的今日工作里写了其他日子的事：{days}。可能是几天的工作合写在了一份里。',
    rep_manyDaysInOne_namedDays: '你的今日工作里写了其他日子的事：{days}。每天的工作写在当天的日报里，经理看得更清楚。',
    manager_manyDaysInOne_sitting: '这份{what}和另外 {others} 份（{days}）是在 {written} 一次写成的，前后相隔都不超过 {minutes} 分钟。',
    rep_manyDaysInOne_sitting: '你在 {written} 一次写了这份{what}和另外 {others} 份（{days}），前后相隔都不超过 {minutes} 分钟。',

    manager_oneDaySpread_repeated: '今日工作中有 {lines} 条与 {earlier} 的{what}相同，数量也一样：同一天的工作可能写进了两份日报。',
    rep_oneDaySpread_repeated: '你的今日工作中有 {lines} 条与 {earlier} 的{what}相同，数量也一样。如果是同一件事，只写在发生的那一天即可。',
    manager_oneDaySpread_emptyDay: '这份{what}没有写当天的工作，也没有拜访记录，而 {later} 的{what}写了这一天的事。',
    rep_oneDaySpread_emptyDay: '这份{what}还没有写当天的工作，而你 {later} 的{what}写到了这一天：那天的工作应写在这里。',
    manager_oneDaySpread_visits: '有 {visits} 次大客户走访（{days}）已在 {earlier} 的周报里报过。',
    rep_oneDaySpread_visits: '你有 {visits} 次大客户走访（{days}）已在 {earlier} 的周报里报过，同一次走访只需报一次。',

    manager_sameAsEarlier_text: '这份{what}与 {earlier} 的{what}有 {similarity}% 相同。',
    rep_sameAsEarlier_text: '这份{what}与你 {earlier} 的{what}有 {similarity}% 相同。写下这一次特有的客户、数量和结果，经理才看得出进展。',
    manager_sameAsEarlier_lines: '这份{what}的 {ofLines} 条内容中有 {lines} 条与 {earlier} 的{what}几乎相同。',
    rep_sameAsEarlier_lines: '这份{what}的 {ofLines} 条内容中有 {lines} 条与你 {earlier} 的{what}几乎相同。写下这一次特有的事，经理才看得出进展。',
    manager_sameAsEarlier_marker: '这份{what}的工作内容只写了“{marker}”（上一份是 {earlier} 的{what}）。',
    rep_sameAsEarlier_marker: '你的工作内容只写了“{marker}”。即使工作相似，也请写下这一次的客户、数量和结果。',

    manager_copiedInventory: '{dealers} 家客户的库存与上次拜访时完全相同（可比较的 {ofCards} 张客户卡中有 {cards} 张，占 {percent}%）：库存可能是照抄的，而不是清点的。',
    rep_copiedInventory: '{dealers} 家客户的库存与上次拜访时完全相同（{ofCards} 张客户卡中有 {cards} 张）。确实没有变化就没问题；如果没有清点，下次拜访时请清点后再填。',

    manager_editedAfterSubmit: '{by} 在提交后于 {day} {time} 修改了 {fields} 处内容。',
    rep_editedAfterSubmit: '你在提交后于 {day} {time} 修改了 {fields} 处内容，经理可以在修改记录里看到改了什么。',
  },
});

export type IntegrityMessageKey = keyof (typeof integrityMessages)['en'];
