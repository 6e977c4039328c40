import { defineMessages } from '../../lib/kernel/i18n';

/**
 * Strings of the section error boundary (ErrorBoundary.tsx). `{section}` is the section's name as
 * the user sees it, already translated by the caller. Technical details never go in `message`.
 */
export const errorBoundaryMessages = defineMessages({
  en: {
    message:
      'Something went wrong in {section}. The rest of the page still works. Try again, and if it keeps happening, copy the details and send them to your admin.',
    retry: 'Try again',
    copyDetails: 'Copy details',
    copied: 'Copied. Paste it into a message to your admin.',
    copyFailed: 'Could not copy automatically. The details are open below; select them and copy them by hand.',
    details: 'Details',
  },
  'zh-CN': {
    message: '「{section}」出错了，页面其他部分仍可正常使用。请点“重试”；如果问题依旧，请复制详情发给管理员。',
    retry: '重试',
    copyDetails: '复制详情',
    copied: '已复制，粘贴发给管理员即可。',
    copyFailed: '无法自动复制。详情已在下方展开，请手动选中后复制。',
    details: '详情',
  },
});

export type ErrorBoundaryMessageKey = keyof (typeof errorBoundaryMessages)['en'];
