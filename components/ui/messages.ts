import { defineMessages } from '../../lib/kernel/i18n';

/** Strings of the shared form primitives; each feature folder has its own bundle for the rest. */
export const uiMessages = defineMessages({
  en: {
    fieldError: '{field}: {message}',
    lineLabel: '{label}, line {n}',
    addLine: 'Add line',
    addLineTo: 'Add line ({label})',
    removeLine: 'Remove line {n} of {label}',
    removeTag: 'Remove {tag}',
    tagsHint: 'Press Enter or comma after each one.',
    saving: 'Saving…',
    saveFailed: 'Could not save: {message}. Everything you typed is still here.',
    optional: '(optional)',
  },
  'zh-CN': {
    fieldError: '{field}：{message}',
    lineLabel: '{label}第 {n} 行',
    addLine: '添加一行',
    addLineTo: '添加一行（{label}）',
    removeLine: '删除{label}第 {n} 行',
    removeTag: '移除 {tag}',
    tagsHint: '每输入一个按回车或逗号确认。',
    saving: '正在保存…',
    saveFailed: '保存失败：{message}。已填写的内容都还在，可以直接重试。',
    optional: '（选填）',
  },
});
